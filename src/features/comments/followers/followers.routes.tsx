// Follow confirmation and unsubscribe pages. The unsubscribe POST takes RFC 8058 one-click
// requests from mail clients, so it is allowed cross-site; its secret is the token in the URL.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { createFormToken } from '../../../infra/form-token.js';
import { readerKeyOf } from '../../../infra/reader.js';
import { parseInput, tryParse } from '../../../lib/parse.js';
import { renderDocument } from '../../../views/render.js';
import { siteContext } from '../../../views/site.js';
import { authorMailIsOff, authorOfLink, turnAuthorMailOff } from './author-mail.service.js';
import {
  authorLinkParams,
  followerTokenParams,
  followModeForm,
  unsubscribeForm,
} from './followers.schemas.js';
import {
  confirmFollow,
  followedArticle,
  followerWithArticle,
  setMode,
  unsubscribe,
} from './followers.service.js';
import {
  AuthorUnsubscribePage,
  ConfirmFollowPage,
  FollowingPage,
  UnknownTokenPage,
  UnsubscribedPage,
  UnsubscribePage,
} from './followers.views.js';

/** The token of a follower's link, or undefined: such a link gets the unknown-link page. */
function tokenOf(params: unknown): string | undefined {
  return tryParse(followerTokenParams, params)?.token;
}

function send(request: FastifyRequest, reply: FastifyReply, page: VNode, status = 200) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .header('referrer-policy', 'no-referrer')
    .send(
      renderDocument(
        { ...siteContext(request), formToken: createFormToken(request.server.config.secret) },
        page,
      ),
    );
}

export async function followerRoutes(app: FastifyInstance) {
  const db = app.db;

  app.get('/reacties/volgen/:token', async (request, reply) => {
    const token = tokenOf(request.params);
    const found = token ? await followerWithArticle(db, token) : undefined;
    if (!token || !found) return send(request, reply, <UnknownTokenPage />, 404);
    const { follower, article } = found;
    if (follower.confirmed_at)
      return send(
        request,
        reply,
        <FollowingPage token={token} article={article} mode={follower.mode} />,
      );
    return send(request, reply, <ConfirmFollowPage token={token} title={article.title} />);
  });

  app.post('/reacties/volgen/:token', { config: { token: 'form' } }, async (request, reply) => {
    const token = tokenOf(request.params);
    const follower = token
      ? await confirmFollow(db, token, readerKeyOf(request, app.config))
      : undefined;
    if (!token || !follower) return send(request, reply, <UnknownTokenPage />, 404);
    return reply.redirect(`/reacties/volgen/${token}`, 303);
  });

  app.post(
    '/reacties/volgen/:token/modus',
    { config: { token: 'form' } },
    async (request, reply) => {
      const token = tokenOf(request.params);
      const { mode } = parseInput(followModeForm, request.body);
      if (!token || !(await setMode(db, token, mode)))
        return send(request, reply, <UnknownTokenPage />, 404);
      return reply.redirect(`/reacties/volgen/${token}`, 303);
    },
  );

  app.get('/reacties/afmelden/:token', async (request, reply) => {
    const token = tokenOf(request.params);
    const found = token ? await followerWithArticle(db, token) : undefined;
    if (!token || !found) return send(request, reply, <UnknownTokenPage />, 404);
    return send(request, reply, <UnsubscribePage token={token} title={found.article.title} />);
  });

  app.post(
    '/reacties/afmelden/:token',
    // RFC 8058 one-click from the mail client: the secret token in the URL is the proof.
    { config: { allowCrossSite: true, token: 'none' } },
    async (request, reply) => {
      const token = tokenOf(request.params);
      // A one-click POST carries "List-Unsubscribe=One-Click": it stops this discussion.
      const { scope: all } = parseInput(unsubscribeForm, request.body);
      const result = token ? await unsubscribe(db, token, all ? 'all' : 'discussion') : undefined;
      if (!result) return send(request, reply, <UnknownTokenPage />, 404);
      const article = await followedArticle(db, result.articleId);
      return send(request, reply, <UnsubscribedPage all={all} article={article} />);
    },
  );

  const authorPath = '/reacties/auteur-afmelden/:user/:sig';
  function authorCheck(params: unknown): number | undefined {
    const link = tryParse(authorLinkParams, params);
    return link ? authorOfLink(app.config.secret, link.user, link.sig) : undefined;
  }

  app.get(authorPath, async (request, reply) => {
    const userId = authorCheck(request.params);
    if (userId === undefined) return send(request, reply, <UnknownTokenPage />, 404);
    const done = await authorMailIsOff(db, userId);
    return send(
      request,
      reply,
      <AuthorUnsubscribePage action={request.url.split('?')[0] ?? ''} done={done} />,
    );
  });

  // One-click from the mail client (RFC 8058): the signature in the URL is the proof.
  app.post(
    authorPath,
    { config: { allowCrossSite: true, token: 'none' } },
    async (request, reply) => {
      const userId = authorCheck(request.params);
      if (userId === undefined) return send(request, reply, <UnknownTokenPage />, 404);
      await turnAuthorMailOff(db, userId);
      return send(request, reply, <AuthorUnsubscribePage action="" done />);
    },
  );
}
