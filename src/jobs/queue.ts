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
 * Queues a job unless one with the same key exists; returns true when it was new. Queued
 * inside a transaction, the job is not there for the runner before the commit: the runner
 * is woken then, by the write path (infra/writes.ts), not now.
 */
export async function enqueue(db: Db, job: NewJob): Promise<boolean> {
  const inserted = await insertJob(db, job);
  if (!inserted) return false;
  if (db.isTransaction) queuedIn.add(db);
  else jobSignal.notify();
  return true;
}

/** Transactions that queued a job: their commit wakes the runner. */
const queuedIn = new WeakSet<object>();

/** True (once) when jobs were queued in this transaction; the caller wakes after commit. */
export function takeQueuedIn(trx: Db): boolean {
  return queuedIn.delete(trx);
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
