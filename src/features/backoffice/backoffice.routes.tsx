// The back-office home (/beheer).
import type { FastifyInstance } from 'fastify';
import { takeFlash } from '../../infra/flash.js';
import { requireLogin, viewerOf } from '../accounts/access.js';
import { sendAdminPage } from './admin-page.js';
import { DashboardPage } from './dashboard.views.js';

export async function backofficeRoutes(app: FastifyInstance) {
  app.get('/beheer', { preHandler: requireLogin }, async (request, reply) => {
    viewerOf(request);
    return sendAdminPage(request, reply, <DashboardPage flash={takeFlash(request, reply)} />);
  });
}
