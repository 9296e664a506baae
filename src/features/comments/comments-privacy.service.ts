// "Forget me" for readers (AVG/GDPR): a request mails a one-time link to the address, and
// only that link removes or anonymises the address's comments.

import type { Config } from '../../config.js';
import type { Db } from '../../infra/db.js';
import { messageIdFor } from '../../infra/mailer.js';
import { allow } from '../../infra/rate-limit.js';
import { runWrite } from '../../infra/writes.js';
import { enqueue } from '../../jobs/queue.js';
import { SEND_MAIL } from '../../jobs/send-mail.job.js';
import { AppError } from '../../lib/errors.js';
import { DAY, HOUR, isoAfter, nowIso } from '../../lib/time.js';
import type { Messages } from '../../views/messages/index.js';
import { randomToken, sha256 } from '../accounts/secret-token.js';
import type { NormalisedEmail } from '../addresses/email-address.js';
import { forgetMail } from './comments.mails.js';
import { forgetCommenter } from './comments.service.js';
import * as privacy from './comments-privacy.repository.js';

/**
 * Mails a one-time link to a known address; an unknown one gets nothing, and the answer
 * is the same either way. Five requests per network address per hour.
 */
export async function requestForgetLink(
  db: Db,
  config: Pick<Config, 'siteUrl' | 'siteName' | 'locale'>,
  email: NormalisedEmail,
  addressHash: string,
  t: Messages['comments'],
): Promise<void> {
  if (!(await allow(db, `comments-forget:${addressHash}`, { windowMs: HOUR, max: 5 })))
    throw new AppError('rate_limited');
  if (!(await privacy.isKnownReader(db, email))) return;
  const token = randomToken();
  const id = sha256(token);
  const now = nowIso();
  const url = `${config.siteUrl}/reacties/vergeten/${token}`;
  const site = { lang: config.locale, siteName: config.siteName, siteUrl: config.siteUrl, t };
  await runWrite(db, async ({ trx }) => {
    await privacy.insertForgetToken(trx, { id, email, expiresAt: isoAfter(DAY), now });
    await enqueue(trx, {
      kind: SEND_MAIL,
      key: `comments-forget:${id}`,
      payload: forgetMail(
        site,
        email,
        url,
        messageIdFor(config.siteUrl, `comments-forget.${id.slice(0, 24)}`),
      ),
    });
  });
}

/** The address a live link was sent to; a used or expired link is gone. */
export async function forgetLinkAddress(db: Db, token: string): Promise<string> {
  const row = await privacy.findForgetToken(db, sha256(token), nowIso());
  if (!row) throw new AppError('gone');
  return row.email;
}

/** Uses a link once: the address's comments are removed or anonymised, the address forgotten. */
export async function useForgetLink(
  db: Db,
  token: string,
  how: 'remove' | 'anonymise',
  anonymousName: string,
): Promise<{ comments: number }> {
  const id = sha256(token);
  const row = await privacy.findForgetToken(db, id, nowIso());
  if (!row || !(await privacy.useForgetToken(db, id, nowIso()))) throw new AppError('gone');
  return forgetCommenter(db, row.email, how, anonymousName);
}
