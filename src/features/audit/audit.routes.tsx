// /beheer/audit: the audit log, for administrators.

import type { FastifyInstance } from 'fastify';
import { pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { requireRole } from '../accounts/access.js';
import { ADMIN_ROLES } from '../accounts/policy.js';
import { auditQuery } from './audit.schemas.js';
import { auditLogPage } from './audit.service.js';
import { AuditPage } from './audit.views.js';

const PER_PAGE = 50;
const pageOf = pageQuery();

export async function auditRoutes(app: FastifyInstance) {
  app.get('/beheer/audit', { preHandler: requireRole(...ADMIN_ROLES) }, async (request, reply) => {
    const { actie: action } = parseInput(auditQuery, request.query);
    const page = parseInput(pageOf, request.query);
    const { items, hasNext, actions } = await auditLogPage(app.db, {
      action,
      page,
      perPage: PER_PAGE,
    });
    return sendAdminPage(
      request,
      reply,
      <AuditPage rows={items} actions={actions} action={action} page={page} hasNext={hasNext} />,
    );
  });
}
