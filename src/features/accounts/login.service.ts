// Logging in: throttle, check the password (as long for a missing account as for a wrong
// password), upgrade old hashes, and start a session — or a pending one when 2FA is on.
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';
import { normaliseEmail } from '../addresses/email-address.js';
import { lockRemaining, loginKeys, recordFailure, recordSuccess } from './login-limit.service.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { type NewSession, startSession } from './sessions.service.js';
import { findUserByEmail, recordLogin, replaceHash } from './users.repository.js';

export type LoginResult =
  | { kind: 'ok'; session: NewSession; userId: number }
  | { kind: 'second_factor'; session: NewSession; userId: number }
  | { kind: 'wrong' }
  | { kind: 'locked'; minutes: number };

function minutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

export async function logIn(
  db: Db,
  input: { email: string; password: string; addressHash: string; userAgent?: string },
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const keys = loginKeys(email, input.addressHash);
  const locked = await lockRemaining(db, keys);
  if (locked > 0) return { kind: 'locked', minutes: minutes(locked) };

  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.state !== 'active') {
    const lock = await recordFailure(db, keys);
    return lock > 0 ? { kind: 'locked', minutes: minutes(lock) } : { kind: 'wrong' };
  }
  await recordSuccess(db, keys);
  if (user.password_hash && needsRehash(user.password_hash)) {
    await replaceHash(db, user.id, await hashPassword(input.password));
  }
  if (user.totp_enabled) {
    const session = await startSession(db, user.id, {
      pendingSecondFactor: true,
      userAgent: input.userAgent,
    });
    return { kind: 'second_factor', session, userId: user.id };
  }
  const session = await startSession(db, user.id, { userAgent: input.userAgent });
  await recordLogin(db, user.id, nowIso());
  return { kind: 'ok', session, userId: user.id };
}
