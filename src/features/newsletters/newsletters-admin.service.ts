// Back-office rules of the newsletter: lists, subscribers, settings and suppression, each
// recorded in the audit log in the same transaction.

import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { runWrite } from '../../infra/writes.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { slugify, uniqueSlug } from '../../lib/slug.js';
import { audit } from '../audit/audit.repository.js';
import { RATE_SETTING } from './delivery.jobs.js';
import * as editions from './editions.repository.js';
import * as repo from './newsletters.repository.js';
import { type BoxPlacement, fieldErrors, listSchema } from './newsletters.schemas.js';
import { recordBounce } from './subscriptions.service.js';

export const BOX_SETTING = 'newsletter.box';

export async function createList(
  db: Kysely<Database>,
  input: { name: unknown; description: unknown; is_public: boolean },
  userId: number,
): Promise<number> {
  const parsed = listSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const { name, description, is_public } = parsed.data;
  return runWrite(db, async ({ trx, touch }) => {
    // The newsletter page and every subscribe box show the public lists.
    touch(cacheTags.lists);
    const base = slugify(name);
    const slug = await uniqueSlug(base, (s) => repo.slugTaken(trx, s));
    const id = await repo.insertList(trx, { slug, name, description, isPublic: is_public });
    await audit(trx, {
      userId,
      action: 'newsletter.list.create',
      subjectType: 'list',
      subjectId: id,
    });
    return id;
  });
}

/**
 * Renames a list, changes its description, or shows or hides it on the site. Its slug
 * stays: links in sent mail and subscriptions keep working. False when there is no such
 * list.
 */
export async function editList(
  db: Kysely<Database>,
  id: number,
  input: { name: unknown; description: unknown; is_public: boolean },
  userId: number,
): Promise<boolean> {
  const parsed = listSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error));
  const { name, description, is_public } = parsed.data;
  return runWrite(db, async ({ trx, touch }) => {
    if (!(await repo.findList(trx, id))) return false;
    touch(cacheTags.lists);
    await repo.updateList(trx, id, { name, description, isPublic: is_public });
    await audit(trx, {
      userId,
      action: 'newsletter.list.update',
      subjectType: 'list',
      subjectId: id,
    });
    return true;
  });
}

export async function overview(db: Kysely<Database>) {
  const [lists, counts, recent] = await Promise.all([
    repo.allLists(db),
    repo.subscriberCounts(db),
    editions.listEditions(db),
  ]);
  const deliveries = await editions.deliveryCounts(
    db,
    recent.map((e) => e.id),
  );
  const rate = Number(await repo.readSetting(db, RATE_SETTING)) || undefined;
  const box = (await repo.readSetting(db, BOX_SETTING)) as BoxPlacement | undefined;
  return { lists, counts, editions: recent, deliveries, rate, box };
}

export async function removeSubscriber(db: Kysely<Database>, id: number, userId: number) {
  return db.transaction().execute(async (trx) => {
    const sub = await repo.findSubscriptionById(trx, id);
    if (!sub) return undefined;
    await repo.deleteSubscription(trx, id);
    await audit(trx, {
      userId,
      action: 'newsletter.subscriber.remove',
      subjectType: 'subscription',
      subjectId: id,
    });
    return sub.list_id;
  });
}

export async function saveSettings(
  db: Kysely<Database>,
  settings: { rate: number; box: BoxPlacement },
  userId: number,
): Promise<void> {
  await runWrite(db, async ({ trx, touch }) => {
    // Where the subscribe box stands is shown on every page.
    touch(cacheTags.settings);
    await repo.writeSetting(trx, RATE_SETTING, settings.rate);
    await repo.writeSetting(trx, BOX_SETTING, settings.box);
    await audit(trx, {
      userId,
      action: 'settings.change',
      subjectType: 'settings',
      subjectId: 'newsletter',
      detail: settings,
    });
  });
}

export async function suppress(
  db: Kysely<Database>,
  email: string,
  kind: 'bounce' | 'complaint',
  userId: number,
): Promise<void> {
  const { addressId } = await recordBounce(db, email, kind);
  await audit(db, {
    userId,
    action: `newsletter.${kind}`,
    subjectType: 'address',
    subjectId: addressId,
  });
}

/** A list by id; not found when there is none (or the id is no positive integer). */
export async function listById(db: Kysely<Database>, id: number) {
  const list = Number.isSafeInteger(id) && id > 0 ? await repo.findList(db, id) : undefined;
  if (!list) throw new NotFoundError();
  return list;
}

/** The subscribers of a list matching `search`: one page of them, or (no page) all. */
export async function subscribersPage(
  db: Kysely<Database>,
  listId: number,
  search: string,
  page: number,
  perPage: number,
) {
  const rows = await repo.subscribersOf(db, listId, { search, ...pageWindow(page, perPage) });
  return splitPage(rows, perPage);
}

export function allSubscribers(db: Kysely<Database>, listId: number, search: string) {
  return repo.subscribersOf(db, listId, { search });
}

/** An edition's list (if still there) and its delivery counts, for the edition page. */
export async function editionListAndCounts(db: Kysely<Database>, id: number, listId: number) {
  const [list, counts] = await Promise.all([
    repo.findList(db, listId),
    editions.deliveryCounts(db, [id]),
  ]);
  return { list, counts: counts.get(id)! };
}
