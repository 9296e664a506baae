import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { pageQuery, parseInput } from '../../lib/parse.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { loadHome } from './home.service.js';
import { HomePage } from './home.views.js';

const pageOf = pageQuery();

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => {
    const page = parseInput(pageOf, request.query);
    const data = await loadHome(app.db, page);
    return sendPage(request, reply, {
      tags: [
        cacheTags.articles,
        cacheTags.grades,
        cacheTags.comments,
        cacheTags.topics,
        cacheTags.authors,
      ],
      render: () => renderDocument(siteContext(request), <HomePage data={data} />),
    });
  });
}
