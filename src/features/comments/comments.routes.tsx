// Public comment routes: post (plain form or enhanced), the form page for replies and
// errors, a reader's own edit/delete, and the site-wide list of recent comments.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashAddress } from '../../infra/address-hash.js';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { setFlash } from '../../infra/flash.js';
import { createFormToken, verifyFormToken } from '../../infra/form-token.js';
import { ensureReaderKey, readerKeyOf } from '../../infra/reader.js';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { idParams, pageQuery, parseInput } from '../../lib/parse.js';
import type { Messages } from '../../views/messages/index.js';
import { hasMessage } from '../../views/messages/keys.js';
import { paths } from '../../views/paths.js';
import { renderDocument, renderFragment } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { formValuesFor, markOwnComment, rememberCommenter } from './comments.cookies.js';
import { type CommentForm, commentForm, ownEditForm, replyQuery } from './comments.schemas.js';
import {
  articleOfComment,
  type CommentArticle,
  type CommentRefusal,
  CommentRefused,
  type CommentRow,
  commentableArticle,
  commentsOpen,
  commentWithArticle,
  deleteOwnComment,
  editOwnComment,
  findOwnComment,
  type PostResult,
  recentComments,
  replyTarget,
  submitComment,
} from './comments.service.js';
import { loadCommentSettings } from './comments.settings.js';
import { CommentItemFragment, type CommentView } from './comments.views.js';
import {
  ClosedPage,
  CommentFormPage,
  EditOwnPage,
  RecentCommentsPage,
} from './comments-pages.views.js';

const RECENT_PER_PAGE = 20;
const recentQuery = pageQuery(1000);

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

export function toCommentView(row: CommentRow, editable: boolean): CommentView {
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

/** What the reader is told after posting: approved or held, and how following went. */
function postedMessage(t: Messages['comments'], result: PostResult): string {
  const follow =
    result.follow === 'confirmation_sent'
      ? t.posted.confirmation_sent
      : result.follow === 'following'
        ? t.posted.following
        : result.follow === 'pending'
          ? t.posted.pendingFollow
          : '';
  const state = result.comment.state === 'approved' ? t.posted.approved : t.posted.pending;
  return [state, follow].filter(Boolean).join(' ');
}

/** What the form fills in next time for a reader who asked to be remembered. */
function commenterOf(comment: CommentRow) {
  return { name: comment.name, email: comment.email ?? '', website: comment.website ?? '' };
}

/** The answer to the enhanced form: the new comment as markup to place in the page. */
function sendPostedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  comment: CommentRow,
  message: string,
) {
  const html = renderFragment(
    siteContext(request),
    <CommentItemFragment comment={toCommentView(comment, !comment.author_user_id)} />,
  );
  return reply.status(201).header('cache-control', 'no-store').send({
    ok: true,
    id: comment.id,
    state: comment.state,
    parentId: comment.parent_id,
    message,
    html,
  });
}

/** A refused comment: its messages as JSON, or its form again with them (or the closed page). */
function sendRefusedComment(
  request: FastifyRequest,
  reply: FastifyReply,
  article: CommentArticle,
  form: CommentForm,
  refusal: CommentRefusal,
) {
  const { status, errors, refused, parent } = refusal;
  const t = siteContext(request).t.comments;
  if (wantsJson(request)) {
    const fields = Object.fromEntries(
      Object.entries(errors).map(([k, v]) => [k, hasMessage(t.errors, v) ? t.errors[v] : v]),
    );
    return reply
      .status(status)
      .header('cache-control', 'no-store')
      .send({
        error: refused ?? 'validation',
        message: refused ? t.refused[refused] : t.form.errorSummary,
        fields,
      });
  }
  if (refused === 'closed')
    return sendHtml(request, reply, status, <ClosedPage article={article} />);
  const page = (
    <CommentFormPage
      article={article}
      form={{
        articleId: article.id,
        values: form.values,
        errors,
        refused,
        parent,
        staffName: request.viewer?.name,
      }}
    />
  );
  return sendHtml(request, reply, status, page, form.formToken);
}

export async function commentRoutes(app: FastifyInstance) {
  app.post('/artikel/:id/reacties', { config: { token: 'form' } }, async (request, reply) => {
    const { id: articleId } = parseInput(idParams, request.params, 'not_found');
    const article = await commentableArticle(app.db, articleId);
    const form = parseInput(commentForm, request.body);
    const attempt = await submitComment(app.db, form, {
      articleId,
      article,
      readerKey: ensureReaderKey(request, reply, app.config),
      addressHash: hashAddress(app.config.secret, request.ip),
      formAgeMs: request.formTokenAgeMs ?? 0,
      viewer: request.viewer,
    });
    if (!attempt.ok) return sendRefusedComment(request, reply, article, form, attempt);
    const { comment } = attempt.result;
    markOwnComment(request, reply, articleId);
    if (!request.viewer)
      rememberCommenter(request, reply, form.values.remember ? commenterOf(comment) : undefined);
    const message = postedMessage(siteContext(request).t.comments, attempt.result);
    if (wantsJson(request)) return sendPostedJson(request, reply, comment, message);
    setFlash(reply, {
      kind: 'success',
      message,
      data: { feature: 'comments', article: articleId },
    });
    return reply
      .header('cache-control', 'no-store')
      .redirect(`${paths.article(article)}#reactie-${comment.id}`, 303);
  });

  // The form on a page of its own: the reply link without JavaScript lands here.
  app.get('/artikel/:id/reacties', async (request, reply) => {
    const { id: articleId } = parseInput(idParams, request.params, 'not_found');
    const { antwoord } = parseInput(replyQuery, request.query);
    const article = await commentableArticle(app.db, articleId);
    const settings = await loadCommentSettings(app.db);
    if (!commentsOpen(article, settings))
      return sendHtml(request, reply, 200, <ClosedPage article={article} />);
    const parent = await replyTarget(app.db, articleId, antwoord);
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
    const page = parseInput(recentQuery, request.query);
    return sendPage(request, reply, {
      tags: [cacheTags.comments],
      maxAge: 60,
      render: async () => {
        const { limit, offset } = pageWindow(page, RECENT_PER_PAGE);
        const rows = await recentComments(app.db, limit, offset);
        const { items, hasNext } = splitPage(rows, RECENT_PER_PAGE);
        return renderDocument(
          siteContext(request),
          <RecentCommentsPage comments={items} page={page} hasNext={hasNext} />,
        );
      },
    });
  });

  app.get('/reacties/:id/bewerken', async (request, reply) => {
    const { id } = parseInput(idParams, request.params, 'not_found');
    const settings = await loadCommentSettings(app.db);
    const readerKey = readerKeyOf(request, app.config);
    let comment: CommentRow;
    try {
      comment = await findOwnComment(app.db, id, readerKey, settings);
    } catch (error) {
      if (error instanceof CommentRefused) throw new AppError('forbidden');
      throw error;
    }
    const article = await articleOfComment(app.db, comment.article_id);
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
    const { id } = parseInput(idParams, request.params, 'not_found');
    const { body: text, form_token: formToken } = parseInput(ownEditForm, request.body);
    const settings = await loadCommentSettings(app.db);
    const readerKey = readerKeyOf(request, app.config);
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
      const article = await articleOfComment(app.db, result.comment.article_id);
      setFlash(reply, {
        kind: 'success',
        message: result.requeued ? t.posted.requeued : t.posted.edited,
        data: { feature: 'comments', article: result.comment.article_id },
      });
      return reply.redirect(`${article ? paths.article(article) : '/reacties'}#reactie-${id}`, 303);
    } catch (error) {
      const key =
        error instanceof ValidationError
          ? Object.values(error.fields)[0]
          : error instanceof CommentRefused
            ? error.refusal
            : undefined;
      if (!key || !(error instanceof AppError)) throw error;
      const { article } = await commentWithArticle(app.db, id);
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
        formToken,
      );
    }
  });

  app.post('/reacties/:id/verwijderen', { config: { token: 'form' } }, async (request, reply) => {
    const { id } = parseInput(idParams, request.params, 'not_found');
    const settings = await loadCommentSettings(app.db);
    const readerKey = readerKeyOf(request, app.config);
    let result: { articleId: number };
    try {
      result = await deleteOwnComment(app.db, id, readerKey, settings);
    } catch (error) {
      if (error instanceof CommentRefused) throw new AppError('forbidden');
      throw error;
    }
    const article = await articleOfComment(app.db, result.articleId);
    setFlash(reply, {
      kind: 'success',
      message: siteContext(request).t.comments.posted.deleted,
      data: { feature: 'comments', article: result.articleId },
    });
    return reply.redirect(`${article ? paths.article(article) : '/reacties'}#reacties`, 303);
  });
}
