// The author directory ("Onze auteurs") and the author page.
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { pageQuery, parseInput, slugParams } from '../../lib/parse.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { authorDirectory, authorWithArticles } from './authors.service.js';
import { AuthorDirectoryPage, AuthorPage } from './authors.views.js';

export const AUTHORS_PER_PAGE = 50;
export const AUTHOR_ARTICLES_PER_PAGE = 10;

const pageOf = pageQuery();

export async function authorRoutes(app: FastifyInstance): Promise<void> {
  app.get('/auteurs', async (request, reply) => {
    const page = parseInput(pageOf, request.query);
    const { items, hasNext } = await authorDirectory(app.db, page, AUTHORS_PER_PAGE);
    return sendPage(request, reply, {
      tags: [cacheTags.authors],
      render: () =>
        renderDocument(
          siteContext(request),
          <AuthorDirectoryPage authors={items} page={page} hasNext={hasNext} />,
        ),
    });
  });

  app.get('/auteur/:slug', async (request, reply) => {
    const { slug } = parseInput(slugParams, request.params, 'not_found');
    const page = parseInput(pageOf, request.query);
    const { author, items, hasNext } = await authorWithArticles(
      app.db,
      slug,
      page,
      AUTHOR_ARTICLES_PER_PAGE,
    );
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
