import type { Db } from '../../infra/db.js';
import { articleCardsPage, toCards } from '../articles/articles.service.js';
import { bestGradedArticles } from '../articles/articles-read.repository.js';
import { topicsWithArticles } from '../topics/topics-public.repository.js';
import type { HomeData } from './home.views.js';

export const HOME_PER_PAGE = 10;
const BEST_GRADED = 5;

export async function loadHome(db: Db, page: number): Promise<HomeData> {
  const [latest, bestRows, topics] = await Promise.all([
    articleCardsPage(db, page, HOME_PER_PAGE),
    bestGradedArticles(db, BEST_GRADED),
    topicsWithArticles(db),
  ]);
  return {
    latest: latest.items,
    hasNext: latest.hasNext,
    page,
    best: await toCards(db, bestRows),
    topics,
  };
}
