// Runs a WordPress import uploaded in the back office. The whole import is one
// transaction, so its progress cannot be read from the database while it runs: it is
// kept in this process's memory (the run page shows it when served by this process).
// A refused file marks the run failed with the message; it is never retried, nor is a
// crash halfway (a huge file should not be re-imported in a loop).
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { JobHandler } from '../../jobs/runner.js';
import { catalogs, type Locale } from '../../views/messages/index.js';
import { ImportError } from './import-error.js';
import { setRunState } from './import-runs.repository.js';
import { importErrorMessage } from './import-summary.js';
import { type ImportProgress, importWordpress } from './wordpress-import.service.js';

export const WORDPRESS_IMPORT_JOB = 'portability.wordpress-import';

export interface WordpressImportPayload {
  runId: number;
  file: string;
  pages: boolean;
}

/** Progress of runs under way in this process. */
export const runProgress = new Map<number, ImportProgress>();

export function wordpressImportJob(db: Kysely<Database>, locale: Locale): JobHandler {
  return {
    kind: WORDPRESS_IMPORT_JOB,
    async run(payload) {
      const { runId, file, pages } = payload as WordpressImportPayload;
      await setRunState(db, runId, 'running');
      try {
        const summary = await importWordpress(db, createReadStream(file), {
          pages,
          onProgress: (p) => runProgress.set(runId, p),
        });
        await setRunState(db, runId, 'done', { summary: JSON.stringify(summary) });
      } catch (error) {
        const message =
          error instanceof ImportError
            ? importErrorMessage(error, catalogs[locale].portability)
            : (error as Error).message;
        await setRunState(db, runId, 'failed', { error: message.slice(0, 2000) });
      } finally {
        runProgress.delete(runId);
        await rm(file, { force: true });
      }
      return 'done';
    },
  };
}
