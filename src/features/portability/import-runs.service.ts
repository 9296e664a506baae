// WordPress import runs: started from an uploaded file, carried out by a job, and shown
// with their progress and summary.
import type { Db } from '../../infra/db.js';
import { enqueue } from '../../jobs/queue.js';
import { NotFoundError } from '../../lib/errors.js';
import { createRun, findRun, recentRuns } from './import-runs.repository.js';
import { WORDPRESS_IMPORT_JOB } from './wordpress-import.job.js';

export function recentImportRuns(db: Db) {
  return recentRuns(db);
}

/** A run by id; not found when there is none. */
export async function importRun(db: Db, id: number) {
  const run = await findRun(db, id);
  if (!run) throw new NotFoundError();
  return run;
}

/** Records a run for an uploaded file and queues the job that imports it (tried once). */
export async function startWordpressImport(
  db: Db,
  upload: { name: string; file: string; pages: boolean },
  userId: number,
): Promise<number> {
  const runId = await createRun(db, upload.name, userId);
  await enqueue(db, {
    kind: WORDPRESS_IMPORT_JOB,
    key: `import-run:${runId}`,
    payload: { runId, file: upload.file, pages: upload.pages },
    maxAttempts: 1,
  });
  return runId;
}
