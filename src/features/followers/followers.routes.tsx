// Follow confirmation and unsubscribe pages. The unsubscribe POST takes RFC 8058 one-click
// requests from mail clients, so it is allowed cross-site; its secret is the token in the URL.

import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { field } from '../../infra/form-body.js';
import { createFormToken } from '../../infra/form-token.js';
import { readerKeyOf } from '../../infra/reader.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import * as comments from '../comments/comments.repository.js';
import { authorMailOffKey, authorUnsubscribeSignature } from './followers.jobs.js';
import * as repo from './followers.repository.js';
import { confirmFollow, setMode, unsubscribe } from './followers.service.js';
import {
  AuthorUnsubscribePage,
  ConfirmFollowPage,
  FollowingPage,
  UnknownTokenPage,
  UnsubscribedPage,
  UnsubscribePage,
} from './followers.views.js';

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

function tokenOf(params: unknown): string | undefined {
  const token = (params as { token?: unknown }).token;
  return typeof token === 'string' && TOKEN.test(token) ? token : undefined;
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
    const follower = token ? await repo.findFollowerByToken(db, token) : undefined;
    const article = follower ? await comments.findArticle(db, follower.article_id) : undefined;
    if (!token || !follower || !article) return send(request, reply, <UnknownTokenPage />, 404);
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
      const mode = field(request.body, 'mode') === 'daily' ? 'daily' : 'instant';
      if (!token || !(await setMode(db, token, mode)))
        return send(request, reply, <UnknownTokenPage />, 404);
      return reply.redirect(`/reacties/volgen/${token}`, 303);
    },
  );

  app.get('/reacties/afmelden/:token', async (request, reply) => {
    const token = tokenOf(request.params);
    const follower = token ? await repo.findFollowerByToken(db, token) : undefined;
    const article = follower ? await comments.findArticle(db, follower.article_id) : undefined;
    if (!token || !follower || !article) return send(request, reply, <UnknownTokenPage />, 404);
    return send(request, reply, <UnsubscribePage token={token} title={article.title} />);
  });

  app.post(
    '/reacties/afmelden/:token',
    // RFC 8058 one-click from the mail client: the secret token in the URL is the proof.
    { config: { allowCrossSite: true, token: 'none' } },
    async (request, reply) => {
      const token = tokenOf(request.params);
      // A one-click POST carries "List-Unsubscribe=One-Click": it stops this discussion.
      const all = field(request.body, 'scope') === 'all';
      const result = token ? await unsubscribe(db, token, all ? 'all' : 'discussion') : undefined;
      if (!result) return send(request, reply, <UnknownTokenPage />, 404);
      const article = await comments.findArticle(db, result.articleId);
      return send(request, reply, <UnsubscribedPage all={all} article={article} />);
    },
  );

  const authorPath = '/reacties/auteur-afmelden/:user/:sig';
  function authorCheck(params: unknown): number | undefined {
    const { user, sig } = params as { user?: string; sig?: string };
    if (!user || !/^\d{1,9}$/.test(user) || typeof sig !== 'string') return undefined;
    const expected = Buffer.from(authorUnsubscribeSignature(app.config.secret, Number(user)));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given)
      ? Number(user)
      : undefined;
  }

  app.get(authorPath, async (request, reply) => {
    const userId = authorCheck(request.params);
    if (userId === undefined) return send(request, reply, <UnknownTokenPage />, 404);
    const done = await repo.isAuthorMailOff(db, authorMailOffKey(userId));
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
      await repo.setAuthorMailOff(db, authorMailOffKey(userId));
      return send(request, reply, <AuthorUnsubscribePage action="" done />);
    },
  );
}
