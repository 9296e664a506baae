// Setup, invite and reset links, and setting a password through one. A link holds a random
// 256-bit token; the database holds its SHA-256, the purpose, an expiry and the user's
// credentials_version at issue time, so a password or e-mail change voids older links.

import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { runWrite } from '../../infra/writes.js';
import { slugify, uniqueSlug } from '../../lib/slug.js';
import { DAY, HOUR, isoAfter, nowIso } from '../../lib/time.js';
import { normaliseEmail } from '../addresses/email-address.js';
import { audit } from '../audit/audit.repository.js';
import {
  consumeToken,
  findUsableToken,
  insertToken,
  type TokenPurpose,
} from './one-time-tokens.repository.js';
import { hashPassword } from './passwords.js';
import { getsAuthorProfile } from './policy.js';
import { randomToken, sha256 } from './secret-token.js';
import { deleteSessionsOfUser } from './sessions.repository.js';
import { type NewSession, startSession } from './sessions.service.js';
import {
  countAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  recordLogin,
  setPasswordHash,
} from './users.repository.js';

export const INVITE_TTL_MS = 7 * DAY;
export const SETUP_TTL_MS = 7 * DAY;
export const RESET_TTL_MS = HOUR;

export function setupUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/beheer/uitnodiging/${token}`;
}

export function resetUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/beheer/wachtwoord-herstellen/${token}`;
}

async function issue(
  db: Db,
  purpose: TokenPurpose,
  ttlMs: number,
  user: { id: number; credentials_version: number } | null,
  email: string | null,
): Promise<string> {
  const token = randomToken();
  const now = new Date();
  await insertToken(db, {
    id: sha256(token),
    purpose,
    userId: user?.id ?? null,
    email,
    credentialsVersion: user?.credentials_version ?? null,
    expiresAt: isoAfter(ttlMs, now),
    now: now.toISOString(),
  });
  return token;
}

/** A link that lets whoever holds it create the first administrator (only while none exists). */
export async function issueFirstAdminLink(db: Db): Promise<string | undefined> {
  if ((await countAdmins(db)) > 0) return undefined;
  return issue(db, 'setup', SETUP_TTL_MS, null, null);
}

export type CreateUserResult =
  | { ok: true; userId: number; token: string }
  | { ok: false; reason: 'email_taken' };

/** Creates an invited user (an authors row too for authors) and an invite link. */
export async function createInvitedUser(
  db: Kysely<Database>,
  input: { email: string; name: string; role: Role; invitedBy: number | null },
): Promise<CreateUserResult> {
  const email = normaliseEmail(input.email);
  return runWrite(db, async ({ trx, touch }) => {
    if (await findUserByEmail(trx, email)) return { ok: false, reason: 'email_taken' } as const;
    const now = nowIso();
    const userId = await insertUser(trx, {
      email,
      name: input.name,
      role: input.role,
      state: 'invited',
      now,
    });
    if (getsAuthorProfile(input.role)) {
      await insertLinkedAuthor(trx, userId, input.name, now);
      // The new author's profile joins the lists of authors.
      touch(cacheTags.authors);
    }
    const user = await findUserById(trx, userId);
    const token = await issue(trx, 'invite', INVITE_TTL_MS, user!, email);
    await audit(trx, {
      userId: input.invitedBy,
      action: 'user.invite',
      subjectType: 'user',
      subjectId: userId,
      detail: { role: input.role },
    });
    return { ok: true, userId, token } as const;
  });
}

async function insertLinkedAuthor(db: Db, userId: number, name: string, now: string) {
  const base = slugify(name) || 'auteur';
  const slug = await uniqueSlug(base, async (s) => {
    const taken = await db
      .selectFrom('authors')
      .select('id')
      .where('slug', '=', s)
      .executeTakeFirst();
    return taken !== undefined;
  });
  await db
    .insertInto('authors')
    .values({
      user_id: userId,
      slug,
      name,
      bio_source: '',
      bio_html: '',
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** A reset link for an active account, or undefined (the caller never tells which). */
export async function issueResetLink(db: Db, rawEmail: string): Promise<string | undefined> {
  const user = await findUserByEmail(db, normaliseEmail(rawEmail));
  if (user?.state !== 'active') return undefined;
  return issue(db, 'reset', RESET_TTL_MS, user, user.email);
}

export interface LinkInfo {
  purpose: TokenPurpose;
  /** Null for the first-admin link: the form asks for name and e-mail too. */
  user: { id: number; name: string; email: string } | null;
}

const PURPOSES: Record<'setup' | 'reset', TokenPurpose[]> = {
  setup: ['setup', 'invite'],
  reset: ['reset'],
};

/** What a link allows, or undefined when it is unknown, used, expired or void. */
export async function describeLink(
  db: Db,
  token: string,
  kind: 'setup' | 'reset',
): Promise<LinkInfo | undefined> {
  if (!/^[A-Za-z0-9_-]{40,50}$/.test(token)) return undefined;
  const row = await findUsableToken(db, sha256(token), PURPOSES[kind], nowIso());
  if (!row) return undefined;
  if (row.purpose === 'setup') {
    if ((await countAdmins(db)) > 0) return undefined;
    return { purpose: 'setup', user: null };
  }
  if (row.user_id === null || row.user_state === 'disabled') return undefined;
  if (row.credentials_version !== row.user_credentials_version) return undefined;
  if (row.purpose === 'invite' && row.user_state !== 'invited') return undefined;
  return {
    purpose: row.purpose as TokenPurpose,
    user: { id: row.user_id, name: row.user_name!, email: row.user_email! },
  };
}

export type UseLinkResult =
  | { ok: true; userId: number; session: NewSession; secondFactor: boolean }
  | { ok: false; reason: 'invalid' | 'email_taken' };

/** Thrown inside the transaction so that a refused link changes nothing. */
class LinkRefused extends Error {
  constructor(readonly reason: 'invalid' | 'email_taken') {
    super(reason);
  }
}

/**
 * Sets the password through a link (creating the first admin for a setup link), ends every
 * other session of the user, and starts a new one — a pending one when 2FA is on, so a
 * reset link alone never gets past the second factor. The token is consumed atomically.
 */
export async function useLink(
  db: Kysely<Database>,
  token: string,
  kind: 'setup' | 'reset',
  input: { password: string; name?: string; email?: string; userAgent?: string | undefined },
): Promise<UseLinkResult> {
  const info = await describeLink(db, token, kind);
  if (!info) return { ok: false, reason: 'invalid' };
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const now = nowIso();
      // Checked again inside the transaction: two tabs posting the same link win once.
      if (!(await consumeToken(trx, sha256(token), now))) throw new LinkRefused('invalid');
      let userId: number;
      if (info.user) {
        userId = info.user.id;
        await setPasswordHash(trx, userId, passwordHash, now, { activate: true });
        await deleteSessionsOfUser(trx, userId);
      } else {
        if ((await countAdmins(trx)) > 0) throw new LinkRefused('invalid');
        const email = normaliseEmail(input.email ?? '');
        if (await findUserByEmail(trx, email)) throw new LinkRefused('email_taken');
        userId = await insertUser(trx, {
          email,
          name: input.name ?? '',
          role: 'admin',
          state: 'invited',
          now,
        });
        await setPasswordHash(trx, userId, passwordHash, now, { activate: true });
        await audit(trx, {
          userId,
          action: 'user.first_admin',
          subjectType: 'user',
          subjectId: userId,
        });
      }
      const user = await findUserById(trx, userId);
      const secondFactor = Boolean(user?.totp_enabled);
      if (!secondFactor) await recordLogin(trx, userId, now);
      const session = await startSession(trx, userId, {
        userAgent: input.userAgent,
        pendingSecondFactor: secondFactor,
      });
      return { ok: true as const, userId, session, secondFactor };
    });
  } catch (error) {
    if (error instanceof LinkRefused) return { ok: false, reason: error.reason };
    throw error;
  }
}
