// Read queries for feeds and the sitemap: published articles only, newest first.
import type { Db } from '../../infra/db.js';

export interface FeedArticleRow {
  id: number;
  slug: string;
  title: string;
  lead: string;
  body_html: string;
  publish_at: string | null;
  updated_at: string;
}

export async function latestPublished(
  db: Db,
  scope: { topicId?: number; authorId?: number },
  limit: number,
): Promise<FeedArticleRow[]> {
  let query = db
    .selectFrom('articles as a')
    .select(['a.id', 'a.slug', 'a.title', 'a.lead', 'a.body_html', 'a.publish_at', 'a.updated_at'])
    .where('a.status', '=', 'published');
  if (scope.topicId !== undefined) {
    const topicId = scope.topicId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_topics as at')
          .select('at.article_id')
          .whereRef('at.article_id', '=', 'a.id')
          .where('at.topic_id', '=', topicId),
      ),
    );
  }
  if (scope.authorId !== undefined) {
    const authorId = scope.authorId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors as aa')
          .select('aa.article_id')
          .whereRef('aa.article_id', '=', 'a.id')
          .where('aa.author_id', '=', authorId),
      ),
    );
  }
  return query.orderBy('a.publish_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

/** Bylines of several articles, in byline order. */
export async function authorsOfArticles(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return [];
  return db
    .selectFrom('article_authors as aa')
    .innerJoin('authors as au', 'au.id', 'aa.author_id')
    .select(['aa.article_id', 'au.name', 'au.slug'])
    .where('aa.article_id', 'in', articleIds)
    .orderBy('aa.article_id')
    .orderBy('aa.position')
    .execute();
}

export async function topicsOfArticles(db: Db, articleIds: number[]) {
  if (articleIds.length === 0) return [];
  return db
    .selectFrom('article_topics as at')
    .innerJoin('topics as t', 't.id', 'at.topic_id')
    .select(['at.article_id', 't.name', 't.slug'])
    .where('at.article_id', 'in', articleIds)
    .orderBy('t.name')
    .execute();
}

export async function topicBySlug(db: Db, slug: string) {
  return db
    .selectFrom('topics')
    .select(['id', 'slug', 'name', 'description', 'created_at'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** The current slug of a topic that was renamed, if `oldSlug` was one of its names. */
export async function renamedTopicSlug(db: Db, oldSlug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('topic_redirects as r')
    .innerJoin('topics as t', 't.id', 'r.topic_id')
    .select('t.slug')
    .where('r.old_slug', '=', oldSlug)
    .executeTakeFirst();
  return row?.slug;
}

export async function authorBySlug(db: Db, slug: string) {
  return db
    .selectFrom('authors')
    .select(['id', 'slug', 'name', 'created_at'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** Every published article's address parts and last change, for the sitemap. */
export async function allPublishedForSitemap(db: Db) {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'updated_at'])
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
}

export async function allTopicSlugs(db: Db) {
  return db.selectFrom('topics').select(['slug']).orderBy('slug').execute();
}

/** Authors with at least one published article: the others have an empty page. */
export async function publishedAuthorSlugs(db: Db) {
  return db
    .selectFrom('authors as au')
    .select(['au.slug', 'au.updated_at'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors as aa')
          .innerJoin('articles as a', 'a.id', 'aa.article_id')
          .select('aa.article_id')
          .whereRef('aa.author_id', '=', 'au.id')
          .where('a.status', '=', 'published'),
      ),
    )
    .orderBy('au.slug')
    .execute();
}
