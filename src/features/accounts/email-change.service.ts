// A user changes the e-mail address they log in with. The new address must be proven: a
// link goes to it and the address changes only when that link is used. The old address
// hears of the request and of the change, so that a stolen session cannot quietly take
// the account over. The change voids every earlier link (credentials_version).
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { allow } from '../../infra/rate-limit.js';
import { enqueue } from '../../jobs/queue.js';
import { SEND_MAIL } from '../../jobs/send-mail.job.js';
import { DAY, HOUR, isoAfter, nowIso } from '../../lib/time.js';
import { audit } from '../audit/audit.repository.js';
import { emailChangeMail, emailNoticeMail } from './account.mails.js';
import { consumeToken, findUsableToken, insertToken } from './one-time-tokens.repository.js';
import { randomToken, sha256 } from './secret-token.js';
import { findUserByEmail, findUserById, setEmail } from './users.repository.js';

export const EMAIL_CHANGE_TTL_MS = DAY;
/** Confirmation mails per account per hour: enough for a typo or two, too few to spam. */
const REQUESTS_PER_HOUR = 3;

export function emailConfirmUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/beheer/email-bevestigen/${token}`;
}

export type EmailChangeRequest = 'sent' | 'same' | 'taken' | 'too_many';

/** Mails a confirmation link to `newEmail` (normalised and checked by the caller). */
export async function requestEmailChange(
  db: Kysely<Database>,
  config: Config,
  userId: number,
  newEmail: string,
): Promise<EmailChangeRequest> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) return 'taken';
    if (user.email === newEmail) return 'same';
    if (await findUserByEmail(trx, newEmail)) return 'taken';
    if (!(await allow(trx, `email-change:${userId}`, { windowMs: HOUR, max: REQUESTS_PER_HOUR })))
      return 'too_many';
    const token = randomToken();
    const now = new Date();
    await insertToken(trx, {
      id: sha256(token),
      purpose: 'email',
      userId,
      email: newEmail,
      credentialsVersion: user.credentials_version,
      expiresAt: isoAfter(EMAIL_CHANGE_TTL_MS, now),
      now: now.toISOString(),
    });
    await enqueue(trx, {
      kind: SEND_MAIL,
      key: `mail:email-change:${sha256(token)}`,
      payload: emailChangeMail(
        config,
        { email: newEmail, name: user.name },
        emailConfirmUrl(config.siteUrl, token),
      ),
    });
    await enqueue(trx, {
      kind: SEND_MAIL,
      key: `mail:email-requested:${sha256(token)}`,
      payload: emailNoticeMail(config, user.email, 'requested', newEmail),
    });
    return 'sent';
  });
}

export interface EmailLink {
  userId: number;
  name: string;
  newEmail: string;
}

/** What a confirmation link would do, or undefined when it is unknown, used, expired or void. */
export async function describeEmailLink(
  db: Kysely<Database>,
  token: string,
): Promise<EmailLink | undefined> {
  if (!/^[A-Za-z0-9_-]{40,50}$/.test(token)) return undefined;
  const row = await findUsableToken(db, sha256(token), ['email'], nowIso());
  if (!row || row.user_id === null || !row.email) return undefined;
  if (row.user_state === 'disabled') return undefined;
  if (row.credentials_version !== row.user_credentials_version) return undefined;
  return { userId: row.user_id, name: row.user_name ?? '', newEmail: row.email };
}

export type EmailChangeResult = 'changed' | 'invalid' | 'taken';

/**
 * Uses a confirmation link that `describeEmailLink` found good: once (the token is
 * consumed in the same transaction), and only while the address is still free.
 */
export async function confirmEmailChange(
  db: Kysely<Database>,
  config: Config,
  token: string,
  link: EmailLink,
): Promise<EmailChangeResult> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const user = await findUserById(trx, link.userId);
    if (!user) return 'invalid';
    // Someone may have taken the address since the link was sent.
    if (await findUserByEmail(trx, link.newEmail)) return 'taken';
    if (!(await consumeToken(trx, sha256(token), now))) return 'invalid';
    await setEmail(trx, user.id, link.newEmail, now);
    await audit(trx, {
      userId: user.id,
      action: 'user.email_change',
      subjectType: 'user',
      subjectId: user.id,
    });
    await enqueue(trx, {
      kind: SEND_MAIL,
      key: `mail:email-changed:${sha256(token)}`,
      payload: emailNoticeMail(config, user.email, 'changed', link.newEmail),
    });
    return 'changed';
  });
}
