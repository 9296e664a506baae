// The public article page. A wrong or missing slug redirects to the canonical URL; an
// unknown, unpublished or malformed id is a 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAnonymousRequest, sendPage, sendStoredPage } from '../../infra/cache/page-cache.js';
import { takeFlash } from '../../infra/flash.js';
import { NotFoundError } from '../../lib/errors.js';
import { parseInput } from '../../lib/parse.js';
import { renderFragment } from '../../views/render.js';
import { keptSiteContext, siteContext } from '../../views/site.js';
import { authorsSidebarHtml } from '../authors/authors-sidebar.js';
import { articleComments, commentsArePersonal } from '../comments/comments.page.js';
import { type ArticleGrading, articleGrading } from '../grades/grades.page.js';
import { sharedSubscribeBox } from '../newsletters/subscribe-box.js';
import { articlePath } from './article-card.views.js';
import { articleFrame } from './article-frame.js';
import { articlePageTags, articleShell } from './article-shell.js';
import { articleParams } from './articles.schemas.js';
import { publishedArticle } from './articles.service.js';
import { ArticleResponse } from './articles.views.js';

export async function articleRoutes(app: FastifyInstance): Promise<void> {
  const { shared } = app.pageCache;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const { id, slug } = parseInput(articleParams, request.params, 'not_found');
    // Whether this answer is the reader's own is decided first. A stored page exists only
    // for the canonical URL of a published article (a write to it drops the page), so a
    // reader who would see the shared page gets it without a query, or with one when they
    // have a reader key (have they graded this article?). No session and no flash here:
    // those make every page personal.
    let grading: ArticleGrading | undefined;
    if (isAnonymousRequest(request) && !commentsArePersonal(request)) {
      grading = await articleGrading(app.db, request, id, undefined);
      const stored = grading.personal ? undefined : sendStoredPage(request, reply);
      if (stored) return stored;
    }
    // Before anything is read: the shell is made from what is read from here on.
    const since = shared.started();
    // Read on every render, so that an unpublished article is gone at once.
    const found = await publishedArticle(app.db, id);
    if (!found) throw new NotFoundError();
    const { article, totals: grade } = found;
    if (slug !== article.slug) {
      return reply
        .header('cache-control', 'public, max-age=3600')
        .redirect(articlePath(article), 301);
    }
    const site = siteContext(request);
    const kept = keptSiteContext(request);
    const flash = takeFlash(request, reply);
    grading ??= await articleGrading(app.db, request, id, flash);
    const [frame, authors, newsletter, discussion] = await Promise.all([
      articleFrame(app.db, shared, kept, article),
      authorsSidebarHtml(app.db, shared, kept),
      sharedSubscribeBox.get(shared, app.db),
      articleComments(request, article, flash),
    ]);
    const shell = await articleShell(shared, since, kept, { article, frame, authors, newsletter });
    const response = (
      <ArticleResponse
        articleId={id}
        grade={grade}
        newsletter={newsletter}
        grading={grading}
        discussion={discussion}
      />
    );
    return sendPage(request, reply, {
      personal: grading.personal || discussion.personal,
      tags: articlePageTags(frame),
      // One path for every viewer: the kept page around the part rendered for this view.
      render: () => [shell.before, renderFragment(site, response), shell.after],
    });
  };
  app.get('/artikel/:id', handler);
  app.get('/artikel/:id/:slug', handler);
}
