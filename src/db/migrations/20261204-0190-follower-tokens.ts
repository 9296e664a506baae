// The links in follower mail (confirm, change mode, unsubscribe) carry a token that only
// its SHA-256 in this table can match, one row per token handed out. Each mail gets a
// token of its own, minted when it is sent, so no raw token is stored anywhere and every
// link ever mailed keeps working for as long as the follower exists.
import type { MigrationDb } from '../migration-helpers.js';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('follower_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('follower_id', 'integer', (c) =>
      c.notNull().references('followers.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Deleting a follower removes its tokens through this index, not a scan of all tokens.
  await db.schema
    .createIndex('follower_tokens_follower')
    .on('follower_tokens')
    .column('follower_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('follower_tokens').execute();
}
