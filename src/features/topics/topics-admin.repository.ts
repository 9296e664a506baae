// Queries behind the topics admin (/beheer/onderwerpen) and the editor's topic picker.
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export interface TopicRow {
  id: number;
  slug: string;
  name: string;
}

export interface TopicListRow extends TopicRow {
  article_count: number;
}

export function findTopicById(db: Db, id: number) {
  return db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTopicsByIds(db: Db, ids: number[]): Promise<TopicRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('topics').select(['id', 'slug', 'name']).where('id', 'in', ids).execute();
}

/** Topics whose name matches one of these, case-insensitively. */
export function findTopicsByNames(db: Db, names: string[]): Promise<TopicRow[]> {
  if (names.length === 0) return Promise.resolve([]);
  const lowered = names.map((n) => n.toLowerCase());
  return db
    .selectFrom('topics')
    .select(['id', 'slug', 'name'])
    .where((eb) => eb(eb.fn('lower', ['name']), 'in', lowered))
    .execute();
}

export function allTopics(db: Db): Promise<TopicRow[]> {
  return db.selectFrom('topics').select(['id', 'slug', 'name']).orderBy('name').execute();
}

export async function listTopicsWithCounts(
  db: Db,
  options: { q?: string; limit: number; offset: number },
): Promise<TopicListRow[]> {
  let query = db
    .selectFrom('topics')
    .leftJoin('article_topics', 'article_topics.topic_id', 'topics.id')
    .select(['topics.id', 'topics.slug', 'topics.name'])
    .select((eb) => eb.fn.count<number>('article_topics.article_id').as('article_count'))
    .groupBy(['topics.id', 'topics.slug', 'topics.name'])
    .orderBy('topics.name')
    .orderBy('topics.id')
    .limit(options.limit)
    .offset(options.offset);
  if (options.q) {
    const like = `%${options.q.toLowerCase()}%`;
    query = query.where((eb) => eb(eb.fn('lower', ['topics.name']), 'like', like));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, article_count: Number(r.article_count) }));
}

export async function slugInUse(db: Db, slug: string, exceptTopicId?: number): Promise<boolean> {
  let topic = db.selectFrom('topics').select('id').where('slug', '=', slug);
  if (exceptTopicId !== undefined) topic = topic.where('id', '<>', exceptTopicId);
  if (await topic.executeTakeFirst()) return true;
  // A slug that still redirects to another topic would make that old link land here.
  let redirect = db.selectFrom('topic_redirects').select('topic_id').where('old_slug', '=', slug);
  if (exceptTopicId !== undefined) redirect = redirect.where('topic_id', '<>', exceptTopicId);
  return (await redirect.executeTakeFirst()) !== undefined;
}

export async function insertTopic(db: Db, values: { slug: string; name: string }) {
  return db
    .insertInto('topics')
    .values({ slug: values.slug, name: values.name, created_at: nowIso() })
    .returning(['id', 'slug', 'name'])
    .executeTakeFirstOrThrow();
}

export async function updateTopic(db: Db, id: number, values: { slug: string; name: string }) {
  await db.updateTable('topics').set(values).where('id', '=', id).execute();
}

/** Old slug → topic, so that links to the old topic page keep working (301). */
export async function addRedirect(db: Db, oldSlug: string, topicId: number) {
  // A slug taken back by its own topic must no longer redirect.
  await db.deleteFrom('topic_redirects').where('old_slug', '=', oldSlug).execute();
  await db.insertInto('topic_redirects').values({ old_slug: oldSlug, topic_id: topicId }).execute();
}

export async function removeRedirect(db: Db, slug: string) {
  await db.deleteFrom('topic_redirects').where('old_slug', '=', slug).execute();
}

export function articleIdsOfTopic(db: Db, topicId: number): Promise<number[]> {
  return db
    .selectFrom('article_topics')
    .select('article_id')
    .where('topic_id', '=', topicId)
    .execute()
    .then((rows) => rows.map((r) => r.article_id));
}

/** Moves every article of `from` to `into`, skipping articles that already have `into`. */
export async function moveArticleTopics(db: Db, from: number, into: number) {
  const already = db.selectFrom('article_topics').select('article_id').where('topic_id', '=', into);
  await db
    .updateTable('article_topics')
    .set({ topic_id: into })
    .where('topic_id', '=', from)
    .where('article_id', 'not in', already)
    .execute();
  await db.deleteFrom('article_topics').where('topic_id', '=', from).execute();
}

export async function moveRedirects(db: Db, from: number, into: number) {
  await db
    .updateTable('topic_redirects')
    .set({ topic_id: into })
    .where('topic_id', '=', from)
    .execute();
}

export async function deleteTopic(db: Db, id: number) {
  await db.deleteFrom('topics').where('id', '=', id).execute();
}
