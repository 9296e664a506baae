// The raw follower token goes: links are matched through follower_tokens (0190, 0200).
//
// SQLite cannot drop a column with a UNIQUE constraint, so there the table is rebuilt
// (https://sqlite.org/lang_altertable.html#otheralter): with foreign keys off, or dropping
// the old table would cascade into follower_tokens, and with the AUTOINCREMENT counter
// carried over, so that the id of a deleted follower is never handed out again (job keys
// such as `follow-confirm:<id>` must stay unique).
//
// Down brings the column back with a fresh random token per follower: raw tokens cannot be
// recovered from their hashes, so links mailed before the downgrade stop working.
import { sql } from 'kysely';
import { isPostgres, type MigrationDb } from '../migration-helpers.js';

const KEPT = 'id, article_id, address_id, reader_key, confirmed_at, mode, created_at';

function followersTable(name: string, withToken: boolean) {
  return sql.raw(`create table ${name} (
    id integer primary key autoincrement,
    article_id integer not null references articles (id) on delete cascade,
    address_id integer not null references addresses (id) on delete cascade,
    reader_key text,
    confirmed_at text,
    mode text not null default 'instant',
    ${withToken ? 'token text not null unique,' : ''}
    created_at text not null,
    constraint followers_mode check (mode in ('instant', 'daily')),
    constraint followers_article_address unique (article_id, address_id)
  )`);
}

async function rebuildSqlite(db: MigrationDb, withToken: boolean): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await followersTable('followers_rebuilt', withToken).execute(trx);
      await sql
        .raw(
          withToken
            ? `insert into followers_rebuilt (${KEPT}, token) select ${KEPT}, lower(hex(randomblob(24))) from followers`
            : `insert into followers_rebuilt (${KEPT}) select ${KEPT} from followers`,
        )
        .execute(trx);
      await sql`delete from sqlite_sequence where name = 'followers_rebuilt'`.execute(trx);
      await sql`insert into sqlite_sequence (name, seq) select 'followers_rebuilt', seq from sqlite_sequence where name = 'followers'`.execute(
        trx,
      );
      await sql`drop table followers`.execute(trx);
      await sql`alter table followers_rebuilt rename to followers`.execute(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error('followers rebuild broke a foreign key');
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.alterTable('followers').dropColumn('token').execute();
    return;
  }
  await rebuildSqlite(db, false);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await db.schema.alterTable('followers').addColumn('token', 'text').execute();
    await sql`update followers set token = md5(random()::text || clock_timestamp()::text || id::text) || md5(random()::text || id::text)`.execute(
      db,
    );
    await sql`alter table followers alter column token set not null`.execute(db);
    await sql`alter table followers add constraint followers_token_key unique (token)`.execute(db);
    return;
  }
  await rebuildSqlite(db, true);
}
