// The author directory ("Onze auteurs") and the author page.
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { NotFoundError } from '../../lib/errors.js';
import { pageFromQuery, pageWindow, splitPage } from '../../lib/pagination.js';
import { isSlug } from '../../lib/slug.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { articleCardsPage } from '../articles/articles.service.js';
import { AuthorDirectoryPage, AuthorPage } from './authors.views.js';
import { authorBySlug, authorsByName } from './authors-read.repository.js';

export const AUTHORS_PER_PAGE = 50;
export const AUTHOR_ARTICLES_PER_PAGE = 10;

export async function authorRoutes(app: FastifyInstance): Promise<void> {
  app.get('/auteurs', async (request, reply) => {
    const page = pageFromQuery(request.query);
    const rows = await authorsByName(app.db, pageWindow(page, AUTHORS_PER_PAGE));
    const { items, hasNext } = splitPage(rows, AUTHORS_PER_PAGE);
    return sendPage(request, reply, {
      tags: [cacheTags.authors],
      render: () =>
        renderDocument(
          siteContext(request),
          <AuthorDirectoryPage authors={items} page={page} hasNext={hasNext} />,
        ),
    });
  });

  app.get<{ Params: { slug: string } }>('/auteur/:slug', async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) throw new NotFoundError();
    const author = await authorBySlug(app.db, slug);
    if (!author) throw new NotFoundError();
    const page = pageFromQuery(request.query);
    const { items, hasNext } = await articleCardsPage(app.db, page, AUTHOR_ARTICLES_PER_PAGE, {
      authorId: author.id,
    });
    return sendPage(request, reply, {
      tags: [
        cacheTags.author(author.id),
        cacheTags.articles,
        cacheTags.grades,
        cacheTags.comments,
        cacheTags.authors,
      ],
      render: () =>
        renderDocument(
          siteContext(request),
          <AuthorPage author={author} cards={items} page={page} hasNext={hasNext} />,
        ),
    });
  });
}
