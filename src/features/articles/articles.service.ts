// Assembles what the public article pages and article lists show. Every list is loaded with a
// fixed number of queries, whatever its length.
import type { Db } from '../../infra/db.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import type { GradeTotalsView } from '../grades/grade-totals.js';
import {
  type ArticleFilter,
  type ArticleSummaryRow,
  type BylineAuthorRow,
  bylinesFor,
  gradeTotalsFor,
  latestArticles,
  publishedArticleWithTotals,
} from './articles-read.repository.js';

export interface ArticleCard extends ArticleSummaryRow {
  authors: BylineAuthorRow[];
  grade: GradeTotalsView | undefined;
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
  filter: ArticleFilter = {},
): Promise<{ items: ArticleCard[]; hasNext: boolean }> {
  const rows = await latestArticles(db, pageWindow(page, perPage), filter);
  const { items, hasNext } = splitPage(rows, perPage);
  return { items: await toCards(db, items), hasNext };
}

/** A published article with its grade totals, read on every view (unpublishing shows at once). */
export function publishedArticle(db: Db, id: number) {
  return publishedArticleWithTotals(db, id);
}
