// The periodic clean-up: what piles up only because the site runs (rate counters, finished
// jobs, dev mail, expired links, requests never confirmed) is deleted once it is of no
// further use. Registered once, from app.tsx; the job runner of every serving process runs
// it, which is safe (see housekeeping.repository.ts). Retention periods: retention.ts.
import type { DatabaseHandle } from '../../db/connect.js';
import type { JobRunner } from '../../jobs/runner.js';
import { MINUTE } from '../../lib/time.js';
import { loadCommentSettings } from '../comments/comments.settings.js';
import { holdPolicy } from '../grades/grades.service.js';
import * as repo from './housekeeping.repository.js';
import {
  DEV_MAILBOX_MS,
  FAILED_JOBS_MS,
  FINISHED_JOBS_MS,
  RATE_COUNTERS_MIN_MS,
  UNCONFIRMED_MS,
} from './retention.js';

export const HOUSEKEEPING_EVERY_MS = 15 * MINUTE;

/** Rows per delete, and batches per sweep per run: a run stays short, the rest waits. */
const BATCH_SIZE = 1000;
const MAX_BATCHES = 20;

export interface HousekeepingReport {
  rateCounters: number;
  finishedJobs: number;
  failedJobs: number;
  mailbox: number;
  expiredLinks: number;
  unconfirmedFollows: number;
  unconfirmedSubscriptions: number;
  addresses: number;
}

async function repeat(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const n = await step();
    total += n;
    if (n < BATCH_SIZE) break;
  }
  return total;
}

/** The longest rate-limit window any limit may be counting in right now. */
async function longestRateWindowMs(database: DatabaseHandle): Promise<number> {
  const [grades, comments] = await Promise.all([
    holdPolicy(database.db),
    loadCommentSettings(database.db),
  ]);
  return Math.max(RATE_COUNTERS_MIN_MS, grades.windowMs, comments.rateWindowMinutes * MINUTE);
}

/** One run of every sweep; `now` is for tests. */
export async function runHousekeeping(
  database: DatabaseHandle,
  now = new Date(),
): Promise<HousekeepingReport> {
  const { db } = database;
  const batch: repo.Batch = { lockFree: database.backend !== 'sqlite', size: BATCH_SIZE };
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const windowsBefore = ago(await longestRateWindowMs(database));
  const report: HousekeepingReport = {
    rateCounters: await repeat(() => repo.deleteRateCounters(db, batch, windowsBefore)),
    finishedJobs: await repeat(() =>
      repo.deleteFinishedJobs(db, batch, ['done', 'skipped'], ago(FINISHED_JOBS_MS)),
    ),
    failedJobs: await repeat(() =>
      repo.deleteFinishedJobs(db, batch, ['failed'], ago(FAILED_JOBS_MS)),
    ),
    mailbox: await repeat(() => repo.deleteMailbox(db, batch, ago(DEV_MAILBOX_MS))),
    expiredLinks: await repeat(() => repo.deleteExpiredLinks(db, batch, now.toISOString())),
    unconfirmedFollows: 0,
    unconfirmedSubscriptions: 0,
    addresses: 0,
  };
  // The addresses such requests used go too, once nothing else refers to them.
  const released = new Set<number>();
  report.unconfirmedFollows = await repeat(async () => {
    const ids = await repo.deleteUnconfirmedFollows(db, batch, ago(UNCONFIRMED_MS));
    for (const id of ids) released.add(id);
    return ids.length;
  });
  report.unconfirmedSubscriptions = await repeat(async () => {
    const ids = await repo.deleteUnconfirmedSubscriptions(db, batch, ago(UNCONFIRMED_MS));
    for (const id of ids) released.add(id);
    return ids.length;
  });
  const candidates = [...released];
  for (let i = 0; i < candidates.length; i += BATCH_SIZE) {
    report.addresses += await repo.deleteUnusedAddresses(
      db,
      batch,
      candidates.slice(i, i + BATCH_SIZE),
      ago(UNCONFIRMED_MS),
    );
  }
  return report;
}

interface Logger {
  info(obj: object, msg?: string): void;
}

/** Registers the clean-up with the job runner (the one place it is registered). */
export function registerHousekeeping(jobs: JobRunner, database: DatabaseHandle, log: Logger): void {
  jobs.every({
    name: 'housekeeping',
    everyMs: HOUSEKEEPING_EVERY_MS,
    async run() {
      const report = await runHousekeeping(database);
      if (Object.values(report).some((n) => n > 0)) log.info({ deleted: report }, 'housekeeping');
    },
  });
}
