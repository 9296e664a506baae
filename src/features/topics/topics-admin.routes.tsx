// /beheer/onderwerpen for editors: list, add, rename, merge, delete.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash, takeFlash } from '../../infra/flash.js';
import type { FormBody } from '../../infra/form-body.js';
import { ValidationError } from '../../lib/errors.js';
import { idParams, pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { requireRole, viewerOf } from '../accounts/access.js';
import { STAFF_ROLES } from '../accounts/policy.js';
import { mergeForm, topicListQuery } from './topics-admin.schemas.js';
import {
  createTopic,
  deleteTopic,
  mergeTopic,
  renameTopic,
  topicListPage,
  topicWithMergeTargets,
  validateTopicInput,
} from './topics-admin.service.js';
import { TopicPage, TopicsPage } from './topics-admin.views.js';

const editors = { preHandler: requireRole(...STAFF_ROLES) };
const PER_PAGE = 50;
const pageOf = pageQuery();

function bodyOf(request: FastifyRequest): FormBody {
  const body = request.body;
  return body && typeof body === 'object' ? (body as FormBody) : {};
}

function topicIdOf(params: unknown): number {
  return parseInput(idParams, params, 'not_found').id;
}

function text(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

export async function topicsAdminRoutes(app: FastifyInstance): Promise<void> {
  const t = () => catalogs[app.config.locale].editor.topics;

  async function sendList(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { values?: { name: string; slug: string }; errors?: Record<string, string> } = {},
    status = 200,
  ) {
    const { q } = parseInput(topicListQuery, request.query);
    const page = parseInput(pageOf, request.query);
    const { items, hasNext } = await topicListPage(app.db, q || undefined, page, PER_PAGE);
    return sendAdminPage(
      request,
      reply,
      <TopicsPage
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

  async function sendTopic(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: { values?: { name: string; slug: string }; errors?: Record<string, string> } = {},
    status = 200,
  ) {
    const { topic, others } = await topicWithMergeTargets(app.db, id);
    return sendAdminPage(
      request,
      reply,
      <TopicPage
        topic={topic}
        others={others}
        values={extra.values}
        errors={extra.errors}
        flash={takeFlash(request, reply)}
      />,
      status,
    );
  }

  app.get('/beheer/onderwerpen', editors, async (request, reply) => sendList(request, reply));

  app.post(
    '/beheer/onderwerpen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const body = bodyOf(request);
      const values = { name: text(body, 'name'), slug: text(body, 'slug') };
      try {
        const input = validateTopicInput(body['name'], body['slug']);
        await createTopic(app.db, viewerOf(request).id, input);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendList(request, reply, { values, errors: error.fields }, 422);
      }
      setFlash(reply, { kind: 'success', message: t().created });
      return reply.redirect('/beheer/onderwerpen', 303);
    },
  );

  app.get('/beheer/onderwerpen/:id', editors, async (request, reply) =>
    sendTopic(request, reply, topicIdOf(request.params)),
  );

  app.post(
    '/beheer/onderwerpen/:id',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = topicIdOf(request.params);
      const body = bodyOf(request);
      const values = { name: text(body, 'name'), slug: text(body, 'slug') };
      try {
        const input = validateTopicInput(body['name'], body['slug']);
        await renameTopic(app.db, viewerOf(request).id, id, input);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendTopic(request, reply, id, { values, errors: error.fields }, 422);
      }
      setFlash(reply, { kind: 'success', message: t().renamed });
      return reply.redirect(`/beheer/onderwerpen/${id}`, 303);
    },
  );

  app.post(
    '/beheer/onderwerpen/:id/samenvoegen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = topicIdOf(request.params);
      const { merge_into: into } = parseInput(mergeForm, request.body);
      try {
        await mergeTopic(app.db, viewerOf(request).id, id, into);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return sendTopic(request, reply, id, { errors: error.fields }, 422);
      }
      setFlash(reply, { kind: 'success', message: t().merged });
      return reply.redirect(`/beheer/onderwerpen/${into}`, 303);
    },
  );

  app.post(
    '/beheer/onderwerpen/:id/verwijderen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = topicIdOf(request.params);
      await deleteTopic(app.db, viewerOf(request).id, id);
      setFlash(reply, { kind: 'success', message: t().deleted });
      return reply.redirect('/beheer/onderwerpen', 303);
    },
  );
}
