// Public comment routes: post (plain form or enhanced), the form page for replies and
// errors, a reader's own edit/delete, and the site-wide list of recent comments.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hashAddress } from '../../infra/address-hash.js';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { setFlash } from '../../infra/flash.js';
import { field } from '../../infra/form-body.js';
import { createFormToken, verifyFormToken } from '../../infra/form-token.js';
import { ensureReaderKey, readerKeyOf } from '../../infra/reader.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { pageFromQuery, pageWindow, splitPage } from '../../lib/pagination.js';
import { renderDocument, renderFragment } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import type { CommentFormValues } from './comment-form.views.js';
import { formValuesFor, markOwnComment, rememberCommenter } from './comments.cookies.js';
import * as repo from './comments.repository.js';
import {
  CommentRefused,
  commentsOpen,
  deleteOwnComment,
  editOwnComment,
  findOwnComment,
  isPublished,
  postComment,
} from './comments.service.js';
import { loadCommentSettings } from './comments.settings.js';
import { CommentItemFragment, type CommentView } from './comments.views.js';
import {
  articlePath,
  ClosedPage,
  CommentFormPage,
  EditOwnPage,
  RecentCommentsPage,
} from './comments-pages.views.js';

const idParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/)
    .transform(Number),
});
const RECENT_PER_PAGE = 20;

function parseId(params: unknown): number {
  const parsed = idParam.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function formValues(body: unknown): CommentFormValues {
  return {
    name: field(body, 'name') ?? '',
    email: field(body, 'email') ?? '',
    website: field(body, 'website') ?? '',
    body: field(body, 'body') ?? '',
    notify: field(body, 'notify') !== undefined,
    remember: field(body, 'remember') !== undefined,
  };
}

function parentIdOf(body: unknown): number | undefined {
  const raw = field(body, 'parent_id');
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new ValidationError({ parent_id: 'parent_invalid' });
  return Number(raw);
}

export function toCommentView(row: repo.CommentRow, editable: boolean): CommentView {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    website: row.website,
    body: row.body,
    createdAt: row.created_at,
    label: row.label,
    state: row.state,
    editable,
  };
}

function sendHtml(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  page: preact.VNode,
  /** The token the reader's form carried: re-rendering keeps its age for the time check. */
  formToken?: string,
) {
  const token =
    formToken && verifyFormToken(request.server.config.secret, formToken).ok
      ? formToken
      : createFormToken(request.server.config.secret);
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .send(renderDocument({ ...siteContext(request), formToken: token }, page));
}

export async function commentRoutes(app: FastifyInstance) {
  app.post('/artikel/:id/reacties', { config: { token: 'form' } }, async (request, reply) => {
    const articleId = parseId(request.params);
    const article = await repo.findArticle(app.db, articleId);
    if (!article || !isPublished(article)) throw new NotFoundError();
    const body = request.body;
    const values = formValues(body);
    const settings = await loadCommentSettings(app.db);
    const t = siteContext(request).t.comments;
    const readerKey = ensureReaderKey(request, reply, app.config);
    let parentId: number | undefined;
    let parentName: string | undefined;
    try {
      parentId = parentIdOf(body);
      if (parentId !== undefined) parentName = (await repo.findComment(app.db, parentId))?.name;
      const result = await postComment(
        app.db,
        { ...values, parentId, trap: field(body, 'fax') ?? '' },
        {
          articleId,
          readerKey,
          addressHash: hashAddress(app.config.secret, request.ip),
          formAgeMs: request.formTokenAgeMs ?? 0,
          viewer: request.viewer,
          settings,
        },
      );
      markOwnComment(request, reply, articleId);
      if (!request.viewer) {
        rememberCommenter(
          request,
          reply,
          values.remember
            ? {
                name: result.comment.name,
                email: result.comment.email ?? '',
                website: result.comment.website ?? '',
              }
            : undefined,
        );
      }
      const messages = [
        result.comment.state === 'approved' ? t.posted.approved : t.posted.pending,
        result.follow === 'confirmation_sent'
          ? t.posted.confirmation_sent
          : result.follow === 'following'
            ? t.posted.following
            : result.follow === 'pending'
              ? t.posted.pendingFollow
              : '',
      ].filter(Boolean);
      if (wantsJson(request)) {
        const site = siteContext(request);
        return reply
          .status(201)
          .header('cache-control', 'no-store')
          .send({
            ok: true,
            id: result.comment.id,
            state: result.comment.state,
            parentId: result.comment.parent_id,
            message: messages.join(' '),
            html: renderFragment(
              site,
              <CommentItemFragment
                comment={toCommentView(result.comment, !result.comment.author_user_id)}
              />,
            ),
          });
      }
      setFlash(reply, {
        kind: 'success',
        message: messages.join(' '),
        data: { feature: 'comments', article: articleId },
      });
      return reply
        .header('cache-control', 'no-store')
        .redirect(`${articlePath(article)}#reactie-${result.comment.id}`, 303);
    } catch (error) {
      let status: number;
      let errors: Record<string, string> = {};
      let refused: string | undefined;
      if (error instanceof ValidationError) {
        status = 422;
        errors = error.fields;
      } else if (error instanceof CommentRefused) {
        status = error.status;
        refused = error.messageKey;
      } else throw error;
      if (wantsJson(request)) {
        const fieldMessages = Object.fromEntries(
          Object.entries(errors).map(([k, v]) => [k, (t.errors as Record<string, string>)[v] ?? v]),
        );
        return reply
          .status(status)
          .header('cache-control', 'no-store')
          .send({
            error: refused ?? 'validation',
            message: refused ? (t.refused as Record<string, string>)[refused] : t.form.errorSummary,
            fields: fieldMessages,
          });
      }
      if (refused === 'closed')
        return sendHtml(request, reply, status, <ClosedPage article={article} />);
      return sendHtml(
        request,
        reply,
        status,
        <CommentFormPage
          article={article}
          form={{
            articleId,
            values,
            errors,
            refused,
            parent:
              parentId !== undefined && parentName ? { id: parentId, name: parentName } : undefined,
            staffName: request.viewer?.name,
          }}
        />,
        field(body, 'form_token'),
      );
    }
  });

  // The form on a page of its own: the reply link without JavaScript lands here.
  app.get('/artikel/:id/reacties', async (request, reply) => {
    const articleId = parseId(request.params);
    const article = await repo.findArticle(app.db, articleId);
    if (!article || !isPublished(article)) throw new NotFoundError();
    const settings = await loadCommentSettings(app.db);
    if (!commentsOpen(article, settings))
      return sendHtml(request, reply, 200, <ClosedPage article={article} />);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const raw = typeof q.antwoord === 'string' ? q.antwoord : undefined;
    let parent: { id: number; name: string } | undefined;
    if (raw && /^\d{1,9}$/.test(raw)) {
      const c = await repo.findComment(app.db, Number(raw));
      if (c && c.article_id === articleId && c.state === 'approved' && c.parent_id === null)
        parent = { id: c.id, name: c.name };
    }
    const values = formValuesFor(request);
    return sendPage(request, reply, {
      tags: [cacheTags.article(articleId)],
      personal: values.remember || request.viewer !== undefined,
      render: () =>
        renderDocument(
          siteContext(request),
          <CommentFormPage
            article={article}
            form={{ articleId, values, parent, staffName: request.viewer?.name }}
          />,
        ),
    });
  });

  app.get('/reacties', async (request, reply) => {
    const page = pageFromQuery(request.query, 1000);
    return sendPage(request, reply, {
      tags: [cacheTags.comments],
      maxAge: 60,
      render: async () => {
        const { limit, offset } = pageWindow(page, RECENT_PER_PAGE);
        const rows = await repo.listRecentApproved(app.db, limit, offset);
        const { items, hasNext } = splitPage(rows, RECENT_PER_PAGE);
        return renderDocument(
          siteContext(request),
          <RecentCommentsPage comments={items} page={page} hasNext={hasNext} />,
        );
      },
    });
  });

  app.get('/reacties/:id/bewerken', async (request, reply) => {
    const id = parseId(request.params);
    const settings = await loadCommentSettings(app.db);
    const readerKey = readerKeyOf(request, app.config);
    let comment: repo.CommentRow;
    try {
      comment = await findOwnComment(app.db, id, readerKey, settings);
    } catch (error) {
      if (error instanceof CommentRefused) throw new AppError('forbidden');
      throw error;
    }
    const article = await repo.findArticle(app.db, comment.article_id);
    if (!article) throw new NotFoundError();
    return sendHtml(
      request,
      reply,
      200,
      <EditOwnPage
        commentId={id}
        article={article}
        body={comment.body}
        editMinutes={settings.editMinutes}
      />,
    );
  });

  app.post('/reacties/:id/bewerken', { config: { token: 'form' } }, async (request, reply) => {
    const id = parseId(request.params);
    const settings = await loadCommentSettings(app.db);
    const readerKey = readerKeyOf(request, app.config);
    const text = field(request.body, 'body') ?? '';
    const t = siteContext(request).t.comments;
    try {
      const result = await editOwnComment(
        app.db,
        id,
        readerKey,
        text,
        settings,
        hashAddress(app.config.secret, request.ip),
      );
      const article = await repo.findArticle(app.db, result.comment.article_id);
      setFlash(reply, {
        kind: 'success',
        message: result.requeued ? t.posted.requeued : t.posted.edited,
        data: { feature: 'comments', article: result.comment.article_id },
      });
      return reply.redirect(`${article ? articlePath(article) : '/reacties'}#reactie-${id}`, 303);
    } catch (error) {
      const key =
        error instanceof ValidationError
          ? Object.values(error.fields)[0]
          : error instanceof CommentRefused
            ? error.messageKey
            : undefined;
      if (!key || !(error instanceof AppError)) throw error;
      const comment = await repo.findComment(app.db, id);
      const article = comment ? await repo.findArticle(app.db, comment.article_id) : undefined;
      if (!comment || !article) throw new NotFoundError();
      return sendHtml(
        request,
        reply,
        error.status,
        <EditOwnPage
          commentId={id}
          article={article}
          body={text}
          error={key}
          editMinutes={settings.editMinutes}
        />,
        field(request.body, 'form_token'),
      );
    }
  });

  app.post('/reacties/:id/verwijderen', { config: { token: 'form' } }, async (request, reply) => {
    const id = parseId(request.params);
    const settings = await loadCommentSettings(app.db);
    const readerKey = readerKeyOf(request, app.config);
    let result: { articleId: number };
    try {
      result = await deleteOwnComment(app.db, id, readerKey, settings);
    } catch (error) {
      if (error instanceof CommentRefused) throw new AppError('forbidden');
      throw error;
    }
    const article = await repo.findArticle(app.db, result.articleId);
    setFlash(reply, {
      kind: 'success',
      message: siteContext(request).t.comments.posted.deleted,
      data: { feature: 'comments', article: result.articleId },
    });
    return reply.redirect(`${article ? articlePath(article) : '/reacties'}#reacties`, 303);
  });
}
