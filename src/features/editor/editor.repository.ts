// Queries of the article editor: articles, their authors, topics and revisions.
import { sql } from 'kysely';
import type { ArticleStatus, NewArticle } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export interface ArticleFields {
  slug: string;
  title: string;
  lead: string;
  body_source: string;
  body_html: string;
  status: ArticleStatus;
  publish_at: string | null;
  comments_open: number;
  cover_image: string | null;
}

export function findArticle(db: Db, id: number) {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function articleSlugTaken(db: Db, slug: string, exceptId?: number) {
  let query = db.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertArticle(db: Db, fields: ArticleFields): Promise<number> {
  const now = nowIso();
  const values: NewArticle = { ...fields, created_at: now, updated_at: now };
  const row = await db
    .insertInto('articles')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Saves when the stored version is still `version`; returns false when someone saved first. */
export async function updateArticleAtVersion(
  db: Db,
  id: number,
  version: number,
  fields: Partial<ArticleFields>,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({ ...fields, version: sql`version + 1`, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteArticle(db: Db, id: number) {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}

export function authorIdsOf(db: Db, articleId: number): Promise<number[]> {
  return db
    .selectFrom('article_authors')
    .select('author_id')
    .where('article_id', '=', articleId)
    .orderBy('position')
    .execute()
    .then((rows) => rows.map((r) => r.author_id));
}

export function topicIdsOf(db: Db, articleId: number): Promise<number[]> {
  return db
    .selectFrom('article_topics')
    .select('topic_id')
    .where('article_id', '=', articleId)
    .execute()
    .then((rows) => rows.map((r) => r.topic_id));
}

export async function setArticleAuthors(db: Db, articleId: number, authorIds: number[]) {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (authorIds.length === 0) return;
  await db
    .insertInto('article_authors')
    .values(
      authorIds.map((author_id, position) => ({ article_id: articleId, author_id, position })),
    )
    .execute();
}

export async function setArticleTopics(db: Db, articleId: number, topicIds: number[]) {
  await db.deleteFrom('article_topics').where('article_id', '=', articleId).execute();
  if (topicIds.length === 0) return;
  await db
    .insertInto('article_topics')
    .values(topicIds.map((topic_id) => ({ article_id: articleId, topic_id })))
    .execute();
}

export async function insertRevision(
  db: Db,
  values: {
    article_id: number;
    user_id: number | null;
    title: string;
    lead: string;
    body_source: string;
  },
) {
  await db
    .insertInto('revisions')
    .values({ ...values, created_at: nowIso() })
    .execute();
}

export function listRevisions(db: Db, articleId: number) {
  return db
    .selectFrom('revisions')
    .leftJoin('users', 'users.id', 'revisions.user_id')
    .select([
      'revisions.id',
      'revisions.title',
      'revisions.created_at',
      'revisions.user_id',
      'users.name as user_name',
    ])
    .where('revisions.article_id', '=', articleId)
    .orderBy('revisions.id', 'desc')
    .execute();
}

export function findRevision(db: Db, articleId: number, revisionId: number) {
  return db
    .selectFrom('revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('id', '=', revisionId)
    .executeTakeFirst();
}

/** Articles whose scheduled time has come. */
export function dueScheduledIds(db: Db, now: string): Promise<number[]> {
  return db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .orderBy('publish_at')
    .limit(500)
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

/** Flips the given scheduled articles to published; returns those it changed. */
export async function publishScheduled(db: Db, ids: number[], now: string): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('articles')
    .set({ status: 'published', version: sql`version + 1`, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export interface ArticleLinks {
  authorIds: Map<number, number[]>;
  topicIds: Map<number, number[]>;
}

/** Authors and topics of many articles in two queries. */
export async function linksOf(db: Db, articleIds: number[]): Promise<ArticleLinks> {
  const authorIds = new Map<number, number[]>();
  const topicIds = new Map<number, number[]>();
  if (articleIds.length === 0) return { authorIds, topicIds };
  const [authors, topics] = await Promise.all([
    db
      .selectFrom('article_authors')
      .select(['article_id', 'author_id'])
      .where('article_id', 'in', articleIds)
      .orderBy('article_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('article_topics')
      .select(['article_id', 'topic_id'])
      .where('article_id', 'in', articleIds)
      .execute(),
  ]);
  for (const r of authors)
    authorIds.set(r.article_id, [...(authorIds.get(r.article_id) ?? []), r.author_id]);
  for (const r of topics)
    topicIds.set(r.article_id, [...(topicIds.get(r.article_id) ?? []), r.topic_id]);
  return { authorIds, topicIds };
}

export interface ArticleListFilter {
  q?: string;
  status?: ArticleStatus;
  authorId?: number;
  topicId?: number;
  limit: number;
  offset: number;
}

export function listArticles(db: Db, filter: ArticleListFilter) {
  let query = db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'status', 'publish_at', 'updated_at'])
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb(eb.fn('lower', ['title']), 'like', like));
  }
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('article_authors').select('article_id').where('author_id', '=', authorId),
    );
  }
  if (filter.topicId !== undefined) {
    const topicId = filter.topicId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('article_topics').select('article_id').where('topic_id', '=', topicId),
    );
  }
  return query.execute();
}

/**
 * Of these authors, those with a published article other than these articles: whether an
 * author's place in the lists of publishing authors changes with a save of these articles.
 */
export async function authorsPublishingElsewhere(
  db: Db,
  authorIds: readonly number[],
  exceptArticleIds: readonly number[],
): Promise<Set<number>> {
  if (authorIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('article_authors')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .select('article_authors.author_id')
    .distinct()
    .where('article_authors.author_id', 'in', [...authorIds])
    .where('articles.status', '=', 'published')
    .where('articles.id', 'not in', [...exceptArticleIds])
    .execute();
  return new Set(rows.map((r) => r.author_id));
}
