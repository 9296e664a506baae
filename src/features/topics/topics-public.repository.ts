// Read-side queries of the public topic pages and topic lists.
import { prepared } from '../../db/prepared.js';
import type { Db } from '../../infra/db.js';

export async function topicBySlug(db: Db, slug: string) {
  return db
    .selectFrom('topics')
    .select(['id', 'slug', 'name', 'description'])
    .where('slug', '=', slug)
    .executeTakeFirst();
}

/** The current slug of a topic that was renamed from `oldSlug`, if any. */
export async function redirectedTopicSlug(db: Db, oldSlug: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('topic_redirects')
    .innerJoin('topics', 'topics.id', 'topic_redirects.topic_id')
    .select('topics.slug')
    .where('topic_redirects.old_slug', '=', oldSlug)
    .executeTakeFirst();
  return row?.slug;
}

/** Every topic with at least one published article, by name. */
const topicsWithArticlesQuery = prepared((db, _p: Record<string, never>) =>
  db
    .selectFrom('topics')
    .select(['topics.id', 'topics.slug', 'topics.name'])
    .where('topics.id', 'in', (qb) =>
      qb
        .selectFrom('article_topics')
        .innerJoin('articles', 'articles.id', 'article_topics.article_id')
        .select('article_topics.topic_id')
        .where('articles.status', '=', 'published'),
    )
    .orderBy('topics.name'),
);

export async function topicsWithArticles(db: Db) {
  return topicsWithArticlesQuery.execute(db, {});
}
