// The deletes of the periodic clean-up. Each takes one batch through an index
// (migration 20261204-0300, or the jobs' own jobs_due) and returns how many rows went;
// the caller repeats it until a batch comes back short.
//
// On PostgreSQL every serving process runs these. A batch is picked with FOR UPDATE SKIP
// LOCKED, so two processes sweeping at once take different rows instead of waiting on (or
// deadlocking over) each other's, and each batch is its own short statement.
import type { Db } from '../../infra/db.js';

export interface Batch {
  /** PostgreSQL: skip rows another process is deleting right now. */
  lockFree: boolean;
  size: number;
}

/** Rate-limit windows that began before `before` (index rate_counters_window). */
export async function deleteRateCounters(db: Db, batch: Batch, before: string): Promise<number> {
  const result = await db
    .deleteFrom('rate_counters')
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple('key', 'window_start'),
        'in',
        selectFrom('rate_counters')
          .select(['key', 'window_start'])
          .where('window_start', '<', before)
          .limit(batch.size)
          .$if(batch.lockFree, (q) => q.forUpdate().skipLocked())
          .$asTuple('key', 'window_start'),
      ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Jobs in one of `states` that were due, and last changed, before `before` (index jobs_due
 * on state and run_at). Queued and running jobs are never touched.
 */
export async function deleteFinishedJobs(
  db: Db,
  batch: Batch,
  states: ('done' | 'skipped' | 'failed')[],
  before: string,
): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('state', 'in', states)
        .where('run_at', '<', before)
        .where('updated_at', '<', before)
        .limit(batch.size)
        .$if(batch.lockFree, (q) => q.forUpdate().skipLocked()),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Dev-mailbox messages stored before `before` (index mailbox_created). */
export async function deleteMailbox(db: Db, batch: Batch, before: string): Promise<number> {
  const result = await db
    .deleteFrom('mailbox')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mailbox')
        .select('id')
        .where('created_at', '<', before)
        .limit(batch.size)
        .$if(batch.lockFree, (q) => q.forUpdate().skipLocked()),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * One-time links of every purpose (setup, invitation, reset, e-mail change, newsletter
 * confirmation, forget-me) that expired before `now` (index one_time_tokens_expires): an
 * expired link is refused anyway, used or not.
 */
export async function deleteExpiredLinks(db: Db, batch: Batch, now: string): Promise<number> {
  const result = await db
    .deleteFrom('one_time_tokens')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('one_time_tokens')
        .select('id')
        .where('expires_at', '<', now)
        .limit(batch.size)
        .$if(batch.lockFree, (q) => q.forUpdate().skipLocked()),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Follows never confirmed, asked for before `before` (partial index followers_unconfirmed);
 * their link tokens go with them. Returns the address ids they used.
 */
export async function deleteUnconfirmedFollows(
  db: Db,
  batch: Batch,
  before: string,
): Promise<number[]> {
  const rows = await db
    .deleteFrom('followers')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('followers')
        .select('id')
        .where('confirmed_at', 'is', null)
        .where('created_at', '<', before)
        .limit(batch.size)
        .$if(batch.lockFree, (q) => q.forUpdate().skipLocked()),
    )
    .returning('address_id')
    .execute();
  return rows.map((r) => r.address_id);
}

/**
 * Newsletter subscriptions still pending and never confirmed, last asked for before
 * `before` (partial index subscriptions_unconfirmed). One that was confirmed once keeps
 * its consent record whatever its state. Returns the address ids they used.
 */
export async function deleteUnconfirmedSubscriptions(
  db: Db,
  batch: Batch,
  before: string,
): Promise<number[]> {
  const rows = await db
    .deleteFrom('subscriptions')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('subscriptions')
        .select('id')
        .where('state', '=', 'pending')
        .where('confirmed_at', 'is', null)
        .where('consent_at', '<', before)
        .limit(batch.size)
        .$if(batch.lockFree, (q) => q.forUpdate().skipLocked()),
    )
    .returning('address_id')
    .execute();
  return rows.map((r) => r.address_id);
}

/**
 * Of the addresses `ids`, those nothing refers to any more (no follow, subscription or
 * delivery: the address_id indexes), created before `before` and not suppressed: a
 * bounced or complaining address stays, or a new request could mail it again.
 */
export async function deleteUnusedAddresses(
  db: Db,
  batch: Batch,
  ids: number[],
  before: string,
): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .deleteFrom('addresses')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('addresses as a')
        .select('a.id')
        .where('a.id', 'in', ids)
        .where('a.suppressed_at', 'is', null)
        .where('a.created_at', '<', before)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('followers as f').select('f.id').whereRef('f.address_id', '=', 'a.id'),
            ),
          ),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('subscriptions as s').select('s.id').whereRef('s.address_id', '=', 'a.id'),
            ),
          ),
        )
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('deliveries as d').select('d.id').whereRef('d.address_id', '=', 'a.id'),
            ),
          ),
        )
        .limit(batch.size)
        .$if(batch.lockFree, (q) => q.forUpdate().skipLocked()),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
