// The back-office home (/beheer) and the dev mailbox.

import type { FastifyInstance } from 'fastify';
import { takeFlash } from '../../infra/flash.js';
import { pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { requireLogin, requireRole } from '../accounts/access.js';
import { STAFF_ROLES } from '../accounts/policy.js';
import { DashboardPage } from './dashboard.views.js';
import { mailboxPage } from './mailbox.service.js';
import { MailboxPage } from './mailbox.views.js';

const MAILS_PER_PAGE = 20;
const pageOf = pageQuery();

export async function backofficeRoutes(app: FastifyInstance) {
  app.get('/beheer', { preHandler: requireLogin }, async (request, reply) =>
    sendAdminPage(request, reply, <DashboardPage flash={takeFlash(request, reply)} />),
  );

  app.get(
    '/beheer/mailbox',
    { preHandler: requireRole(...STAFF_ROLES) },
    async (request, reply) => {
      // With SMTP set, mail really goes out; the table would only hold old dev mail.
      const enabled = !app.config.smtpUrl;
      const page = parseInput(pageOf, request.query);
      const { items, hasNext } = enabled
        ? await mailboxPage(app.db, page, MAILS_PER_PAGE)
        : { items: [], hasNext: false };
      return sendAdminPage(
        request,
        reply,
        <MailboxPage mails={items} page={page} hasNext={hasNext} enabled={enabled} />,
      );
    },
  );
}
