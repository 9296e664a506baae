// Fixed-window counters kept in the database, so that limits hold across restarts and
// across processes. Keys name what is limited, e.g. "grade:<article>:<address hash>".
// Ended windows are deleted by housekeeping (features/housekeeping), which keeps every
// window for at least a day and for the longest window an editor has set: a limit with a
// longer fixed window must be added there.
import { sql } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Db } from './db.js';

export interface RateWindow {
  /** Window length in milliseconds. */
  windowMs: number;
  /** How many hits the window allows. */
  max: number;
}

function windowStart(windowMs: number, now: number): string {
  return new Date(Math.floor(now / windowMs) * windowMs).toISOString();
}

// Counting runs on hot writes (every new grade): the query is prepared once per database.
const hitQuery = prepared((db, p: { key: string; start: string }) =>
  db
    .insertInto('rate_counters')
    .values({ key: p.key, window_start: p.start, count: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_counters.count + 1` }),
    )
    .returning('count'),
);

/** Counts one hit and returns the count in the current window, this hit included. */
export async function hit(
  db: Db,
  key: string,
  windowMs: number,
  now = Date.now(),
): Promise<number> {
  const row = await hitQuery.takeFirst(db, { key, start: windowStart(windowMs, now) });
  if (!row) throw new Error(`rate counter ${key} not counted`);
  return row.count;
}

/** Counts one hit; true when it is within the limit. */
export async function allow(
  db: Db,
  key: string,
  limit: RateWindow,
  now = Date.now(),
): Promise<boolean> {
  return (await hit(db, key, limit.windowMs, now)) <= limit.max;
}
