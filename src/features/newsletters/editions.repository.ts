// Queries of editions and their deliveries, and the articles an edition can carry.
import { sql } from 'kysely';
import type { DeliveryState, EditionState } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export interface EditionRow {
  id: number;
  list_id: number;
  subject: string;
  intro: string;
  article_ids: string;
  state: EditionState;
  send_at: string | null;
  created_at: string;
  sent_at: string | null;
}

const editionColumns = [
  'id',
  'list_id',
  'subject',
  'intro',
  'article_ids',
  'state',
  'send_at',
  'created_at',
  'sent_at',
] as const;

export function findEdition(db: Db, id: number): Promise<EditionRow | undefined> {
  return db.selectFrom('editions').select(editionColumns).where('id', '=', id).executeTakeFirst();
}

export function listEditions(db: Db, limit = 100): Promise<(EditionRow & { list_name: string })[]> {
  return db
    .selectFrom('editions as e')
    .innerJoin('lists as l', 'l.id', 'e.list_id')
    .select(editionColumns.map((c) => `e.${c}` as const))
    .select('l.name as list_name')
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertEdition(
  db: Db,
  e: {
    listId: number;
    subject: string;
    intro: string;
    articleIds: number[];
    createdBy: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('editions')
    .values({
      list_id: e.listId,
      subject: e.subject,
      intro: e.intro,
      article_ids: JSON.stringify(e.articleIds),
      state: 'draft',
      created_by: e.createdBy,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves an edition from one state to the next; false when another request got there first. */
export async function transitionEdition(
  db: Db,
  id: number,
  from: EditionState[],
  to: EditionState,
  extra: { send_at?: string | null; sent_at?: string | null } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('editions')
    .set({ state: to, ...extra })
    .where('id', '=', id)
    .where('state', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function dueScheduledEditions(db: Db, now: string): Promise<{ id: number }[]> {
  return db
    .selectFrom('editions')
    .select('id')
    .where('state', '=', 'scheduled')
    .where('send_at', '<=', now)
    .execute();
}

export function sendingEditions(db: Db): Promise<{ id: number }[]> {
  return db.selectFrom('editions').select('id').where('state', '=', 'sending').execute();
}

export async function lastSentAt(db: Db, listId: number): Promise<string | null> {
  const row = await db
    .selectFrom('editions')
    .select((eb) => eb.fn.max('sent_at').as('last'))
    .where('list_id', '=', listId)
    .where('state', 'in', ['sending', 'sent'])
    .executeTakeFirst();
  return (row?.last as string | null | undefined) ?? null;
}

// ---------- articles ----------

export interface EditionArticle {
  id: number;
  slug: string;
  title: string;
  lead: string;
  publish_at: string | null;
  grade_count: number;
  grade_sum: number;
}

/** Published articles since a time, best graded first and then newest. */
export function suggestArticles(
  db: Db,
  since: string | null,
  now: string,
  limit = 20,
): Promise<EditionArticle[]> {
  let query = db
    .selectFrom('articles as a')
    .leftJoin('grade_totals as g', 'g.article_id', 'a.id')
    .select(['a.id', 'a.slug', 'a.title', 'a.lead', 'a.publish_at'])
    .select([
      sql<number>`coalesce(g.count, 0)`.as('grade_count'),
      sql<number>`coalesce(g.sum, 0)`.as('grade_sum'),
    ])
    .where('a.status', '=', 'published')
    .where('a.publish_at', '<=', now);
  if (since) query = query.where('a.publish_at', '>', since);
  return query
    .orderBy(sql`case when coalesce(g.count, 0) = 0 then 0 else 1.0 * g.sum / g.count end`, 'desc')
    .orderBy('a.publish_at', 'desc')
    .limit(limit)
    .execute();
}

/** The given published articles, in one query; the caller restores the chosen order. */
export function publishedArticlesByIds(
  db: Db,
  ids: number[],
  now: string,
): Promise<EditionArticle[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('articles as a')
    .leftJoin('grade_totals as g', 'g.article_id', 'a.id')
    .select(['a.id', 'a.slug', 'a.title', 'a.lead', 'a.publish_at'])
    .select([
      sql<number>`coalesce(g.count, 0)`.as('grade_count'),
      sql<number>`coalesce(g.sum, 0)`.as('grade_sum'),
    ])
    .where('a.id', 'in', ids)
    .where('a.status', '=', 'published')
    .where('a.publish_at', '<=', now)
    .execute();
}

export async function userEmail(db: Db, userId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.email;
}

// ---------- deliveries ----------

/**
 * One queued delivery per confirmed, non-suppressed subscriber of the edition's list.
 * UNIQUE(edition, address) makes a second run add only who is missing.
 */
export async function queueDeliveries(db: Db, editionId: number, listId: number): Promise<number> {
  const now = nowIso();
  const result = await db
    .insertInto('deliveries')
    .columns(['edition_id', 'address_id', 'state', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('subscriptions as s')
        .innerJoin('addresses as a', 'a.id', 's.address_id')
        .select([
          eb.val(editionId).as('edition_id'),
          's.address_id',
          eb.val('queued').as('state'),
          eb.val(now).as('created_at'),
        ])
        .where('s.list_id', '=', listId)
        .where('s.state', '=', 'confirmed')
        .where('a.suppressed_at', 'is', null),
    )
    .onConflict((oc) => oc.columns(['edition_id', 'address_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface QueuedDelivery {
  id: number;
  address_id: number;
  email: string;
  suppressed_at: string | null;
  subscription_state: string | null;
  token: string | null;
}

/** The next queued deliveries with what a mail to each needs (address, unsubscribe token). */
export function nextQueuedDeliveries(
  db: Db,
  editionId: number,
  listId: number,
  limit: number,
): Promise<QueuedDelivery[]> {
  return db
    .selectFrom('deliveries as d')
    .innerJoin('addresses as a', 'a.id', 'd.address_id')
    .leftJoin('subscriptions as s', (join) =>
      join.onRef('s.address_id', '=', 'd.address_id').on('s.list_id', '=', listId),
    )
    .select(['d.id', 'd.address_id', 'a.email', 'a.suppressed_at'])
    .select(['s.state as subscription_state', 's.token'])
    .where('d.edition_id', '=', editionId)
    .where('d.state', '=', 'queued')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

export async function markDelivered(db: Db, id: number, messageId: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ state: 'sent', message_id: messageId, sent_at: nowIso(), error: null })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .execute();
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ state: 'failed', error: error.slice(0, 500) })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .execute();
}

export async function countQueued(db: Db, editionId: number): Promise<number> {
  const row = await db
    .selectFrom('deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('edition_id', '=', editionId)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function deliveryCounts(
  db: Db,
  editionIds: number[],
): Promise<Map<number, Record<DeliveryState, number>>> {
  const counts = new Map<number, Record<DeliveryState, number>>();
  if (editionIds.length === 0) return counts;
  const rows = await db
    .selectFrom('deliveries')
    .select(['edition_id', 'state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('edition_id', 'in', editionIds)
    .groupBy(['edition_id', 'state'])
    .execute();
  for (const id of editionIds) counts.set(id, { queued: 0, sent: 0, failed: 0 });
  for (const r of rows) counts.get(r.edition_id)![r.state] = Number(r.n);
  return counts;
}

/** True when any newsletter job for the edition is waiting or running under a live lock. */
export async function hasActiveSenderJob(
  db: Db,
  editionId: number,
  liveSince: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('key', 'like', `newsletter.edition:${editionId}:%`),
        eb('key', 'like', `newsletter.batch:${editionId}:%`),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('state', '=', 'queued'),
        eb.and([eb('state', '=', 'running'), eb('locked_at', '>=', liveSince)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when a newer batch job of the edition exists: an older, revived one must stand down. */
export async function newerBatchExists(db: Db, editionId: number, jobId: number): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('key', 'like', `newsletter.batch:${editionId}:%`)
    .where('id', '>', jobId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
