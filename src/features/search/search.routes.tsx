// GET /zoeken?q= — full-text search over published articles.
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { pageQuery, parseInput } from '../../lib/parse.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { rawQueryOf, searchQuerySchema } from './search.schemas.js';
import { searchArticles } from './search.service.js';
import { MAX_QUERY_LENGTH } from './search.text.js';
import { SearchPage } from './search.views.js';

const pageOf = pageQuery();

export async function searchRoutes(app: FastifyInstance) {
  app.get('/zoeken', async (request, reply) => {
    const raw = rawQueryOf(request.url);
    const parsed = searchQuerySchema.safeParse(raw);
    const site = siteContext(request);
    if (!parsed.success) {
      // The form comes back with the reader's text and the reason, as a 400.
      const issue = parsed.error.issues[0]?.message;
      const error =
        issue === 'queryTooLong'
          ? site.t.search.queryTooLong(MAX_QUERY_LENGTH)
          : site.t.search.queryInvalid;
      const query = typeof raw.q === 'string' ? raw.q.slice(0, MAX_QUERY_LENGTH) : '';
      return sendPage(request, reply, {
        status: 400,
        tags: [cacheTags.articles],
        render: () => renderDocument(site, <SearchPage query={query} error={error} />),
      });
    }
    const query = parsed.data.q;
    const page = parseInput(pageOf, raw);
    return sendPage(request, reply, {
      tags: [cacheTags.articles, cacheTags.authors],
      render: async () => {
        const outcome = await searchArticles(app.db, query, page);
        return renderDocument(site, <SearchPage query={query} outcome={outcome} />);
      },
    });
  });
}
