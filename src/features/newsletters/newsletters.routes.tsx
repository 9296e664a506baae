// Public newsletter routes: /nieuwsbrief (subscribe, confirm, online editions) and the
// unsubscribe page /afmelden/:token with RFC 8058 one-click unsubscribe.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { type Flash, setFlash, takeFlash } from '../../infra/flash.js';
import { field } from '../../infra/form-body.js';
import { verifyPublicFormToken } from '../../infra/route-token.js';
import { isCrossSite } from '../../infra/security.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { idParams, parseInput } from '../../lib/parse.js';
import { catalogs } from '../../views/messages/index.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { batchJob, editionJob, editionWatchdog } from './delivery.jobs.js';
import { onlineEdition } from './editions.service.js';
import {
  fieldErrors,
  subscribeFields,
  subscribeSchema,
  tokenParam,
} from './newsletters.schemas.js';
import {
  CheckMailPage,
  ConfirmedPage,
  ConfirmPage,
  EditionOnlinePage,
  LinkInvalidPage,
  NewsletterPage,
  OneClickDonePage,
  type SubscribeFormState,
  UnsubscribePage,
} from './newsletters.views.js';
import { newsletterAdminRoutes } from './newsletters-admin.routes.js';
import {
  confirm,
  findByUnsubscribeToken,
  inspectConfirmLink,
  type NewsletterDeps,
  subscribableLists,
  subscribe,
  type UnsubscribeAction,
  unsubscribe,
} from './subscriptions.service.js';

function sendPersonal(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200) {
  return sendPage(request, reply, {
    status,
    personal: true,
    tags: [],
    render: () => renderDocument(siteContext(request), page),
  });
}

function tokenOf(request: FastifyRequest): string {
  const parsed = tokenParam.safeParse((request.params as { token?: unknown }).token);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data;
}

const UNSUBSCRIBE_ACTIONS: UnsubscribeAction[] = ['list', 'all', 'forget'];

export async function newsletterRoutes(app: FastifyInstance) {
  const deps: NewsletterDeps = {
    db: app.db,
    config: app.config,
    t: catalogs[app.config.locale].newsletters,
  };
  app.jobs.register(editionJob(deps));
  app.jobs.register(batchJob(deps, app.mailer));
  app.jobs.every(editionWatchdog(deps));
  await app.register(newsletterAdminRoutes);

  async function renderSubscribePage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      status?: number;
      state?: SubscribeFormState;
      formError?: string;
      flash?: Flash;
    } = {},
  ) {
    const site = siteContext(request);
    return sendPage(request, reply, {
      status: options.status,
      personal: options.flash !== undefined,
      tags: [cacheTags.lists],
      render: async () =>
        renderDocument(
          site,
          <NewsletterPage
            lists={await subscribableLists(app.db)}
            state={options.state}
            formError={options.formError}
            flash={options.flash}
          />,
        ),
    });
  }

  app.get('/nieuwsbrief', async (request, reply) =>
    renderSubscribePage(request, reply, { flash: takeFlash(request, reply) }),
  );

  app.post('/nieuwsbrief', { config: { token: 'form' } }, async (request, reply) => {
    const { email: rawEmail, list } = parseInput(subscribeFields, request.body);
    const parsed = subscribeSchema.safeParse({ email: rawEmail, list });
    const listId = Number(list) || 0;
    // The form comes back filled in, at most as long as the field allows.
    const echo = (rawEmail ?? '').slice(0, 254);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return renderSubscribePage(request, reply, {
        status: 422,
        state: { listId, email: echo, errors },
        formError: errors.list ? deps.t.errors.list_invalid : undefined,
      });
    }
    try {
      await subscribe(deps, { email: parsed.data.email, listId: parsed.data.list, ip: request.ip });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderSubscribePage(request, reply, {
        status: 422,
        state: { listId, email: echo, errors: error.fields },
        formError: error.fields.list ? deps.t.errors.list_invalid : undefined,
      });
    }
    return reply.redirect('/nieuwsbrief/aangemeld', 303);
  });

  app.get('/nieuwsbrief/aangemeld', async (request, reply) =>
    sendPage(request, reply, {
      tags: [],
      render: () => renderDocument(siteContext(request), <CheckMailPage />),
    }),
  );

  app.get('/nieuwsbrief/bevestigd', async (request, reply) =>
    sendPage(request, reply, {
      tags: [],
      render: () => renderDocument(siteContext(request), <ConfirmedPage />),
    }),
  );

  // GET only shows a button: mail scanners follow links, and must not confirm for anyone.
  app.get('/nieuwsbrief/bevestig/:token', async (request, reply) => {
    const token = tokenOf(request);
    const link = await inspectConfirmLink(deps, token);
    if (!link.ok) return sendPersonal(request, reply, <LinkInvalidPage />, 410);
    return sendPersonal(request, reply, <ConfirmPage token={token} listName={link.listName} />);
  });

  app.post(
    '/nieuwsbrief/bevestig/:token',
    { config: { token: 'form' } },
    async (request, reply) => {
      const token = tokenOf(request);
      if (!(await confirm(deps, token)))
        return sendPersonal(request, reply, <LinkInvalidPage />, 410);
      return reply.redirect('/nieuwsbrief/bevestigd', 303);
    },
  );

  app.get('/nieuwsbrief/editie/:id', async (request, reply) => {
    const { id } = parseInput(idParams, request.params, 'not_found');
    const edition = await onlineEdition(deps, id);
    if (!edition) throw new NotFoundError();
    return sendPage(request, reply, {
      tags: [cacheTags.articles, cacheTags.edition(id)],
      render: () => renderDocument(siteContext(request), <EditionOnlinePage edition={edition} />),
    });
  });

  // The page only shows choices; nothing changes on GET (mail scanners follow links).
  app.get('/afmelden/:token', async (request, reply) => {
    const token = tokenOf(request);
    const flash = takeFlash(request, reply);
    const sub = await findByUnsubscribeToken(deps, token);
    if (!sub) throw new NotFoundError();
    return sendPersonal(
      request,
      reply,
      <UnsubscribePage
        token={token}
        email={sub.email}
        listName={sub.list_name}
        subscribed={sub.state !== 'unsubscribed'}
        flash={flash}
      />,
    );
  });

  // RFC 8058 one-click from the mail client carries no form token (the secret token in the
  // URL is the proof); the page's own form is checked for its token in the handler.
  app.post(
    '/afmelden/:token',
    { config: { allowCrossSite: true, token: 'none' } },
    async (request, reply) => {
      const token = tokenOf(request);
      const body = request.body;
      // RFC 8058: the mail client posts exactly List-Unsubscribe=One-Click, from anywhere.
      const isOneClick =
        body !== null &&
        typeof body === 'object' &&
        Object.keys(body).length === 1 &&
        field(body, 'List-Unsubscribe') === 'One-Click';
      if (isOneClick) {
        const done = await unsubscribe(deps, token, 'list');
        if (!done) throw new NotFoundError();
        return sendPersonal(request, reply, <OneClickDonePage />);
      }
      // Anything else is the page's own form: same-site only, with its form token.
      if (isCrossSite(request, app.config.siteUrl)) throw new AppError('cross_site');
      verifyPublicFormToken(request, field(body, 'form_token'));
      const action = field(body, 'action') as UnsubscribeAction | undefined;
      if (!action || !UNSUBSCRIBE_ACTIONS.includes(action)) throw new AppError('bad_request');
      const done = await unsubscribe(deps, token, action);
      if (!done) throw new NotFoundError();
      const u = deps.t.unsubscribe;
      if (action === 'forget') {
        setFlash(reply, { kind: 'success', message: u.forgotten });
        return reply.redirect('/nieuwsbrief', 303);
      }
      setFlash(reply, {
        kind: 'success',
        message: action === 'list' ? u.leftList(done.listName) : u.leftAll,
      });
      return reply.redirect(`/afmelden/${token}`, 303);
    },
  );
}
