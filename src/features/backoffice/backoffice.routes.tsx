// The back-office home (/beheer) and the dev mailbox.

import type { FastifyInstance } from 'fastify';
import { takeFlash } from '../../infra/flash.js';
import { pageFromQuery, pageWindow, splitPage } from '../../lib/pagination.js';
import { requireLogin, requireRole } from '../accounts/access.js';
import { STAFF_ROLES } from '../accounts/policy.js';
import { sendAdminPage } from './admin-page.js';
import { DashboardPage } from './dashboard.views.js';
import { listMailbox } from './mailbox.repository.js';
import { MailboxPage } from './mailbox.views.js';

const MAILS_PER_PAGE = 20;

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
      const page = pageFromQuery(request.query);
      const rows = enabled
        ? await listMailbox(
            app.db,
            pageWindow(page, MAILS_PER_PAGE).limit,
            pageWindow(page, MAILS_PER_PAGE).offset,
          )
        : [];
      const { items, hasNext } = splitPage(rows, MAILS_PER_PAGE);
      return sendAdminPage(
        request,
        reply,
        <MailboxPage mails={items} page={page} hasNext={hasNext} enabled={enabled} />,
      );
    },
  );
}
