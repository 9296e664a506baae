// Back office /beheer/nieuwsbrieven: lists and their subscribers (search, CSV, removal,
// consent records), editions (compose, preview, test mail, send, schedule), send rate and
// subscribe-box placement, bounces. Editors and admins only; POSTs carry the session's CSRF
// token, checked for every /beheer POST by the sessions plugin.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { idParams, pageQuery, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { requireRole, viewerOf } from '../accounts/access.js';
import { STAFF_ROLES } from '../accounts/policy.js';
import {
  createEdition,
  getEdition,
  renderEdition,
  schedule,
  sendNow,
  sendTestMail,
  suggestedArticles,
} from './editions.service.js';
import {
  bounceForm,
  editionForm,
  editionSchema,
  emailField,
  fieldErrors,
  listForm,
  placementSchema,
  rateSchema,
  scheduleForm,
  settingsForm,
} from './newsletters.schemas.js';
import {
  allSubscribers,
  createList,
  editionListAndCounts,
  editList,
  listById,
  overview,
  removeSubscriber,
  saveSettings,
  subscribersPage,
  suppress,
} from './newsletters-admin.service.js';
import {
  EditionComposePage,
  EditionPage,
  NewslettersOverviewPage,
  SubscribersPage,
} from './newsletters-admin.views.js';
import { subscribersCsv } from './subscribers-csv.js';
import type { NewsletterDeps } from './subscriptions.service.js';

const pageOf = pageQuery();

const editors = { preHandler: requireRole(...STAFF_ROLES) };
// The preview is the mail itself, whose styles are inline (mail clients ignore stylesheets).
const PREVIEW_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

function idParam(request: FastifyRequest): number {
  return parseInput(idParams, request.params, 'not_found').id;
}

/** What the list form (new or edited) sent, as its fields show it again. */
function listFormValues(body: unknown): Record<'name' | 'description' | 'is_public', string> {
  return parseInput(listForm, body);
}

/** Subscribers shown per page of a list (the CSV export holds them all). */
const SUBSCRIBERS_PER_PAGE = 100;

export async function newsletterAdminRoutes(app: FastifyInstance) {
  const deps: NewsletterDeps = {
    db: app.db,
    config: app.config,
    t: catalogs[app.config.locale].newsletters,
  };
  const a = deps.t.admin;

  async function showOverview(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      status?: number;
      errors?: Record<string, string>;
      values?: Record<string, string>;
    } = {},
  ) {
    const data = await overview(app.db);
    return sendAdminPage(
      request,
      reply,
      <NewslettersOverviewPage
        data={data}
        flash={takeFlash(request, reply)}
        errors={options.errors}
        values={options.values}
      />,
      options.status,
    );
  }

  app.get('/beheer/nieuwsbrieven', editors, async (request, reply) => showOverview(request, reply));

  app.post(
    '/beheer/nieuwsbrieven/lijsten',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const values = listFormValues(request.body);
      try {
        await createList(
          app.db,
          { ...values, is_public: values.is_public === '1' },
          viewerOf(request).id,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return showOverview(request, reply, { status: 422, errors: error.fields, values });
      }
      setFlash(reply, { kind: 'success', message: a.flash.listCreated });
      return reply.redirect('/beheer/nieuwsbrieven', 303);
    },
  );

  app.post(
    '/beheer/nieuwsbrieven/instellingen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const form = parseInput(settingsForm, request.body);
      const rate = rateSchema.safeParse(form.rate);
      const box = placementSchema.safeParse(form.box);
      if (!rate.success || !box.success) {
        const errors: Record<string, string> = {};
        if (!rate.success) errors.rate = 'rate_invalid';
        if (!box.success) errors.box = 'box_invalid';
        return showOverview(request, reply, {
          status: 422,
          errors,
          values: { rate: form.rate.slice(0, 20) },
        });
      }
      await saveSettings(app.db, { rate: rate.data, box: box.data }, viewerOf(request).id);
      setFlash(reply, { kind: 'success', message: a.flash.settingsSaved });
      return reply.redirect('/beheer/nieuwsbrieven', 303);
    },
  );

  app.post(
    '/beheer/nieuwsbrieven/bounce',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const form = parseInput(bounceForm, request.body);
      const email = emailField.safeParse(form.email);
      const kind = form.kind;
      if (!email.success) {
        return showOverview(request, reply, {
          status: 422,
          errors: { email: 'email_invalid' },
          values: { email: form.email.slice(0, 254) },
        });
      }
      await suppress(app.db, email.data, kind, viewerOf(request).id);
      setFlash(reply, { kind: 'success', message: a.flash.suppressed });
      return reply.redirect('/beheer/nieuwsbrieven', 303);
    },
  );

  const showList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { status: number; errors: Record<string, string>; values: Record<string, string> },
  ) => {
    const list = await listById(app.db, idParam(request));
    const search = ((request.query as { q?: unknown }).q ?? '').toString().trim().slice(0, 254);
    const page = parseInput(pageOf, request.query);
    const { items, hasNext } = await subscribersPage(
      app.db,
      list.id,
      search,
      page,
      SUBSCRIBERS_PER_PAGE,
    );
    return sendAdminPage(
      request,
      reply,
      <SubscribersPage
        list={list}
        subscribers={items}
        page={page}
        hasNext={hasNext}
        search={search}
        flash={takeFlash(request, reply)}
        errors={form?.errors}
        values={form?.values}
      />,
      form?.status,
    );
  };

  app.get('/beheer/nieuwsbrieven/lijsten/:id', editors, async (request, reply) =>
    showList(request, reply),
  );

  app.post(
    '/beheer/nieuwsbrieven/lijsten/:id',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = idParam(request);
      const values = listFormValues(request.body);
      let found: boolean;
      try {
        found = await editList(
          app.db,
          id,
          { ...values, is_public: values.is_public === '1' },
          viewerOf(request).id,
        );
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return showList(request, reply, { status: 422, errors: error.fields, values });
      }
      if (!found) throw new NotFoundError();
      setFlash(reply, { kind: 'success', message: a.flash.listSaved });
      return reply.redirect(`/beheer/nieuwsbrieven/lijsten/${id}`, 303);
    },
  );

  app.get('/beheer/nieuwsbrieven/lijsten/:id/abonnees.csv', editors, async (request, reply) => {
    const list = await listById(app.db, idParam(request));
    const search = ((request.query as { q?: unknown }).q ?? '').toString().trim().slice(0, 254);
    const rows = await allSubscribers(app.db, list.id, search);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${list.slug}.csv"`)
      .header('cache-control', 'private, no-store')
      .send(subscribersCsv(rows));
  });

  app.post(
    '/beheer/nieuwsbrieven/abonnees/:id/verwijderen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const listId = await removeSubscriber(app.db, idParam(request), viewerOf(request).id);
      if (listId === undefined) throw new NotFoundError();
      setFlash(reply, { kind: 'success', message: a.flash.removed });
      return reply.redirect(`/beheer/nieuwsbrieven/lijsten/${listId}`, 303);
    },
  );

  app.get('/beheer/nieuwsbrieven/edities/nieuw', editors, async (request, reply) => {
    const list = await listById(app.db, Number((request.query as { lijst?: string }).lijst));
    const suggestions = await suggestedArticles(deps, list.id);
    return sendAdminPage(
      request,
      reply,
      <EditionComposePage
        list={list}
        suggestions={suggestions}
        values={{ subject: '', intro: '', articles: suggestions.slice(0, 5).map((s) => s.id) }}
      />,
    );
  });

  app.post(
    '/beheer/nieuwsbrieven/edities',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const { list: listId, ...raw } = parseInput(editionForm, request.body);
      const list = await listById(app.db, Number(listId));
      const parsed = editionSchema.safeParse(raw);
      let errors: Record<string, string> | undefined;
      let id: number | undefined;
      if (!parsed.success) errors = fieldErrors(parsed.error);
      else {
        try {
          id = await createEdition(
            deps,
            {
              listId: list.id,
              subject: parsed.data.subject,
              intro: parsed.data.intro,
              articleIds: parsed.data.articles,
            },
            viewerOf(request).id,
          );
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          errors = error.fields;
        }
      }
      if (errors || id === undefined) {
        const suggestions = await suggestedArticles(deps, list.id);
        const chosen = raw.articles.map(Number).filter((n) => Number.isSafeInteger(n));
        return sendAdminPage(
          request,
          reply,
          <EditionComposePage
            list={list}
            suggestions={suggestions}
            errors={errors}
            values={{
              subject: raw.subject.slice(0, 150),
              intro: raw.intro.slice(0, 5000),
              articles: chosen,
            }}
          />,
          422,
        );
      }
      setFlash(reply, { kind: 'success', message: a.flash.editionSaved });
      return reply.redirect(`/beheer/nieuwsbrieven/edities/${id}`, 303);
    },
  );

  async function showEdition(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    options: { status?: number; errors?: Record<string, string> } = {},
  ) {
    const edition = await getEdition(deps, id);
    const { list, counts } = await editionListAndCounts(app.db, id, edition.list_id);
    return sendAdminPage(
      request,
      reply,
      <EditionPage
        edition={edition}
        listName={list?.name ?? ''}
        counts={counts}
        flash={takeFlash(request, reply)}
        errors={options.errors}
      />,
      options.status,
    );
  }

  app.get('/beheer/nieuwsbrieven/edities/:id', editors, async (request, reply) =>
    showEdition(request, reply, idParam(request)),
  );

  app.get(
    '/beheer/nieuwsbrieven/edities/:id/voorbeeld',
    {
      ...editors,
      onSend: async (_request, reply, payload) => {
        reply.header('content-security-policy', PREVIEW_CSP);
        return payload;
      },
    },
    async (request, reply) => {
      const edition = await getEdition(deps, idParam(request));
      const mail = (await renderEdition(deps, edition))(`${app.config.siteUrl}/nieuwsbrief`);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(mail.html);
    },
  );

  app.post(
    '/beheer/nieuwsbrieven/edities/:id/test',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = idParam(request);
      await sendTestMail(deps, id, viewerOf(request).id);
      setFlash(reply, { kind: 'success', message: a.flash.testQueued });
      return reply.redirect(`/beheer/nieuwsbrieven/edities/${id}`, 303);
    },
  );

  app.post(
    '/beheer/nieuwsbrieven/edities/:id/versturen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = idParam(request);
      try {
        await sendNow(deps, id);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return showEdition(request, reply, id, { status: 409, errors: error.fields });
      }
      setFlash(reply, { kind: 'success', message: a.flash.sending });
      return reply.redirect(`/beheer/nieuwsbrieven/edities/${id}`, 303);
    },
  );

  app.post(
    '/beheer/nieuwsbrieven/edities/:id/inplannen',
    { ...editors, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = idParam(request);
      const { send_at: at } = parseInput(scheduleForm, request.body);
      try {
        await schedule(deps, id, at);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return showEdition(request, reply, id, { status: 422, errors: error.fields });
      }
      setFlash(reply, { kind: 'success', message: a.flash.scheduled });
      return reply.redirect(`/beheer/nieuwsbrieven/edities/${id}`, 303);
    },
  );
}
