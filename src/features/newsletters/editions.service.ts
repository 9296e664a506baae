// Composing, previewing, test-mailing, scheduling and starting editions.

import { mailSiteOf } from '../../emails/mail-layout.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { runWrite } from '../../infra/writes.js';
import { enqueue } from '../../jobs/queue.js';
import { SEND_MAIL } from '../../jobs/send-mail.job.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { nowIso } from '../../lib/time.js';
import * as editions from './editions.repository.js';
import { type ComposedEdition, type EditionMailInput, editionMail } from './newsletters.mails.js';
import * as repo from './newsletters.repository.js';
import type { NewsletterDeps } from './subscriptions.service.js';

export const EDITION_JOB = 'newsletter.edition';
export const BATCH_JOB = 'newsletter.batch';

export interface EditionDraft {
  listId: number;
  subject: string;
  intro: string;
  articleIds: number[];
}

async function checkArticles(deps: NewsletterDeps, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)];
  const found = await editions.publishedArticlesByIds(deps.db, unique, nowIso());
  if (found.length !== unique.length) throw new ValidationError({ articles: 'articles_invalid' });
}

export async function createEdition(
  deps: NewsletterDeps,
  draft: EditionDraft,
  userId: number | null,
): Promise<number> {
  const list = await repo.findList(deps.db, draft.listId);
  if (!list) throw new NotFoundError();
  await checkArticles(deps, draft.articleIds);
  return editions.insertEdition(deps.db, {
    ...draft,
    articleIds: [...new Set(draft.articleIds)],
    createdBy: userId,
  });
}

export async function suggestedArticles(deps: NewsletterDeps, listId: number) {
  const since = await editions.lastSentAt(deps.db, listId);
  return editions.suggestArticles(deps.db, since, nowIso());
}

export function parseArticleIds(json: string): number[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v)) : [];
  } catch {
    return [];
  }
}

/** The edition's articles (still published ones), in the chosen order. */
export async function editionArticles(deps: NewsletterDeps, edition: editions.EditionRow) {
  const ids = parseArticleIds(edition.article_ids);
  const rows = await editions.publishedArticlesByIds(deps.db, ids, nowIso());
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((a) => a !== undefined);
}

/** Loads the edition once; the returned function gives the mail for one unsubscribe link. */
export async function renderEdition(
  deps: NewsletterDeps,
  edition: editions.EditionRow,
): Promise<(unsubscribeUrl: string) => ComposedEdition> {
  const list = await repo.findList(deps.db, edition.list_id);
  const input: EditionMailInput = {
    site: mailSiteOf(deps.config),
    t: deps.t,
    listName: list?.name ?? '',
    edition,
    articles: await editionArticles(deps, edition),
  };
  return (unsubscribeUrl) => editionMail(input, unsubscribeUrl);
}

export async function getEdition(deps: NewsletterDeps, id: number): Promise<editions.EditionRow> {
  const edition = await editions.findEdition(deps.db, id);
  if (!edition) throw new NotFoundError();
  return edition;
}

/** A test mail to the editor's own address, through the mail queue like any mail. */
export async function sendTestMail(
  deps: NewsletterDeps,
  id: number,
  userId: number,
): Promise<void> {
  const edition = await getEdition(deps, id);
  const to = await editions.userEmail(deps.db, userId);
  if (!to) throw new NotFoundError();
  const mail = (await renderEdition(deps, edition))(`${deps.config.siteUrl}/nieuwsbrief`);
  await enqueue(deps.db, {
    kind: SEND_MAIL,
    key: `newsletter.test:${id}:${userId}:${nowIso()}`,
    payload: {
      to,
      subject: deps.t.mail.testPrefix + mail.subject,
      html: mail.html,
      text: mail.text,
    },
  });
}

async function startSending(deps: NewsletterDeps, id: number, from: ('draft' | 'scheduled')[]) {
  await runWrite(deps.db, async ({ trx, touch, enqueue }) => {
    const moved = await editions.transitionEdition(trx, id, from, 'sending', { sent_at: nowIso() });
    if (!moved) {
      if (from.includes('draft')) throw new ValidationError({ form: 'not_draft' });
      return;
    }
    // The edition is readable online from now on.
    touch(cacheTags.edition(id));
    await enqueue({
      kind: EDITION_JOB,
      key: `newsletter.edition:${id}:0`,
      payload: { editionId: id },
    });
  });
}

export async function sendNow(deps: NewsletterDeps, id: number): Promise<void> {
  await getEdition(deps, id);
  await startSending(deps, id, ['draft', 'scheduled']);
}

export async function schedule(deps: NewsletterDeps, id: number, sendAt: Date): Promise<void> {
  await getEdition(deps, id);
  if (Number.isNaN(sendAt.getTime()) || sendAt.getTime() <= Date.now()) {
    throw new ValidationError({ send_at: 'send_at_invalid' });
  }
  const ok = await editions.transitionEdition(deps.db, id, ['draft'], 'scheduled', {
    send_at: sendAt.toISOString(),
  });
  if (!ok) throw new ValidationError({ form: 'not_draft' });
}

/** Periodic: scheduled editions whose time has come start sending. */
export async function startDueEditions(deps: NewsletterDeps): Promise<number> {
  const due = await editions.dueScheduledEditions(deps.db, nowIso());
  for (const { id } of due) await startSending(deps, id, ['scheduled']);
  return due.length;
}

/** A sent (or sending) edition as the public online view shows it; undefined otherwise. */
export async function onlineEdition(deps: NewsletterDeps, id: number) {
  const edition = await editions.findEdition(deps.db, id);
  if (!edition || (edition.state !== 'sending' && edition.state !== 'sent')) return undefined;
  const list = await repo.findList(deps.db, edition.list_id);
  return {
    id: edition.id,
    subject: edition.subject,
    intro: edition.intro,
    sentAt: edition.sent_at,
    listName: list?.name ?? '',
    articles: await editionArticles(deps, edition),
  };
}
