// Follower tokens move from a raw column to hashes (20261204-0190 … 0210): the links in
// mail sent before the upgrade keep working, nothing else about followers changes, and the
// migrations go down and up again.
import { createHash } from 'node:crypto';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { migrations } from '../../src/db/migrations/index.js';
import { findFollowerByToken } from '../../src/features/comments/followers/followers.repository.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';

const OURS = [
  '20261204-0190-follower-tokens',
  '20261204-0200-hash-follower-tokens',
  '20261204-0210-drop-follower-token',
];
/** The migration just before ours, whichever it is. */
const BEFORE = Object.keys(migrations)[Object.keys(migrations).indexOf(OURS[0]!) - 1]!;

function migrator(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  });
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** This test's tables (PostgreSQL lists those of every schema in the database). */
async function tablesOf(handle: DatabaseHandle) {
  const tables = await handle.db.introspection.getTables();
  return tables.filter((t) => !handle.schema || t.schema === handle.schema);
}

async function columnsOf(handle: DatabaseHandle, table: string): Promise<string[]> {
  const tables = await tablesOf(handle);
  return (tables.find((t) => t.name === table)?.columns ?? []).map((c) => c.name);
}

for (const backend of backends) {
  describe(`hashing follower tokens on ${backend.name}`, { timeout: 300_000 }, () => {
    let handle: DatabaseHandle;
    afterEach(async () => handle?.close());

    it('keeps old links working, keeps every follower and its id counter, and goes down and up', async () => {
      handle = await backend.open({ migrate: false });
      const m = migrator(handle);
      const to = await m.migrateTo(BEFORE);
      expect(to.error).toBeUndefined();
      // Written as the code before the change wrote it: a raw token per follower.
      // biome-ignore lint/suspicious/noExplicitAny: the schema of an older version
      const old = handle.db as unknown as Kysely<any>;
      const article = await createArticle(handle.db);
      const now = '2026-03-01T10:00:00.000Z';
      const addresses: number[] = [];
      for (const email of ['a@example.nl', 'b@example.nl', 'c@example.nl']) {
        const row = await old
          .insertInto('addresses')
          .values({ email, created_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        addresses.push(row.id);
      }
      const tokens = ['oude-token-van-anna-000001', 'oude-token-van-bert-000002', 'weg-token-03'];
      const ids: number[] = [];
      for (const [i, token] of tokens.entries()) {
        const row = await old
          .insertInto('followers')
          .values({
            article_id: article.id,
            address_id: addresses[i],
            reader_key: i === 0 ? 'lezer-1' : null,
            confirmed_at: i === 1 ? null : now,
            mode: i === 0 ? 'daily' : 'instant',
            token,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.push(row.id);
      }
      // The newest follower is gone before the upgrade: its id must not come back.
      await old.deleteFrom('followers').where('id', '=', ids[2]).execute();
      const before = await old
        .selectFrom('followers')
        .select([
          'id',
          'article_id',
          'address_id',
          'reader_key',
          'confirmed_at',
          'mode',
          'created_at',
        ])
        .orderBy('id')
        .execute();

      const up = await m.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(up.results?.map((r) => r.migrationName)).toEqual(expect.arrayContaining(OURS));
      expect(await columnsOf(handle, 'followers')).not.toContain('token');
      const after = await handle.db.selectFrom('followers').selectAll().orderBy('id').execute();
      expect(after).toEqual(before);
      const hashes = await handle.db
        .selectFrom('follower_tokens')
        .select(['token_hash', 'follower_id'])
        .orderBy('follower_id')
        .execute();
      expect(hashes).toEqual([
        { token_hash: sha256(tokens[0]!), follower_id: ids[0] },
        { token_hash: sha256(tokens[1]!), follower_id: ids[1] },
      ]);
      // The link in a mail sent before the upgrade finds its follower; nothing stores the raw token.
      expect((await findFollowerByToken(handle.db, tokens[0]!))?.id).toBe(ids[0]);
      expect((await findFollowerByToken(handle.db, tokens[1]!))?.email).toBe('b@example.nl');
      expect(await findFollowerByToken(handle.db, tokens[2]!)).toBeUndefined();
      // Constraints and cascades still hold.
      const next = await handle.db
        .insertInto('followers')
        .values({
          article_id: article.id,
          address_id: addresses[2]!,
          reader_key: null,
          confirmed_at: null,
          mode: 'instant',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(next.id).toBeGreaterThan(ids[2]!);
      await expect(
        handle.db
          .insertInto('followers')
          .values({
            article_id: article.id,
            address_id: addresses[2]!,
            reader_key: null,
            confirmed_at: null,
            mode: 'instant',
            created_at: now,
          })
          .execute(),
      ).rejects.toThrow();
      await expect(
        sql`update followers set mode = 'weekly' where id = ${next.id}`.execute(handle.db),
      ).rejects.toThrow();
      await handle.db.deleteFrom('followers').where('id', '=', ids[0]!).execute();
      expect(
        await handle.db
          .selectFrom('follower_tokens')
          .select('follower_id')
          .where('follower_id', '=', ids[0]!)
          .execute(),
      ).toEqual([]);

      // Down: the raw column is back, filled and unique (the old tokens cannot come back).
      // (Later migrations are undone on the way: their down runs too.)
      expect((await m.migrateTo(OURS[0]!)).error).toBeUndefined();
      expect((await m.migrateDown()).error).toBeUndefined();
      expect(await columnsOf(handle, 'followers')).toContain('token');
      expect((await tablesOf(handle)).map((t) => t.name)).not.toContain('follower_tokens');
      const restored = await old.selectFrom('followers').select(['id', 'token']).execute();
      expect(restored).toHaveLength(2);
      for (const row of restored) expect(row.token).toMatch(/^[0-9a-f]{32,}$/);
      await expect(
        old
          .updateTable('followers')
          .set({ token: restored[0]!.token })
          .where('id', '=', restored[1]!.id)
          .execute(),
      ).rejects.toThrow();
      expect((await m.migrateToLatest()).error).toBeUndefined();
      expect(
        await handle.db.selectFrom('follower_tokens').select('follower_id').execute(),
      ).toHaveLength(2);
    });
  });
}
