// /beheer/waarderingen — how readers grade: authors their own articles, editors all, plus
// the held-back votes editors accept or delete (POST, redirect back with a flash message).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { idParams, pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import type { Viewer } from '../../views/site-context.js';
import { requireLogin, requireRole, viewerOf } from '../accounts/access.js';
import { isStaff, STAFF_ROLES } from '../accounts/policy.js';
import {
  acceptHeldGrade,
  articleGradeStats,
  discardHeldGrade,
  gradesOverview,
} from './grades-admin.service.js';
import { ArticleGradeStatsPage, GradesOverviewPage } from './grades-admin.views.js';

const pageOf = pageQuery();

function idOf(params: unknown): number {
  return parseInput(idParams, params, 'not_found').id;
}

/** Back to the overview or one article's page; nothing else is accepted. */
function backPath(body: unknown): string {
  const value = (body as Record<string, unknown> | undefined)?.terug;
  return typeof value === 'string' && /^\/beheer\/waarderingen(\/[1-9]\d{0,9})?$/.test(value)
    ? value
    : '/beheer/waarderingen';
}

type HeldAction = (
  db: FastifyInstance['db'],
  viewer: Viewer,
  id: number,
) => Promise<number | undefined>;

export async function gradesAdminRoutes(app: FastifyInstance): Promise<void> {
  const words = () => catalogs[app.config.locale].grades.admin;

  app.get('/beheer/waarderingen', { preHandler: requireLogin }, async (request, reply) => {
    const viewer = viewerOf(request);
    const data = await gradesOverview(app.db, viewer, parseInput(pageOf, request.query));
    return sendAdminPage(
      request,
      reply,
      <GradesOverviewPage data={data} flash={takeFlash(request, reply)} editor={isStaff(viewer)} />,
    );
  });

  app.get('/beheer/waarderingen/:id', { preHandler: requireLogin }, async (request, reply) => {
    const data = await articleGradeStats(app.db, viewerOf(request), idOf(request.params));
    return sendAdminPage(
      request,
      reply,
      <ArticleGradeStatsPage data={data} flash={takeFlash(request, reply)} />,
    );
  });

  const handleHeld =
    (action: HeldAction, done: 'accepted' | 'discarded') =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const articleId = await action(app.db, viewerOf(request), idOf(request.params));
      if (articleId === undefined) {
        setFlash(reply, { kind: 'error', message: words().gone });
      } else {
        setFlash(reply, { kind: 'success', message: words()[done] });
      }
      return reply.redirect(backPath(request.body), 303);
    };

  const editors = { preHandler: requireRole(...STAFF_ROLES) };
  app.post(
    '/beheer/waarderingen/stem/:id/accepteren',
    { ...editors, config: { token: 'csrf' } },
    handleHeld(acceptHeldGrade, 'accepted'),
  );
  app.post(
    '/beheer/waarderingen/stem/:id/verwijderen',
    { ...editors, config: { token: 'csrf' } },
    handleHeld(discardHeldGrade, 'discarded'),
  );
}
