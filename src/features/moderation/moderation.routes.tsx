// The back office for comments. Editors and admins moderate every comment; an author only
// those on their own articles (the service checks each comment, a 403 otherwise).

import type { FastifyInstance } from 'fastify';
import type { CommentState } from '../../db/schema.js';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { field } from '../../infra/form-body.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { pageFromQuery, pageWindow, splitPage } from '../../lib/pagination.js';
import { catalogs } from '../../views/messages/index.js';
import { requireLogin, requireRole, viewerOf } from '../accounts/access.js';
import { moderatesEverything, STAFF_ROLES } from '../accounts/policy.js';
import { sendAdminPage } from '../backoffice/admin-page.js';
import * as repo from '../comments/comments.repository.js';
import {
  assertMayModerate,
  editByModerator,
  forgetCommenter,
  type ModerationAction,
  moderate,
  postComment,
  setArticleComments,
} from '../comments/comments.service.js';
import {
  type CommentSettings,
  loadCommentSettings,
  saveCommentSettings,
} from '../comments/comments.settings.js';
import { ModerationPage, ModeratorEditPage } from './moderation.views.js';

const PER_PAGE = 30;
const STATES = new Set<CommentState>(['pending', 'approved', 'spam', 'deleted']);
const ACTIONS = new Set<ModerationAction>(['approve', 'spam', 'delete', 'pending']);

function idsOf(body: unknown): number[] {
  const raw = (body as Record<string, unknown> | undefined)?.ids;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list
    .filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v))
    .map(Number)
    .slice(0, 500);
}

function idParam(params: unknown): number {
  const id = (params as { id?: string }).id;
  if (!id || !/^\d{1,9}$/.test(id)) throw new NotFoundError();
  return Number(id);
}

/** Only a path back into this queue is followed after an action. */
function returnPath(value: unknown): string {
  return typeof value === 'string' && /^\/beheer\/reacties(\?[\w=&%-]*)?$/.test(value)
    ? value
    : '/beheer/reacties';
}

export async function moderationRoutes(app: FastifyInstance) {
  const db = app.db;
  const t = () => catalogs[app.config.locale].comments;

  app.get('/beheer/reacties', { preHandler: requireLogin }, async (request, reply) => {
    const viewer = viewerOf(request);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const rawState = typeof q.status === 'string' ? q.status : 'pending';
    const state = STATES.has(rawState as CommentState) ? (rawState as CommentState) : undefined;
    const articleId =
      typeof q.artikel === 'string' && /^\d{1,9}$/.test(q.artikel) ? Number(q.artikel) : undefined;
    if (articleId !== undefined) await assertMayModerate(db, viewer, [articleId]);
    const page = pageFromQuery(q);
    const authorUserId = moderatesEverything(request.viewer) ? undefined : viewer.id;
    const { limit, offset } = pageWindow(page, PER_PAGE);
    const [rows, articles] = await Promise.all([
      repo.listQueue(db, { state, articleId, authorUserId }, limit, offset),
      repo.articlesWithComments(db, authorUserId),
    ]);
    const { items, hasNext } = splitPage(rows, PER_PAGE);
    return sendAdminPage(
      request,
      reply,
      <ModerationPage
        comments={items}
        articles={articles}
        state={state}
        articleId={articleId}
        page={page}
        hasNext={hasNext}
        flash={takeFlash(request, reply)}
        settings={moderatesEverything(request.viewer) ? await loadCommentSettings(db) : undefined}
        returnTo={request.url}
      />,
    );
  });

  app.post(
    '/beheer/reacties/actie',
    { preHandler: requireLogin, config: { token: 'csrf' } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const action = field(request.body, 'action') as ModerationAction | undefined;
      if (!action || !ACTIONS.has(action)) throw new AppError('bad_request');
      const result = await moderate(db, viewer, idsOf(request.body), action);
      setFlash(reply, { kind: 'success', message: t().admin.changed(result.changed) });
      return reply.redirect(returnPath(field(request.body, 'terug')), 303);
    },
  );

  app.get('/beheer/reacties/:id/bewerken', { preHandler: requireLogin }, async (request, reply) => {
    const comment = await repo.findComment(db, idParam(request.params));
    if (!comment) throw new NotFoundError();
    await assertMayModerate(db, viewerOf(request), [comment.article_id]);
    return sendAdminPage(request, reply, <ModeratorEditPage comment={comment} />);
  });

  app.post(
    '/beheer/reacties/:id/bewerken',
    { preHandler: requireLogin, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = idParam(request.params);
      const values = {
        name: field(request.body, 'name') ?? '',
        body: field(request.body, 'body') ?? '',
      };
      try {
        const comment = await repo.findComment(db, id);
        if (!comment) throw new NotFoundError();
        await editByModerator(
          db,
          viewerOf(request),
          id,
          { name: comment.label === null ? values.name : comment.name, body: values.body },
          await loadCommentSettings(db),
        );
        setFlash(reply, { kind: 'success', message: t().admin.saved });
        return reply.redirect(`/beheer/reacties?status=alle&artikel=${comment.article_id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const comment = await repo.findComment(db, id);
        if (!comment) throw new NotFoundError();
        const [fieldName, key] = Object.entries(error.fields)[0] ?? ['body', 'body_required'];
        return sendAdminPage(
          request,
          reply,
          <ModeratorEditPage
            comment={comment}
            values={values}
            error={{
              field: fieldName,
              message: (t().errors as Record<string, string>)[key] ?? key,
            }}
          />,
          422,
        );
      }
    },
  );

  // A reply from the back office carries the writer's label ("Auteur" or "Redactie").
  app.post(
    '/beheer/reacties/:id/antwoord',
    { preHandler: requireLogin, config: { token: 'csrf' } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const parent = await repo.findComment(db, idParam(request.params));
      if (!parent) throw new NotFoundError();
      await assertMayModerate(db, viewer, [parent.article_id]);
      try {
        await postComment(
          db,
          {
            name: viewer.name,
            email: '',
            website: '',
            body: field(request.body, 'body') ?? '',
            notify: false,
            parentId: parent.id,
            trap: '',
          },
          {
            articleId: parent.article_id,
            readerKey: undefined,
            addressHash: 'staff',
            formAgeMs: Number.MAX_SAFE_INTEGER,
            viewer,
            settings: await loadCommentSettings(db),
          },
        );
        setFlash(reply, { kind: 'success', message: t().admin.replied });
      } catch (error) {
        if (error instanceof ValidationError) {
          const key = Object.values(error.fields)[0] ?? 'body_required';
          setFlash(reply, {
            kind: 'error',
            message: (t().errors as Record<string, string>)[key] ?? key,
          });
        } else if (
          error instanceof AppError &&
          error.code !== 'forbidden' &&
          error.code !== 'not_found'
        ) {
          setFlash(reply, {
            kind: 'error',
            message: (t().refused as Record<string, string>)[error.messageKey] ?? error.messageKey,
          });
        } else throw error;
      }
      return reply.redirect(`/beheer/reacties?status=alle&artikel=${parent.article_id}`, 303);
    },
  );

  app.post(
    '/beheer/reacties/artikel/:id/reageren',
    { preHandler: requireLogin, config: { token: 'csrf' } },
    async (request, reply) => {
      const articleId = idParam(request.params);
      const open = field(request.body, 'open') === '1';
      await setArticleComments(db, viewerOf(request), articleId, open);
      setFlash(reply, { kind: 'success', message: t().admin.saved });
      return reply.redirect(`/beheer/reacties?status=alle&artikel=${articleId}`, 303);
    },
  );

  app.post(
    '/beheer/reacties/instellingen',
    { preHandler: requireRole(...STAFF_ROLES), config: { token: 'csrf' } },
    async (request, reply) => {
      const body = request.body;
      const errors: Record<string, string> = {};
      const numbers = [
        'closeAfterDays',
        'minSeconds',
        'maxLinks',
        'ratePerWindow',
        'duplicateHours',
      ] as const;
      const parsed: Partial<Record<(typeof numbers)[number], number>> = {};
      for (const key of numbers) {
        const raw = (field(body, key) ?? '').trim();
        if (!/^\d{1,6}$/.test(raw)) errors[key] = 'invalid';
        else parsed[key] = Number(raw);
      }
      const mode = field(body, 'moderation');
      if (mode !== 'open' && mode !== 'first_time' && mode !== 'all') errors.moderation = 'invalid';
      const current = await loadCommentSettings(db);
      if (Object.keys(errors).length > 0) {
        const page = await repo.listQueue(db, { state: 'pending' }, PER_PAGE + 1, 0);
        const { items, hasNext } = splitPage(page, PER_PAGE);
        return sendAdminPage(
          request,
          reply,
          <ModerationPage
            comments={items}
            articles={await repo.articlesWithComments(db)}
            state="pending"
            articleId={undefined}
            page={1}
            hasNext={hasNext}
            settings={current}
            settingsErrors={errors}
            returnTo="/beheer/reacties"
          />,
          422,
        );
      }
      const next: Partial<CommentSettings> = {
        ...parsed,
        moderation: mode as CommentSettings['moderation'],
        honeypot: field(body, 'honeypot') !== undefined,
        blocklist: (field(body, 'blocklist') ?? '')
          .split('\n')
          .map((w) => w.trim())
          .filter(Boolean)
          .slice(0, 500),
      };
      await saveCommentSettings(db, next);
      setFlash(reply, { kind: 'success', message: t().admin.settingsSaved });
      return reply.redirect('/beheer/reacties', 303);
    },
  );

  app.post(
    '/beheer/reacties/vergeten',
    { preHandler: requireRole(...STAFF_ROLES), config: { token: 'csrf' } },
    async (request, reply) => {
      const email = (field(request.body, 'email') ?? '').trim();
      const how = field(request.body, 'how') === 'remove' ? 'remove' : 'anonymise';
      if (!email) throw new AppError('bad_request');
      const result = await forgetCommenter(db, email, how, t().privacy.anonymousName);
      setFlash(reply, { kind: 'success', message: t().admin.forgotten(result.comments) });
      return reply.redirect('/beheer/reacties', 303);
    },
  );
}
