// The public topic page; a renamed topic's old slug redirects (301) to the new one.

import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { pageQuery, parseInput, slugParams } from '../../lib/parse.js';
import { paths } from '../../views/paths.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { topicPage } from './topics-public.service.js';
import { TopicPage } from './topics-public.views.js';

export const TOPIC_PER_PAGE = 10;

const pageOf = pageQuery();

export async function topicPublicRoutes(app: FastifyInstance): Promise<void> {
  app.get('/onderwerp/:slug', async (request, reply) => {
    const { slug } = parseInput(slugParams, request.params, 'not_found');
    const page = parseInput(pageOf, request.query);
    const found = await topicPage(app.db, slug, page, TOPIC_PER_PAGE);
    if ('renamedTo' in found) {
      return reply
        .header('cache-control', 'public, max-age=3600')
        .redirect(paths.topic({ slug: found.renamedTo ?? slug }), 301);
    }
    const { topic, items, hasNext } = found;
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
