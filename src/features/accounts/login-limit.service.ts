// Login throttling, after Ghost: a few failures per account and address are free, then a
// lock that doubles with every further failure. Counters live in login_attempts so they
// survive restarts and hold across processes. Addresses are only ever kept as a keyed hash.
import type { Db } from '../../infra/db.js';
import { DAY, HOUR, MINUTE } from '../../lib/time.js';
import { clearAttempts, findAttempts, saveAttempt } from './login-attempts.repository.js';
import { sha256 } from './secret-token.js';

interface Rule {
  /** Failures allowed before the first lock. */
  free: number;
  firstLockMs: number;
  maxLockMs: number;
}

/** One account from one address: the ordinary guesser. */
const PAIR: Rule = { free: 5, firstLockMs: MINUTE, maxLockMs: HOUR };
/** One address trying many accounts. */
const ADDRESS: Rule = { free: 30, firstLockMs: 5 * MINUTE, maxLockMs: DAY };
/** One account from many addresses; kept short so nobody can lock a colleague out for long. */
const ACCOUNT: Rule = { free: 50, firstLockMs: MINUTE, maxLockMs: 15 * MINUTE };
/** Failures older than this, without a lock running, are forgotten. */
const FORGET_AFTER_MS = DAY;

export interface LoginKeys {
  pair: string;
  address: string;
  account: string;
}

export function loginKeys(email: string, addressHash: string): LoginKeys {
  const account = sha256(`login|${email}`).slice(0, 32);
  return {
    pair: `pair:${account}:${addressHash}`,
    address: `address:${addressHash}`,
    account: `account:${account}`,
  };
}

function rules(keys: LoginKeys): [string, Rule][] {
  return [
    [keys.pair, PAIR],
    [keys.address, ADDRESS],
    [keys.account, ACCOUNT],
  ];
}

/** Milliseconds until the longest running lock ends, or 0 when nothing is locked. */
export async function lockRemaining(db: Db, keys: LoginKeys, now = Date.now()): Promise<number> {
  const rows = await findAttempts(db, [keys.pair, keys.address, keys.account]);
  let remaining = 0;
  for (const row of rows) {
    if (row.locked_until) remaining = Math.max(remaining, Date.parse(row.locked_until) - now);
  }
  return remaining;
}

/** Counts a failure on every key; returns the lock now running (0 when none). */
export async function recordFailure(db: Db, keys: LoginKeys, now = Date.now()): Promise<number> {
  const rows = new Map(
    (await findAttempts(db, [keys.pair, keys.address, keys.account])).map((r) => [r.key, r]),
  );
  let longest = 0;
  for (const [key, rule] of rules(keys)) {
    const row = rows.get(key);
    const lockRunning = row?.locked_until && Date.parse(row.locked_until) > now;
    const fresh =
      !row || (!lockRunning && now - Date.parse(row.first_failure_at) > FORGET_AFTER_MS);
    const failures = fresh ? 1 : row.failures + 1;
    const firstFailureAt = fresh ? new Date(now).toISOString() : row.first_failure_at;
    let lockedUntil = fresh ? null : row.locked_until;
    if (failures >= rule.free) {
      const lockMs = Math.min(rule.firstLockMs * 2 ** (failures - rule.free), rule.maxLockMs);
      lockedUntil = new Date(now + lockMs).toISOString();
      longest = Math.max(longest, lockMs);
    }
    await saveAttempt(db, { key, failures, firstFailureAt, lockedUntil });
  }
  return longest;
}

/** A right password clears this account's counters; the address keeps its own. */
export async function recordSuccess(db: Db, keys: LoginKeys): Promise<void> {
  await clearAttempts(db, [keys.pair, keys.account]);
}
