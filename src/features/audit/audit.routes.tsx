// /beheer/audit: the audit log, for administrators.

import type { FastifyInstance } from 'fastify';
import { pageFromQuery, pageWindow, splitPage } from '../../lib/pagination.js';
import { requireRole } from '../accounts/access.js';
import { ADMIN_ROLES } from '../accounts/policy.js';
import { sendAdminPage } from '../backoffice/admin-page.js';
import { listAudit, listAuditActions } from './audit.repository.js';
import { AuditPage } from './audit.views.js';

const PER_PAGE = 50;

export async function auditRoutes(app: FastifyInstance) {
  app.get('/beheer/audit', { preHandler: requireRole(...ADMIN_ROLES) }, async (request, reply) => {
    const raw = (request.query as Record<string, unknown>)['actie'];
    const action = typeof raw === 'string' && /^[a-z0-9_.-]{1,100}$/.test(raw) ? raw : undefined;
    const page = pageFromQuery(request.query);
    const [rows, actions] = await Promise.all([
      listAudit(app.db, { action, ...pageWindow(page, PER_PAGE) }),
      listAuditActions(app.db),
    ]);
    const { items, hasNext } = splitPage(rows, PER_PAGE);
    return sendAdminPage(
      request,
      reply,
      <AuditPage rows={items} actions={actions} action={action} page={page} hasNext={hasNext} />,
    );
  });
}
