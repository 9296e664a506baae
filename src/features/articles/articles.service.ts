// Assembles what the public article pages and article lists show. Every list is loaded with a
// fixed number of queries, whatever its length.
import type { Db } from '../../infra/db.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import type { GradeTotalsView } from '../grades/grades.views.js';
import { loadSubscribeBox, type SubscribeBoxData } from '../newsletters/subscribe-box.js';
import {
  type ArticleSummaryRow,
  type BylineAuthorRow,
  bylinesFor,
  gradeTotalsFor,
  latestArticles,
  publishedArticleById,
  relatedArticles,
  type TopicRow,
  topicsFor,
} from './articles-read.repository.js';

export interface ArticleCard extends ArticleSummaryRow {
  authors: BylineAuthorRow[];
  grade: GradeTotalsView | undefined;
}

export interface ArticlePageData {
  article: ArticleSummaryRow & { body_html: string; comments_open: number };
  authors: BylineAuthorRow[];
  topics: TopicRow[];
  grade: GradeTotalsView | undefined;
  related: ArticleSummaryRow[];
  newsletter: SubscribeBoxData;
}

/** Adds bylines and grade aggregates to a list of articles: two queries for the whole list. */
export async function toCards(db: Db, rows: ArticleSummaryRow[]): Promise<ArticleCard[]> {
  const ids = rows.map((r) => r.id);
  const [bylines, grades] = await Promise.all([bylinesFor(db, ids), gradeTotalsFor(db, ids)]);
  return rows.map((r) => ({ ...r, authors: bylines.get(r.id) ?? [], grade: grades.get(r.id) }));
}

/** One page of published articles (optionally of one topic or author) as cards. */
export async function articleCardsPage(
  db: Db,
  page: number,
  perPage: number,
  filter: { topicId?: number; authorId?: number } = {},
): Promise<{ items: ArticleCard[]; hasNext: boolean }> {
  const rows = await latestArticles(db, pageWindow(page, perPage), filter);
  const { items, hasNext } = splitPage(rows, perPage);
  return { items: await toCards(db, items), hasNext };
}

/** Everything the article page shows, or undefined when there is no such published article. */
export async function loadArticlePage(db: Db, id: number): Promise<ArticlePageData | undefined> {
  const article = await publishedArticleById(db, id);
  if (!article) return undefined;
  // Comments come from the comments feature (comments/comments.page.ts), which knows the reader.
  const [bylines, topics, grades, related, newsletter] = await Promise.all([
    bylinesFor(db, [id]),
    topicsFor(db, [id]),
    gradeTotalsFor(db, [id]),
    relatedArticles(db, id),
    loadSubscribeBox(db),
  ]);
  return {
    article: { ...article, comment_count: Number(article.comment_count) },
    authors: bylines.get(id) ?? [],
    topics: topics.get(id) ?? [],
    grade: grades.get(id),
    related,
    newsletter,
  };
}
