// The back office for comments. Editors and admins moderate every comment; an author only
// those on their own articles (the service checks each comment, a 403 otherwise).

import type { FastifyInstance } from 'fastify';
import { setFlash, takeFlash } from '../../../infra/flash.js';
import { field } from '../../../infra/form-body.js';
import { AppError, ValidationError } from '../../../lib/errors.js';
import { idParams, pageQuery, parseInput } from '../../../lib/parse.js';
import { sendAdminPage } from '../../../views/admin/admin-page.js';
import { catalogs } from '../../../views/messages/index.js';
import { hasMessage } from '../../../views/messages/keys.js';
import { requireLogin, requireRole, viewerOf } from '../../accounts/access.js';
import { moderatesEverything, STAFF_ROLES } from '../../accounts/policy.js';
import { forgetCommenter, moderate, setArticleComments } from '../comments.service.js';
import {
  type CommentSettings,
  loadCommentSettings,
  saveCommentSettings,
} from '../comments.settings.js';
import {
  actionForm,
  commentsOpenForm,
  correctionForm,
  forgetForm,
  queueQuery,
  replyForm,
} from './moderation.schemas.js';
import {
  commentToModerate,
  correctComment,
  moderatedComment,
  moderationQueue,
  pendingQueue,
  replyAsStaff,
} from './moderation.service.js';
import { ModerationPage, ModeratorEditPage } from './moderation.views.js';

const PER_PAGE = 30;
const pageOf = pageQuery();

function idParam(params: unknown): number {
  return parseInput(idParams, params, 'not_found').id;
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
    const { status: state, artikel: articleId } = parseInput(queueQuery, request.query);
    const page = parseInput(pageOf, request.query);
    const { items, hasNext, articles } = await moderationQueue(
      db,
      viewer,
      { state, articleId },
      page,
      PER_PAGE,
    );
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
      const form = parseInput(actionForm, request.body, 'bad_request');
      const result = await moderate(db, viewer, form.ids, form.action);
      setFlash(reply, { kind: 'success', message: t().admin.changed(result.changed) });
      return reply.redirect(returnPath(form.terug), 303);
    },
  );

  app.get('/beheer/reacties/:id/bewerken', { preHandler: requireLogin }, async (request, reply) => {
    const comment = await commentToModerate(db, viewerOf(request), idParam(request.params));
    return sendAdminPage(request, reply, <ModeratorEditPage comment={comment} />);
  });

  app.post(
    '/beheer/reacties/:id/bewerken',
    { preHandler: requireLogin, config: { token: 'csrf' } },
    async (request, reply) => {
      const id = idParam(request.params);
      const values = parseInput(correctionForm, request.body);
      try {
        const comment = await correctComment(db, viewerOf(request), id, values);
        setFlash(reply, { kind: 'success', message: t().admin.saved });
        return reply.redirect(`/beheer/reacties?status=alle&artikel=${comment.article_id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const comment = await moderatedComment(db, id);
        const [fieldName, key] = Object.entries(error.fields)[0] ?? ['body', 'body_required'];
        return sendAdminPage(
          request,
          reply,
          <ModeratorEditPage
            comment={comment}
            values={values}
            error={{
              field: fieldName,
              message: hasMessage(t().errors, key) ? t().errors[key] : key,
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
      const parent = await commentToModerate(db, viewer, idParam(request.params));
      const { body } = parseInput(replyForm, request.body);
      try {
        await replyAsStaff(db, viewer, parent, body);
        setFlash(reply, { kind: 'success', message: t().admin.replied });
      } catch (error) {
        if (error instanceof ValidationError) {
          const key = Object.values(error.fields)[0] ?? 'body_required';
          setFlash(reply, {
            kind: 'error',
            message: hasMessage(t().errors, key) ? t().errors[key] : key,
          });
        } else if (
          error instanceof AppError &&
          error.code !== 'forbidden' &&
          error.code !== 'not_found'
        ) {
          setFlash(reply, {
            kind: 'error',
            message: hasMessage(t().refused, error.messageKey)
              ? t().refused[error.messageKey]
              : error.messageKey,
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
      const { open } = parseInput(commentsOpenForm, request.body);
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
        const { items, hasNext, articles } = await pendingQueue(db, PER_PAGE);
        return sendAdminPage(
          request,
          reply,
          <ModerationPage
            comments={items}
            articles={articles}
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
      const { email, how } = parseInput(forgetForm, request.body);
      if (!email) throw new AppError('bad_request');
      const result = await forgetCommenter(db, email, how, t().privacy.anonymousName);
      setFlash(reply, { kind: 'success', message: t().admin.forgotten(result.comments) });
      return reply.redirect('/beheer/reacties', 303);
    },
  );
}
