// /beheer/profiel (the logged-in author's own profile) and /beheer/auteurs (editors: every
// profile, guest experts, invitations to claim a profile), photo uploads included.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Author } from '../../db/schema.js';
import { setFlash, takeFlash } from '../../infra/flash.js';
import type { FormBody } from '../../infra/form-body.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { idParams, pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { requireLogin, requireRole, viewerOf } from '../accounts/access.js';
import { mayManageContent, STAFF_ROLES } from '../accounts/policy.js';
import { storeImage } from '../media/media.service.js';
import { readImageUpload, registerUploads } from '../media/upload.js';
import { parseProfileForm, profileValuesOf } from './profiles.schemas.js';
import {
  type Actor,
  authorForEdit,
  createGuestExpert,
  inviteToClaim,
  listAuthorsPage,
  ownProfile,
  setPhoto,
  updateProfile,
} from './profiles.service.js';
import { AuthorsPage, ProfilePage } from './profiles.views.js';

const pageOf = pageQuery();

const editors = { preHandler: requireRole(...STAFF_ROLES) };

function actorOf(request: FastifyRequest): Actor {
  const viewer = viewerOf(request);
  return { userId: viewer.id, role: viewer.role };
}

function bodyOf(request: FastifyRequest): FormBody {
  const body = request.body;
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

function authorIdOf(params: unknown): number {
  return parseInput(idParams, params, 'not_found').id;
}

export async function profilesRoutes(app: FastifyInstance): Promise<void> {
  await registerUploads(app);
  const t = () => catalogs[app.config.locale].editor;

  /** Resolves which profile a path means: the viewer's own, or :id for editors. */
  async function target(
    request: FastifyRequest,
  ): Promise<{ author: Author | undefined; basePath: string; own: boolean }> {
    const actor = actorOf(request);
    if (request.url.startsWith('/beheer/profiel')) {
      return { author: await ownProfile(app.db, actor), basePath: '/beheer/profiel', own: true };
    }
    const id = authorIdOf(request.params);
    return {
      author: await authorForEdit(app.db, actor, id),
      basePath: `/beheer/auteurs/${id}`,
      own: false,
    };
  }

  function sendProfile(
    request: FastifyRequest,
    reply: FastifyReply,
    where: { author: Author | undefined; basePath: string; own: boolean },
    extra: { values?: ReturnType<typeof profileValuesOf>; errors?: Record<string, string> } = {},
    status = 200,
  ) {
    const viewer = viewerOf(request);
    return sendAdminPage(
      request,
      reply,
      <ProfilePage
        author={where.author}
        basePath={where.basePath}
        own={where.own}
        mayInvite={!where.own && mayManageContent(viewer)}
        values={extra.values}
        errors={extra.errors}
        flash={takeFlash(request, reply)}
      />,
      status,
    );
  }

  async function showProfile(request: FastifyRequest, reply: FastifyReply) {
    return sendProfile(request, reply, await target(request));
  }

  async function saveProfile(request: FastifyRequest, reply: FastifyReply) {
    const where = await target(request);
    if (!where.author) throw new NotFoundError();
    const body = bodyOf(request);
    const parsed = parseProfileForm(body);
    if (!parsed.ok) {
      return sendProfile(
        request,
        reply,
        where,
        { values: profileValuesOf(body), errors: parsed.fields },
        422,
      );
    }
    await updateProfile(app.db, actorOf(request), where.author.id, parsed.input);
    setFlash(reply, { kind: 'success', message: t().profile.saved });
    return reply.redirect(where.basePath, 303);
  }

  async function uploadPhoto(request: FastifyRequest, reply: FastifyReply) {
    const where = await target(request);
    if (!where.author) throw new NotFoundError();
    const actor = actorOf(request);
    try {
      const data = await readImageUpload(request, 'photo');
      const { key } = await storeImage(app.db, app.config.dataDir, {
        data,
        kind: 'photo',
        field: 'photo',
        userId: actor.userId,
      });
      await setPhoto(app.db, actor, where.author.id, key);
    } catch (error) {
      const errors =
        error instanceof ValidationError
          ? error.fields
          : error instanceof AppError && error.code === 'payload_too_large'
            ? { photo: error.messageKey }
            : undefined;
      if (!errors) throw error;
      return sendProfile(request, reply, where, { errors }, (error as AppError).status);
    }
    setFlash(reply, { kind: 'success', message: t().profile.photoSaved });
    return reply.redirect(where.basePath, 303);
  }

  async function removePhoto(request: FastifyRequest, reply: FastifyReply) {
    const where = await target(request);
    if (!where.author) throw new NotFoundError();
    await setPhoto(app.db, actorOf(request), where.author.id, null);
    setFlash(reply, { kind: 'success', message: t().profile.photoRemoved });
    return reply.redirect(where.basePath, 303);
  }

  const upload = { config: { token: 'csrf' as const, csrf: 'manual' as const } };
  app.get('/beheer/profiel', { preHandler: requireLogin }, showProfile);
  app.post('/beheer/profiel', { preHandler: requireLogin, config: { token: 'csrf' } }, saveProfile);
  app.post('/beheer/profiel/foto', { preHandler: requireLogin, ...upload }, uploadPhoto);
  app.post(
    '/beheer/profiel/foto/verwijderen',
    { preHandler: requireLogin, config: { token: 'csrf' } },
    removePhoto,
  );
  app.get('/beheer/auteurs/:id', editors, showProfile);
  app.post('/beheer/auteurs/:id', { ...editors, config: { token: 'csrf' } }, saveProfile);
  app.post('/beheer/auteurs/:id/foto', { ...editors, ...upload }, uploadPhoto);
  app.post(
    '/beheer/auteurs/:id/foto/verwijderen',
    { ...editors, config: { token: 'csrf' } },
    removePhoto,
  );

  async function sendAuthors(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: ReturnType<typeof profileValuesOf>; errors?: Record<string, string> } = {},
    status = 200,
  ) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const q = typeof query['q'] === 'string' ? query['q'].trim().slice(0, 100) : '';
    const page = parseInput(pageOf, request.query);
    const { items, hasNext } = await listAuthorsPage(app.db, q, page);
    return sendAdminPage(
      request,
      reply,
      <AuthorsPage
        rows={items}
        q={q}
        page={page}
        hasNext={hasNext}
        values={extra.values}
        errors={extra.errors}
        flash={takeFlash(request, reply)}
      />,
      status,
    );
  }

  app.get('/beheer/auteurs', editors, async (request, reply) => sendAuthors(request, reply));

  app.post('/beheer/auteurs', { ...editors, config: { token: 'csrf' } }, async (request, reply) => {
    const body = bodyOf(request);
    const parsed = parseProfileForm(body);
    if (!parsed.ok) {
      return sendAuthors(
        request,
        reply,
        { values: profileValuesOf(body), errors: parsed.fields },
        422,
      );
    }
    const id = await createGuestExpert(app.db, actorOf(request), parsed.input);
    setFlash(reply, { kind: 'success', message: t().authors.created });
    return reply.redirect(`/beheer/auteurs/${id}`, 303);
  });

  app.post(
    '/beheer/auteurs/:id/uitnodigen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = authorIdOf(request.params);
      const email = bodyOf(request)['email'];
      try {
        await inviteToClaim(
          app.db,
          app.config,
          viewerOf(request),
          id,
          typeof email === 'string' ? email : '',
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const where = await target(request);
        return sendProfile(request, reply, where, { errors: error.fields }, 422);
      }
      setFlash(reply, { kind: 'success', message: t().authors.invitedFlash });
      return reply.redirect(`/beheer/auteurs/${id}`, 303);
    },
  );
}
