// What a public topic page shows, and where a renamed topic's old slug leads.
import type { Db } from '../../infra/db.js';
import { NotFoundError } from '../../lib/errors.js';
import { articleCardsPage } from '../articles/articles.service.js';
import { redirectedTopicSlug, topicBySlug } from './topics-public.repository.js';

/**
 * A topic by slug with one page of its articles, or the slug it was renamed to; an unknown
 * slug is not found.
 */
export async function topicPage(db: Db, slug: string, page: number, perPage: number) {
  const topic = await topicBySlug(db, slug);
  if (!topic) {
    const current = await redirectedTopicSlug(db, slug);
    if (!current) throw new NotFoundError();
    return { renamedTo: current } as const;
  }
  const { items, hasNext } = await articleCardsPage(db, page, perPage, { topicId: topic.id });
  return { topic, items, hasNext } as const;
}
