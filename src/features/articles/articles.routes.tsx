// The public article page. A wrong or missing slug redirects to the canonical URL; an
// unknown, unpublished or malformed id is a 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { cacheTags } from '../../infra/cache-tags.js';
import { takeFlash } from '../../infra/flash.js';
import { sendPage } from '../../infra/page-cache.js';
import { NotFoundError } from '../../lib/errors.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { authorsByName } from '../authors/authors-read.repository.js';
import { articleComments } from '../comments/comments.page.js';
import { articleGrading } from '../grades/grades.page.js';
import { articlePath } from './article-card.views.js';
import { loadArticlePage } from './articles.service.js';
import { ArticlePage } from './articles.views.js';

const SIDEBAR_AUTHORS = 8;

const params = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .refine((n) => n <= 2_147_483_647),
  slug: z.string().optional(),
});

export async function articleRoutes(app: FastifyInstance): Promise<void> {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError();
    const { id, slug } = parsed.data;
    const data = await loadArticlePage(app.db, id);
    if (!data) throw new NotFoundError();
    if (slug !== data.article.slug) {
      return reply
        .header('cache-control', 'public, max-age=3600')
        .redirect(articlePath(data.article), 301);
    }
    const sidebar = await authorsByName(app.db, { limit: SIDEBAR_AUTHORS, offset: 0 });
    const flash = takeFlash(request, reply);
    const grading = await articleGrading(app.db, request, id, flash);
    const discussion = await articleComments(request, data.article, flash);
    return sendPage(request, reply, {
      personal: grading.personal || discussion.personal,
      tags: [
        cacheTags.article(id),
        ...data.authors.map((a) => cacheTags.author(a.id)),
        ...data.topics.map((tp) => cacheTags.topic(tp.id)),
        // Related titles are shown: a change to one of them refreshes this page too.
        ...data.related.map((r) => cacheTags.article(r.id)),
        cacheTags.authors,
        cacheTags.lists,
        cacheTags.settings,
      ],
      render: () =>
        renderDocument(
          siteContext(request),
          <ArticlePage
            data={data}
            sidebarAuthors={sidebar}
            grading={grading}
            discussion={discussion}
          />,
        ),
    });
  };
  app.get('/artikel/:id', handler);
  app.get('/artikel/:id/:slug', handler);
}
