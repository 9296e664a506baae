import type { Db } from '../../infra/db.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { toCards } from '../articles/articles.service.js';
import { bestGradedArticles, latestArticles } from '../articles/articles-read.repository.js';
import { topicsWithArticles } from '../topics/topics-public.repository.js';
import type { HomeData } from './home.views.js';

export const HOME_PER_PAGE = 10;
const BEST_GRADED = 5;
/**
 * Fewer votes than this and an article stays out of "best graded": the list shows each
 * article's plain mean, and one reader's 6 is no "best". The page says so beside the list.
 */
export const BEST_GRADED_MIN_VOTES = 3;

export async function loadHome(db: Db, page: number): Promise<HomeData> {
  const [latestRows, bestRows, topics] = await Promise.all([
    latestArticles(db, pageWindow(page, HOME_PER_PAGE)),
    bestGradedArticles(db, { limit: BEST_GRADED, minVotes: BEST_GRADED_MIN_VOTES }),
    topicsWithArticles(db),
  ]);
  const latest = splitPage(latestRows, HOME_PER_PAGE);
  // Bylines and grades of both lists in one go: two queries for the whole page.
  const cards = await toCards(db, [...latest.items, ...bestRows]);
  return {
    latest: cards.slice(0, latest.items.length),
    hasNext: latest.hasNext,
    page,
    best: cards.slice(latest.items.length),
    bestMinVotes: BEST_GRADED_MIN_VOTES,
    topics,
  };
}
