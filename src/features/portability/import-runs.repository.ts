// Back-office import runs: one row per uploaded file, its state and final summary.
import type { ImportRunState } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export async function createRun(db: Db, fileName: string, userId: number): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('import_runs')
    .values({
      kind: 'wordpress',
      state: 'queued',
      progress: '{}',
      file_name: fileName,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setRunState(
  db: Db,
  id: number,
  state: ImportRunState,
  result: { summary?: string; error?: string } = {},
): Promise<void> {
  await db
    .updateTable('import_runs')
    .set({
      state,
      summary: result.summary ?? null,
      error: result.error ?? null,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
}

export async function findRun(db: Db, id: number) {
  return db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function recentRuns(db: Db, limit = 10) {
  return db.selectFrom('import_runs').selectAll().orderBy('id', 'desc').limit(limit).execute();
}
