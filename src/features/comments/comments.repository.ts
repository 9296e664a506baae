// Every query about comments. Plain functions over a Db (the database or a transaction).

import type { Insertable, Selectable } from 'kysely';
import { SqliteAdapter, sql } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { CommentState, Database } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';
import { storedForms } from '../addresses/addresses.repository.js';
import type { NormalisedEmail } from '../addresses/email-address.js';

export type CommentRow = Selectable<Database['comments']>;

export interface CommentArticle {
  id: number;
  slug: string;
  title: string;
  status: string;
  publish_at: string | null;
  comments_open: number;
}

export async function findArticle(db: Db, id: number): Promise<CommentArticle | undefined> {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'status', 'publish_at', 'comments_open'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setCommentsOpen(db: Db, articleId: number, open: boolean): Promise<void> {
  await db
    .updateTable('articles')
    .set({ comments_open: open ? 1 : 0 })
    .where('id', '=', articleId)
    .execute();
}

/** The users behind an article's author profiles (guest experts have none). */
export async function articleAuthorUsers(
  db: Db,
  articleId: number,
): Promise<{ user_id: number; email: string; name: string; state: string }[]> {
  return db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .innerJoin('users', 'users.id', 'authors.user_id')
    .select(['users.id as user_id', 'users.email', 'users.name', 'users.state'])
    .where('article_authors.article_id', '=', articleId)
    .orderBy('article_authors.position')
    .execute();
}

export async function isArticleAuthor(db: Db, articleId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select('authors.id')
    .where('article_authors.article_id', '=', articleId)
    .where('authors.user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertComment(
  db: Db,
  values: Insertable<Database['comments']>,
): Promise<CommentRow> {
  return db.insertInto('comments').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findComment(db: Db, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findComments(db: Db, ids: number[]): Promise<CommentRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('comments').selectAll().where('id', 'in', ids).execute();
}

export async function updateComment(
  db: Db,
  id: number,
  set: Partial<Omit<CommentRow, 'id'>>,
): Promise<void> {
  await db.updateTable('comments').set(set).where('id', '=', id).execute();
}

/** Recounts an article's approved comments; called in the transaction of every state change. */
/**
 * Locks the articles' rows until the transaction ends (PostgreSQL; SQLite runs one write
 * at a time anyway), in id order so that two writers never wait for each other in a ring.
 * Taken before a recount or a duplicate check, it makes them see every comment committed
 * before: under READ COMMITTED two recounts could otherwise each miss the other's comment.
 */
export async function lockArticles(db: Db, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0 || db.getExecutor().adapter instanceof SqliteAdapter) return;
  await db
    .selectFrom('articles')
    .select('id')
    .where('id', 'in', [...new Set(articleIds)])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** Sets the articles' approved-comment counts from their comments (rows locked first). */
export async function refreshCommentCount(db: Db, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  await lockArticles(db, articleIds);
  await db
    .updateTable('articles')
    .set({
      comment_count: sql<number>`(select count(*) from comments where comments.article_id = articles.id and comments.state = 'approved')`,
    })
    .where('id', 'in', [...new Set(articleIds)])
    .execute();
}

/** True when this name and e-mail pair already has an approved comment anywhere. */
export async function hasApprovedIdentity(db: Db, name: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('comments')
    .select('id')
    .where('state', '=', 'approved')
    .where('email', '=', email)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasDuplicate(
  db: Db,
  articleId: number,
  body: string,
  since: string,
  exceptId?: number,
): Promise<boolean> {
  let q = db
    .selectFrom('comments')
    .select('id')
    .where('article_id', '=', articleId)
    .where('body', '=', body)
    .where('created_at', '>=', since)
    .where('state', '!=', 'deleted');
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/** Approved comments of an article, plus this reader's own held ones. */
// Shown on every uncached article page, so both forms are prepared once (db/prepared.ts).
const approvedForArticle = prepared((db, p: { articleId: number }) =>
  db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', p.articleId)
    .where('state', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id'),
);

const approvedAndOwnForArticle = prepared((db, p: { articleId: number; readerKey: string }) =>
  db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', p.articleId)
    .where((eb) =>
      eb.or([
        eb('state', '=', 'approved'),
        eb.and([eb('state', '=', 'pending'), eb('reader_key', '=', p.readerKey)]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id'),
);

/** An article's approved comments, plus this reader's own held ones when the key is given. */
export async function listForArticle(
  db: Db,
  articleId: number,
  readerKey: string | undefined,
): Promise<CommentRow[]> {
  return readerKey
    ? approvedAndOwnForArticle.execute(db, { articleId, readerKey })
    : approvedForArticle.execute(db, { articleId });
}

export interface RecentComment extends CommentRow {
  article_title: string;
  article_slug: string;
}

export async function listRecentApproved(
  db: Db,
  limit: number,
  offset: number,
): Promise<RecentComment[]> {
  return db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select(['articles.title as article_title', 'articles.slug as article_slug'])
    .where('comments.state', '=', 'approved')
    .where('articles.status', '=', 'published')
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

export interface QueueFilter {
  state?: CommentState;
  articleId?: number;
  /** Only articles this user is an author of. */
  authorUserId?: number;
}

export async function listQueue(
  db: Db,
  filter: QueueFilter,
  limit: number,
  offset: number,
): Promise<RecentComment[]> {
  let q = db
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .selectAll('comments')
    .select(['articles.title as article_title', 'articles.slug as article_slug']);
  if (filter.state) q = q.where('comments.state', '=', filter.state);
  if (filter.articleId !== undefined) q = q.where('comments.article_id', '=', filter.articleId);
  if (filter.authorUserId !== undefined) {
    const userId = filter.authorUserId;
    q = q.where('comments.article_id', 'in', (eb) =>
      eb
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select('article_authors.article_id')
        .where('authors.user_id', '=', userId),
    );
  }
  return q
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Approved comments of an article approved within [from, to), for follower mails. */
export async function approvedBetween(
  db: Db,
  articleId: number,
  from: string,
  to: string,
): Promise<CommentRow[]> {
  return db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('state', '=', 'approved')
    .where('approved_at', '>=', from)
    .where('approved_at', '<', to)
    .orderBy('approved_at')
    .orderBy('id')
    .execute();
}

/** Every comment written with a mailbox, under any form it was stored in. */
export async function commentsByEmail(db: Db, email: NormalisedEmail): Promise<CommentRow[]> {
  return db.selectFrom('comments').selectAll().where('email', 'in', storedForms(email)).execute();
}

/** Articles that have comments, for the moderation filter (an author sees their own only). */
export async function articlesWithComments(
  db: Db,
  authorUserId?: number,
): Promise<{ id: number; title: string; comments_open: number }[]> {
  let q = db
    .selectFrom('articles')
    .select(['articles.id', 'articles.title', 'articles.comments_open'])
    .where('articles.id', 'in', (eb) => eb.selectFrom('comments').select('comments.article_id'));
  if (authorUserId !== undefined) {
    q = q.where('articles.id', 'in', (eb) =>
      eb
        .selectFrom('article_authors')
        .innerJoin('authors', 'authors.id', 'article_authors.author_id')
        .select('article_authors.article_id')
        .where('authors.user_id', '=', authorUserId),
    );
  }
  return q.orderBy('articles.title').limit(500).execute();
}
