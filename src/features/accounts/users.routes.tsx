// Users admin (/beheer/gebruikers, admins) and invitations (admins and editors).

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { field } from '../../infra/form-body.js';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { idParams, pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { requireRole, viewerOf } from './access.js';
import { type FieldErrors, readEmail, readName, readRole } from './account-forms.js';
import { roleForm, userListQuery } from './accounts.schemas.js';
import { ADMIN_ROLES, invitableRoles, isAdmin, STAFF_ROLES } from './policy.js';
import { InvitePage, UsersPage } from './users.views.js';
import { changeRole, inviteUser, setDisabled, userList } from './users-admin.service.js';

const pageOf = pageQuery();

const PER_PAGE = 25;
const INVITE_PATH = '/beheer/gebruikers/uitnodigen';

function words(request: FastifyRequest) {
  return catalogs[request.server.config.locale].admin;
}

function userId(request: FastifyRequest): number {
  return parseInput(idParams, request.params, 'not_found').id;
}

export async function usersRoutes(app: FastifyInstance) {
  const admins = { preHandler: requireRole(...ADMIN_ROLES) };
  const inviters = { preHandler: requireRole(...STAFF_ROLES) };

  app.get('/beheer/gebruikers', admins, async (request, reply) => {
    const query = parseInput(userListQuery, request.query);
    const page = parseInput(pageOf, request.query);
    const rows = await userList(app.db, {
      search: query.q,
      role: query.rol,
      ...pageWindow(page, PER_PAGE),
    });
    const { items, hasNext } = splitPage(rows, PER_PAGE);
    return sendAdminPage(
      request,
      reply,
      <UsersPage
        users={items}
        search={query.q}
        role={query.rol}
        page={page}
        hasNext={hasNext}
        flash={takeFlash(request, reply)}
      />,
    );
  });

  app.get(INVITE_PATH, inviters, async (request, reply) =>
    sendAdminPage(
      request,
      reply,
      <InvitePage roles={invitableRoles(viewerOf(request))} flash={takeFlash(request, reply)} />,
    ),
  );

  app.post(
    INVITE_PATH,
    { ...inviters, config: { token: 'csrf' } },
    async (request, reply: FastifyReply) => {
      const viewer = viewerOf(request);
      const w = words(request);
      const errors: FieldErrors = {};
      const email = readEmail(request.body, w, errors);
      const name = readName(request.body, w, errors);
      const role = readRole(request.body, w, errors);
      const roles = invitableRoles(viewer);
      if (role && !roles.includes(role)) errors['role'] = w.invite.roleNotAllowed;
      const values = {
        email: field(request.body, 'email')?.slice(0, 300),
        name: field(request.body, 'name')?.slice(0, 300),
        role: field(request.body, 'role'),
      };
      const refuse = (status: number) =>
        sendAdminPage(
          request,
          reply,
          <InvitePage roles={roles} values={values} errors={errors} />,
          status,
        );
      if (Object.keys(errors).length > 0) {
        return refuse(errors['role'] === w.invite.roleNotAllowed ? 403 : 422);
      }
      const result = await inviteUser(app.db, app.config, viewer, { email, name, role: role! });
      if (!result.ok) {
        errors[result.reason === 'role' ? 'role' : 'email'] =
          result.reason === 'role' ? w.invite.roleNotAllowed : w.invite.emailTaken;
        return refuse(result.reason === 'role' ? 403 : 409);
      }
      setFlash(reply, { kind: 'success', message: w.invite.sent(email) });
      return reply.redirect(isAdmin(viewer) ? '/beheer/gebruikers' : INVITE_PATH, 303);
    },
  );

  app.post(
    '/beheer/gebruikers/:id/rol',
    { ...admins, config: { token: 'csrf' } },
    async (request, reply) => {
      const w = words(request);
      const id = userId(request);
      const { role } = parseInput(roleForm, request.body);
      const result = await changeRole(app.db, viewerOf(request), id, role);
      if (!result.ok) {
        if (result.reason === 'not_found') throw new NotFoundError();
        throw new ForbiddenError();
      }
      setFlash(reply, { kind: 'success', message: w.users.roleChanged(result.name) });
      return reply.redirect('/beheer/gebruikers', 303);
    },
  );

  for (const [action, disabled] of [
    ['blokkeren', true],
    ['deblokkeren', false],
  ] as const) {
    app.post(
      `/beheer/gebruikers/:id/${action}`,
      { ...admins, config: { token: 'csrf' } },
      async (request, reply) => {
        const w = words(request);
        const result = await setDisabled(app.db, viewerOf(request), userId(request), disabled);
        if (!result.ok) {
          if (result.reason === 'not_found') throw new NotFoundError();
          throw new ForbiddenError();
        }
        setFlash(reply, {
          kind: 'success',
          message: disabled ? w.users.disabled(result.name) : w.users.enabled(result.name),
        });
        return reply.redirect('/beheer/gebruikers', 303);
      },
    );
  }
}
