// The user's own security: password change (ends every other session) and the second
// login step when two-factor authentication is on.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { nowIso } from '../../lib/time.js';
import { lockRemaining, loginKeys, recordFailure, recordSuccess } from './login-limit.service.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { deleteSession, deleteSessionsOfUser } from './sessions.repository.js';
import { type NewSession, startSession } from './sessions.service.js';
import { checkSecondFactor } from './two-factor.service.js';
import { findUserById, recordLogin, setPasswordHash } from './users.repository.js';

export async function checkCurrentPassword(
  db: Kysely<Database>,
  userId: number,
  password: string,
): Promise<boolean> {
  const user = await findUserById(db, userId);
  return verifyPassword(user?.password_hash ?? null, password);
}

/** Sets a new password; every other session ends and older links become void. */
export async function changePassword(
  db: Kysely<Database>,
  userId: number,
  currentSessionId: string,
  newPassword: string,
): Promise<void> {
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, userId, passwordHash, nowIso());
    await deleteSessionsOfUser(trx, userId, currentSessionId);
  });
}

export type SecondStepResult =
  | { kind: 'ok'; session: NewSession; usedRecoveryCode: boolean; recoveryLeft: number }
  | { kind: 'wrong' }
  | { kind: 'locked'; minutes: number };

/**
 * Completes a login waiting for its second factor: failures count against the same
 * throttle as passwords, and success replaces the pending session with a full one.
 */
export async function completeSecondFactor(
  db: Kysely<Database>,
  appSecret: string,
  input: {
    pendingSessionId: string;
    userId: number;
    code: string;
    addressHash: string;
    userAgent?: string | undefined;
  },
): Promise<SecondStepResult> {
  const user = await findUserById(db, input.userId);
  if (!user) return { kind: 'wrong' };
  const keys = loginKeys(user.email, input.addressHash);
  const locked = await lockRemaining(db, keys);
  if (locked > 0) return { kind: 'locked', minutes: Math.ceil(locked / 60_000) };
  const check = await checkSecondFactor(db, appSecret, user.id, input.code);
  if (!check.ok) {
    const lock = await recordFailure(db, keys);
    return lock > 0 ? { kind: 'locked', minutes: Math.ceil(lock / 60_000) } : { kind: 'wrong' };
  }
  await recordSuccess(db, keys);
  await deleteSession(db, input.pendingSessionId);
  const session = await startSession(db, user.id, { userAgent: input.userAgent });
  await recordLogin(db, user.id, nowIso());
  return {
    kind: 'ok',
    session,
    usedRecoveryCode: check.usedRecoveryCode,
    recoveryLeft: check.recoveryLeft,
  };
}

/** The user's own account row (e-mail, second factor), for the security page. */
export async function ownAccount(db: Kysely<Database>, userId: number) {
  return findUserById(db, userId);
}
