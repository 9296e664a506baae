// The public topic page; a renamed topic's old slug redirects (301) to the new one.
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { NotFoundError } from '../../lib/errors.js';
import { pageFromQuery } from '../../lib/pagination.js';
import { isSlug } from '../../lib/slug.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { articleCardsPage } from '../articles/articles.service.js';
import { redirectedTopicSlug, topicBySlug } from './topics-public.repository.js';
import { TopicPage } from './topics-public.views.js';

export const TOPIC_PER_PAGE = 10;

export async function topicPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { slug: string } }>('/onderwerp/:slug', async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) throw new NotFoundError();
    const topic = await topicBySlug(app.db, slug);
    if (!topic) {
      const current = await redirectedTopicSlug(app.db, slug);
      if (!current) throw new NotFoundError();
      return reply
        .header('cache-control', 'public, max-age=3600')
        .redirect(`/onderwerp/${current}`, 301);
    }
    const page = pageFromQuery(request.query);
    const { items, hasNext } = await articleCardsPage(app.db, page, TOPIC_PER_PAGE, {
      topicId: topic.id,
    });
    return sendPage(request, reply, {
      tags: [
        cacheTags.topic(topic.id),
        cacheTags.articles,
        cacheTags.grades,
        cacheTags.comments,
        cacheTags.authors,
      ],
      render: () =>
        renderDocument(
          siteContext(request),
          <TopicPage topic={topic} cards={items} page={page} hasNext={hasNext} />,
        ),
    });
  });
}
