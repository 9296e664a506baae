// Read-side queries for the public pages: plain functions over Db, one query per list.
// The article page's own queries run on every uncached view, so they are prepared once
// (db/prepared.ts), as are the list queries (lists of ids padded to a few lengths).
import { sql } from 'kysely';
import { prepared, preparedWithIds } from '../../db/prepared.js';
import type { Db } from '../../infra/db.js';
import type { GradeTotalsView } from '../grades/grade-totals.js';

/** The grade aggregates of many articles in one query, keyed by article id. */
export async function gradeTotalsFor(
  db: Db,
  articleIds: number[],
): Promise<Map<number, GradeTotalsView>> {
  const result = new Map<number, GradeTotalsView>();
  const rows = await gradeTotalsQuery.execute(db, {}, articleIds);
  for (const r of rows) result.set(r.article_id, toTotalsView(r));
  return result;
}

const gradeTotalsQuery = preparedWithIds((db, _p: Record<string, never>, ids) =>
  db.selectFrom('grade_totals').selectAll().where('article_id', 'in', ids),
);

/** Absent counts (no totals row yet) read as 0. */
function toTotalsView(
  r: Record<'count' | 'sum' | `h${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`, number | null>,
): GradeTotalsView {
  return {
    count: Number(r.count),
    sum: Number(r.sum),
    histogram: [r.h1, r.h2, r.h3, r.h4, r.h5, r.h6, r.h7, r.h8, r.h9, r.h10].map(Number),
  };
}

/** What a card or page shows of an article (no body). */
export interface ArticleSummaryRow {
  id: number;
  slug: string;
  title: string;
  lead: string;
  publish_at: string | null;
  updated_at: string;
  comment_count: number;
}

export interface BylineAuthorRow {
  article_id: number;
  id: number;
  slug: string;
  name: string;
  company: string | null;
  photo: string | null;
  bio_html: string;
}

export interface TopicRow {
  id: number;
  slug: string;
  name: string;
}

const summaryColumns = [
  'articles.id',
  'articles.slug',
  'articles.title',
  'articles.lead',
  'articles.publish_at',
  'articles.updated_at',
  'articles.comment_count',
] as const;

function toSummary(r: ArticleSummaryRow): ArticleSummaryRow {
  return { ...r, comment_count: Number(r.comment_count) };
}

/** An article as its page shows it: the summary with the body and the comment setting. */
export interface PublishedArticleRow extends ArticleSummaryRow {
  body_html: string;
  comments_open: number;
}

// The article page reads both on every view: one query instead of two.
const publishedArticleWithTotalsQuery = prepared((db, p: { id: number }) =>
  db
    .selectFrom('articles')
    .leftJoin('grade_totals', 'grade_totals.article_id', 'articles.id')
    .select([...summaryColumns, 'articles.body_html', 'articles.comments_open'])
    .select([
      'grade_totals.article_id as graded',
      'grade_totals.count',
      'grade_totals.sum',
      'grade_totals.h1',
      'grade_totals.h2',
      'grade_totals.h3',
      'grade_totals.h4',
      'grade_totals.h5',
      'grade_totals.h6',
      'grade_totals.h7',
      'grade_totals.h8',
      'grade_totals.h9',
      'grade_totals.h10',
    ])
    .where('articles.id', '=', p.id)
    .where('articles.status', '=', 'published'),
);

/**
 * One published article with its grade aggregate (undefined before its first grade), or
 * undefined: drafts and scheduled articles are hidden.
 */
export async function publishedArticleWithTotals(
  db: Db,
  id: number,
): Promise<{ article: PublishedArticleRow; totals?: GradeTotalsView } | undefined> {
  const row = await publishedArticleWithTotalsQuery.takeFirst(db, { id });
  if (!row) return undefined;
  const { graded, count, sum, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10, ...article } = row;
  const totals = { count, sum, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10 };
  return { article, totals: graded === null ? undefined : toTotalsView(totals) };
}

const bylineQuery = prepared((db, p: { articleId: number }) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select([
      'article_authors.article_id',
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.company',
      'authors.photo',
      'authors.bio_html',
    ])
    .where('article_authors.article_id', '=', p.articleId)
    .orderBy('article_authors.position'),
);

/** The byline authors of one article, in byline order. */
export async function bylineOf(db: Db, articleId: number): Promise<BylineAuthorRow[]> {
  return bylineQuery.execute(db, { articleId });
}

const topicsQuery = prepared((db, p: { articleId: number }) =>
  db
    .selectFrom('article_topics')
    .innerJoin('topics', 'topics.id', 'article_topics.topic_id')
    .select(['topics.id', 'topics.slug', 'topics.name'])
    .where('article_topics.article_id', '=', p.articleId)
    .orderBy('topics.name'),
);

/** The topics of one article, by name. */
export async function topicsOf(db: Db, articleId: number): Promise<TopicRow[]> {
  return topicsQuery.execute(db, { articleId });
}

/** The byline authors of many articles in one query, in byline order per article. */
const bylinesQuery = preparedWithIds((db, _p: Record<string, never>, ids) =>
  db
    .selectFrom('article_authors')
    .innerJoin('authors', 'authors.id', 'article_authors.author_id')
    .select([
      'article_authors.article_id',
      'authors.id',
      'authors.slug',
      'authors.name',
      'authors.company',
      'authors.photo',
      'authors.bio_html',
    ])
    .where('article_authors.article_id', 'in', ids)
    .orderBy('article_authors.article_id')
    .orderBy('article_authors.position'),
);

export async function bylinesFor(
  db: Db,
  articleIds: number[],
): Promise<Map<number, BylineAuthorRow[]>> {
  const result = new Map<number, BylineAuthorRow[]>();
  const rows = await bylinesQuery.execute(db, {}, articleIds);
  for (const r of rows) {
    const list = result.get(r.article_id) ?? [];
    list.push(r);
    result.set(r.article_id, list);
  }
  return result;
}

// A plain join: the planner walks this article's topics by the primary key. The same
// question asked as `id in (subquery)` made SQLite build a bloom filter on every run, which
// cost ten times the rest of the query once other work had cooled the allocator.
const relatedQuery = prepared((db, p: { articleId: number; limit: number }) =>
  db
    .selectFrom('article_topics as mine')
    .innerJoin('article_topics as theirs', 'theirs.topic_id', 'mine.topic_id')
    .innerJoin('articles', 'articles.id', 'theirs.article_id')
    .select(summaryColumns)
    .distinct()
    .where('mine.article_id', '=', p.articleId)
    .where('articles.id', '!=', p.articleId)
    .where('articles.status', '=', 'published')
    .orderBy('articles.publish_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(p.limit),
);

/** Published articles sharing a topic with this one, newest first, in one query. */
export async function relatedArticles(
  db: Db,
  articleId: number,
  limit = 5,
): Promise<ArticleSummaryRow[]> {
  const rows = await relatedQuery.execute(db, { articleId, limit });
  return rows.map(toSummary);
}

/**
 * Published articles, newest first, one page (plus one row to see if a next page exists):
 * all of them, or those of one topic or of one author (`scope` is its id).
 */
function latestQuery(within?: 'topic' | 'author') {
  return prepared((db, p: { scope: number; limit: number; offset: number }) => {
    let query = db
      .selectFrom('articles')
      .select(summaryColumns)
      .where('articles.status', '=', 'published');
    if (within === 'topic') {
      query = query.where('articles.id', 'in', (qb) =>
        qb.selectFrom('article_topics').select('article_id').where('topic_id', '=', p.scope),
      );
    } else if (within === 'author') {
      query = query.where('articles.id', 'in', (qb) =>
        qb.selectFrom('article_authors').select('article_id').where('author_id', '=', p.scope),
      );
    }
    return query
      .orderBy('articles.publish_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(p.limit)
      .offset(p.offset);
  });
}

const latestQueries = {
  all: latestQuery(),
  topic: latestQuery('topic'),
  author: latestQuery('author'),
};

/** All articles, or those of one topic, or those of one author. */
export type ArticleFilter =
  | { topicId?: undefined; authorId?: undefined }
  | { topicId: number; authorId?: undefined }
  | { topicId?: undefined; authorId: number };

/** Published articles, newest first: all of them, or those of one topic or one author. */
export async function latestArticles(
  db: Db,
  window: { limit: number; offset: number },
  filter: ArticleFilter = {},
): Promise<ArticleSummaryRow[]> {
  const rows =
    filter.topicId !== undefined
      ? await latestQueries.topic.execute(db, { scope: filter.topicId, ...window })
      : filter.authorId !== undefined
        ? await latestQueries.author.execute(db, { scope: filter.authorId, ...window })
        : await latestQueries.all.execute(db, { scope: 0, ...window });
  return rows.map(toSummary);
}

/** Weight of the prior in the Bayesian mean, in votes: one 10 cannot top the list. */
export const BAYES_PRIOR_VOTES = 5;

/**
 * Best graded published articles by Bayesian mean: (m·C + sum) / (m + count), where C is
 * the mean of all counted grades on the site and m a constant number of votes. Only articles
 * with at least `minVotes` votes take part: the list shows the plain mean and count, and a
 * mean of one or two votes says too little to be called "best". One query.
 */
const bestGradedQuery = prepared((db, p: { limit: number; minVotes: number }) => {
  const m = BAYES_PRIOR_VOTES;
  const score = sql<number>`(${sql.lit(m)} * (select cast(sum(gt_all."sum") as double precision) / nullif(sum(gt_all."count"), 0) from grade_totals gt_all) + grade_totals."sum") / (${sql.lit(m)} + grade_totals."count")`;
  return db
    .selectFrom('articles')
    .innerJoin('grade_totals', 'grade_totals.article_id', 'articles.id')
    .select(summaryColumns)
    .where('articles.status', '=', 'published')
    .where('grade_totals.count', '>=', p.minVotes)
    .orderBy(score, 'desc')
    .orderBy('grade_totals.count', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(p.limit);
});

export async function bestGradedArticles(
  db: Db,
  window: { limit: number; minVotes: number },
): Promise<ArticleSummaryRow[]> {
  const rows = await bestGradedQuery.execute(db, {
    limit: window.limit,
    minVotes: Math.max(1, window.minVotes),
  });
  return rows.map(toSummary);
}
