// The durable job table: side effects (mail above all) are queued here and run by the
// runner (jobs/runner.ts), never inside the request that caused them.
import type { Db } from '../infra/db.js';
import { nowIso } from '../lib/time.js';

export interface NewJob {
  kind: string;
  /** Idempotency key: a second enqueue with the same key is a no-op. */
  key: string;
  payload?: unknown;
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Queues a job unless one with the same key exists; returns true when it was new. Inside a
 * write, prefer `w.enqueue` (infra/writes.ts): it wakes the runner only after the commit.
 */
export async function enqueue(db: Db, job: NewJob): Promise<boolean> {
  const inserted = await insertJob(db, job);
  if (inserted) jobSignal.notify();
  return inserted;
}

/** Inserts the job row without waking the runner (the caller wakes it after its commit). */
export async function insertJob(db: Db, job: NewJob): Promise<boolean> {
  const now = nowIso();
  const result = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      key: job.key,
      payload: JSON.stringify(job.payload ?? {}),
      state: 'queued',
      run_at: (job.runAt ?? new Date()).toISOString(),
      max_attempts: job.maxAttempts ?? 8,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** In-process wake-up so a queued job runs at once instead of at the next poll. */
export const jobSignal = {
  listeners: new Set<() => void>(),
  notify() {
    for (const l of this.listeners) l();
  },
};
