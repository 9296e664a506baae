// Whole-table reads and writes for export and restore; the only SQL of the Podium format.
import { type InsertObject, type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';

export async function readTable(db: Db, table: keyof Database): Promise<Record<string, unknown>[]> {
  return (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
}

export async function tableHasRows(db: Db, table: keyof Database): Promise<boolean> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`1`.as('one'))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRows(
  db: Db,
  table: keyof Database,
  rows: Record<string, unknown>[],
): Promise<void> {
  // Small batches stay under every backend's limit of bound parameters.
  for (let i = 0; i < rows.length; i += 50) {
    // Rows come from an export of the same schema; the database checks every column.
    const batch = rows.slice(i, i + 50) as InsertObject<Database, typeof table>[];
    await db.insertInto(table).values(batch).execute();
  }
}

/** On PostgreSQL, moves a serial id's sequence past the restored ids. */
export async function resetSequence(
  db: Kysely<Database> | Db,
  table: keyof Database,
): Promise<void> {
  await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1), (select max(id) from ${sql.table(table)}) is not null)`.execute(
    db,
  );
}
