// Subscribing with double opt-in, confirming, unsubscribing and forgetting.
//
// The response to a subscribe request never depends on the address's state: a new, a
// pending, a confirmed, an unsubscribed and a suppressed address all get the same page.
// Only the mailbox sees a difference (a confirmation link, or a neutral "already
// subscribed" note, or nothing at all for a suppressed address).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { hashAddress } from '../../infra/address-hash.js';
import type { Db } from '../../infra/db.js';
import { allow } from '../../infra/rate-limit.js';
import { enqueue } from '../../jobs/queue.js';
import { SEND_MAIL } from '../../jobs/send-mail.job.js';
import { AppError, ValidationError } from '../../lib/errors.js';
import { DAY, HOUR, isoAfter, nowIso } from '../../lib/time.js';
import type { Messages } from '../../views/messages/index.js';
import * as addresses from '../addresses/addresses.repository.js';
import { normaliseEmail } from '../addresses/email-address.js';
import { alreadySubscribedMail, subscribeConfirmMail } from './newsletters.mails.js';
import * as repo from './newsletters.repository.js';

export const CONFIRM_LINK_TTL_MS = 7 * DAY;
export const ADDRESS_LIMIT = { windowMs: HOUR, max: 5 };
export const NETWORK_LIMIT = { windowMs: HOUR, max: 30 };

export interface NewsletterDeps {
  db: Kysely<Database>;
  config: Config;
  t: Messages['newsletters'];
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function unsubscribeUrl(config: Config, token: string): string {
  return `${config.siteUrl}/afmelden/${token}`;
}

function confirmUrl(config: Config, token: string): string {
  return `${config.siteUrl}/nieuwsbrief/bevestig/${token}`;
}

/** Limits per address and per network; both keys are hashes, never the raw values. */
async function checkRateLimits(deps: NewsletterDeps, email: string, ip: string): Promise<void> {
  const emailKey = createHmac('sha256', `${deps.config.secret}|newsletter-address`)
    .update(email)
    .digest('base64url')
    .slice(0, 22);
  const network = hashAddress(deps.config.secret, ip);
  const networkOk = await allow(deps.db, `newsletter:net:${network}`, NETWORK_LIMIT);
  const addressOk = await allow(deps.db, `newsletter:addr:${emailKey}`, ADDRESS_LIMIT);
  if (!networkOk || !addressOk) throw new AppError('rate_limited');
}

async function sendConfirmation(
  deps: NewsletterDeps,
  trx: Db,
  sub: { id: number; email: string; listName: string },
): Promise<void> {
  const token = newToken();
  const idHash = tokenHash(token);
  await repo.insertConfirmToken(trx, {
    idHash,
    email: sub.email,
    subscriptionId: sub.id,
    expiresAt: isoAfter(CONFIRM_LINK_TTL_MS),
  });
  await enqueue(trx, {
    kind: SEND_MAIL,
    key: `newsletter.confirm:${idHash}`,
    payload: subscribeConfirmMail(
      deps.config,
      deps.t,
      sub.email,
      sub.listName,
      confirmUrl(deps.config, token),
    ),
  });
}

/** `input.email` was checked by the form (emailField); normalising again changes nothing. */
export async function subscribe(
  deps: NewsletterDeps,
  input: { email: string; listId: number; ip: string },
): Promise<void> {
  const email = normaliseEmail(input.email);
  const list = await repo.findList(deps.db, input.listId);
  if (list?.is_public !== 1) throw new ValidationError({ list: 'list_invalid' });
  await checkRateLimits(deps, email, input.ip);
  const consent: repo.Consent = {
    at: nowIso(),
    addressHash: hashAddress(deps.config.secret, input.ip),
    text: deps.t.box.consent(list.name),
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      const address = await addresses.ensureAddress(trx, email);
      // A bounced or complaining address gets nothing, and the page says nothing about it.
      if (address.suppressed_at) return;
      const existing = await repo.findSubscription(trx, list.id, address.id);
      if (!existing) {
        const id = await repo.insertPendingSubscription(trx, {
          listId: list.id,
          addressId: address.id,
          token: newToken(),
          consent,
        });
        await sendConfirmation(deps, trx, { id, email, listName: list.name });
      } else if (existing.state === 'confirmed') {
        await enqueue(trx, {
          kind: SEND_MAIL,
          key: `newsletter.already:${existing.id}:${consent.at}`,
          payload: alreadySubscribedMail(
            deps.config,
            deps.t,
            email,
            list.name,
            unsubscribeUrl(deps.config, existing.token),
          ),
        });
      } else {
        await repo.renewPendingSubscription(trx, existing.id, consent);
        await sendConfirmation(deps, trx, { id: existing.id, email, listName: list.name });
      }
    });
  } catch (error) {
    // Two simultaneous requests for the same address: the other one did the work.
    if (!isUniqueViolation(error)) throw error;
  }
}

export type ConfirmLink = { ok: true; subscriptionId: number; listName: string } | { ok: false };

/** Looks at a confirmation link without using it (mail scanners follow links). */
export async function inspectConfirmLink(
  deps: NewsletterDeps,
  token: string,
): Promise<ConfirmLink> {
  const row = await repo.findConfirmToken(deps.db, tokenHash(token));
  if (!row || row.used_at || row.expires_at <= nowIso() || !row.payload) return { ok: false };
  const { subscriptionId } = JSON.parse(row.payload) as { subscriptionId: number };
  const sub = await repo.findSubscriptionById(deps.db, subscriptionId);
  if (!sub) return { ok: false };
  return { ok: true, subscriptionId, listName: sub.list_name };
}

/** Uses the link once: the subscription is confirmed. False for an expired or used link. */
export async function confirm(deps: NewsletterDeps, token: string): Promise<boolean> {
  const link = await inspectConfirmLink(deps, token);
  if (!link.ok) return false;
  return deps.db.transaction().execute(async (trx) => {
    if (!(await repo.useConfirmToken(trx, tokenHash(token), nowIso()))) return false;
    const sub = await repo.findSubscriptionById(trx, link.subscriptionId);
    if (!sub) return false;
    await repo.confirmSubscription(trx, sub.id);
    await addresses.markAddressConfirmed(trx, sub.address_id);
    return true;
  });
}

export function findByUnsubscribeToken(deps: NewsletterDeps, token: string) {
  return repo.findSubscriptionByToken(deps.db, token);
}

export type UnsubscribeAction = 'list' | 'all' | 'forget';

/** Acts on an unsubscribe link; returns what was left, or undefined for an unknown token. */
export async function unsubscribe(
  deps: NewsletterDeps,
  token: string,
  action: UnsubscribeAction,
): Promise<{ listName: string } | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    const sub = await repo.findSubscriptionByToken(trx, token);
    if (!sub) return undefined;
    if (action === 'list') await repo.unsubscribeOne(trx, sub.id);
    else if (action === 'all') await repo.unsubscribeAllOf(trx, sub.address_id);
    else await addresses.forgetMailbox(trx, normaliseEmail(sub.email));
    return { listName: sub.list_name };
  });
}

/** A bounce or complaint: no newsletter reaches the address any more. */
export async function recordBounce(
  db: Kysely<Database>,
  emailInput: string,
  kind: 'bounce' | 'complaint',
): Promise<{ addressId: number }> {
  const email = normaliseEmail(emailInput);
  return db.transaction().execute(async (trx) => {
    const address = await addresses.ensureAddress(trx, email);
    await addresses.suppressAddress(trx, address.id, kind);
    // A complaint is also a clear wish to leave every list.
    if (kind === 'complaint') await repo.unsubscribeAllOf(trx, address.id);
    return { addressId: address.id };
  });
}

/** The lists a reader may subscribe to, for the newsletter page. */
export function subscribableLists(db: Db) {
  return repo.publicLists(db);
}
