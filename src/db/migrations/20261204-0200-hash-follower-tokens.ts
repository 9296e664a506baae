// Data: the raw token of every existing follower goes into follower_tokens as its SHA-256,
// so the links in mail already sent keep working once the raw column is dropped
// (20261204-0210). The hash is computed here, not by app code, so that this migration
// stays what it was when it landed.
import { createHash } from 'node:crypto';
import { isPostgres, type MigrationDb } from '../migration-helpers.js';

const BATCH = 500;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

async function copyHashes(db: MigrationDb): Promise<void> {
  let after = 0;
  for (;;) {
    const rows: { id: number; token: string; created_at: string }[] = await db
      .selectFrom('followers')
      .select(['id', 'token', 'created_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    await db
      .insertInto('follower_tokens')
      .values(
        rows.map((r) => ({
          token_hash: sha256(r.token),
          follower_id: r.id,
          created_at: r.created_at,
        })),
      )
      .onConflict((oc) => oc.column('token_hash').doNothing())
      .execute();
    after = rows[rows.length - 1]!.id;
  }
}

export async function up(db: MigrationDb): Promise<void> {
  // PostgreSQL runs each migration in a transaction already; SQLite gets one here.
  if (isPostgres(db)) await copyHashes(db);
  else await db.transaction().execute((trx) => copyHashes(trx));
}

export async function down(db: MigrationDb): Promise<void> {
  // Before 0190's table goes, nothing reads it: the raw column is back (0210 down).
  await db.deleteFrom('follower_tokens').execute();
}
