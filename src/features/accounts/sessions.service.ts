// Creating, reading and ending back-office sessions. A new session (new id, new CSRF
// token) is made at every login step, so an id planted before login is worth nothing.
import type { Db } from '../../infra/db.js';
import { NotFoundError } from '../../lib/errors.js';
import { DAY, isoAfter, MINUTE, nowIso } from '../../lib/time.js';
import { deleteStaleAttempts } from './login-attempts.repository.js';
import { randomToken, sha256 } from './secret-token.js';
import { SESSION_IDLE_MS } from './session-cookie.js';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  deleteUserSession,
  findLiveSession,
  insertSession,
  listSessionsOfUser,
  type SessionWithUser,
  touchSession,
} from './sessions.repository.js';

/** A session waiting for the second factor lives only this long. */
const PENDING_MS = 10 * MINUTE;
/** last_seen_at is written at most this often, to spare a write per request. */
const TOUCH_EVERY_MS = MINUTE;

export interface NewSession {
  cookieValue: string;
  id: string;
  csrfToken: string;
}

export async function startSession(
  db: Db,
  userId: number,
  options: { pendingSecondFactor?: boolean; userAgent?: string | undefined } = {},
): Promise<NewSession> {
  const cookieValue = randomToken();
  const id = sha256(cookieValue);
  const csrfToken = randomToken();
  const now = new Date();
  await insertSession(db, {
    id,
    userId,
    csrfToken,
    pendingSecondFactor: options.pendingSecondFactor ?? false,
    userAgent: options.userAgent?.slice(0, 300) ?? null,
    now: now.toISOString(),
    expiresAt: isoAfter(options.pendingSecondFactor ? PENDING_MS : SESSION_IDLE_MS, now),
  });
  return { cookieValue, id, csrfToken };
}

/** Looks the cookie up; slides the expiry at most once a minute. */
export async function resumeSession(
  db: Db,
  cookieValue: string,
): Promise<SessionWithUser | undefined> {
  const id = sha256(cookieValue);
  const now = new Date();
  const session = await findLiveSession(db, id, now.toISOString());
  if (!session) return undefined;
  if (
    !session.pending_second_factor &&
    now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_EVERY_MS
  ) {
    await touchSession(db, id, now.toISOString(), isoAfter(SESSION_IDLE_MS, now));
  }
  return session;
}

export async function endSession(db: Db, id: string): Promise<void> {
  await deleteSession(db, id);
}

/** A user's live sessions, newest first, for the security page. */
export async function sessionsOf(db: Db, userId: number) {
  return listSessionsOfUser(db, userId, nowIso());
}

/** Ends one of the user's own sessions; another user's (or a gone one) is not found. */
export async function endOwnSession(db: Db, userId: number, id: string): Promise<void> {
  if ((await deleteUserSession(db, userId, id)) === 0) throw new NotFoundError();
}

/** Ends every session of the user but the one asking. */
export async function endOtherSessions(db: Db, userId: number, keepId: string): Promise<void> {
  await deleteSessionsOfUser(db, userId, keepId);
}

/** The periodic sweep: expired sessions and login attempts older than two days. */
export async function sweepSessionsAndAttempts(db: Db): Promise<void> {
  await deleteExpiredSessions(db, nowIso());
  await deleteStaleAttempts(db, new Date(Date.now() - 2 * DAY).toISOString());
}
