// "Forget me" for readers (AVG/GDPR): the address is proven by a mail with a one-time link,
// so nobody can erase someone else's comments. The answer to a request never tells whether
// the address is known.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { hashAddress } from '../../infra/address-hash.js';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { field } from '../../infra/form-body.js';
import { createFormToken } from '../../infra/form-token.js';
import { allow } from '../../infra/rate-limit.js';
import { enqueue } from '../../jobs/queue.js';
import { SEND_MAIL } from '../../jobs/send-mail.job.js';
import { AppError, NotFoundError } from '../../lib/errors.js';
import { DAY, HOUR, isoAfter, nowIso } from '../../lib/time.js';
import { catalogs } from '../../views/messages/index.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { randomToken, sha256 } from '../accounts/secret-token.js';
import { checkEmail, EMAIL_MAX } from '../addresses/email-address.js';
import { forgetMail } from './comments.mails.js';
import { forgetCommenter } from './comments.service.js';
import * as privacy from './comments-privacy.repository.js';
import { ForgetChoicePage, ForgetRequestPage } from './comments-privacy.views.js';

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

function tokenOf(params: unknown): string | undefined {
  const token = (params as { token?: unknown }).token;
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined;
}

export async function commentPrivacyRoutes(app: FastifyInstance) {
  const db = app.db;
  const words = () => catalogs[app.config.locale].comments;

  app.get('/reacties/vergeten', async (request, reply) =>
    send(request, reply, <ForgetRequestPage flash={takeFlash(request, reply)} />),
  );

  app.post('/reacties/vergeten', { config: { token: 'form' } }, async (request, reply) => {
    const raw = field(request.body, 'email') ?? '';
    const checked = checkEmail(raw);
    const t = words();
    if (!checked.ok) {
      const problem = checked.problem === 'email_too_long' ? 'email_too_long' : 'email_invalid';
      return send(
        request,
        reply,
        <ForgetRequestPage email={raw.slice(0, EMAIL_MAX + 10)} error={t.errors[problem]} />,
        422,
      );
    }
    const email = checked.email;
    const hash = hashAddress(app.config.secret, request.ip);
    if (!(await allow(db, `comments-forget:${hash}`, { windowMs: HOUR, max: 5 })))
      throw new AppError('rate_limited');
    if (await privacy.isKnownReader(db, email)) {
      const token = randomToken();
      const id = sha256(token);
      const now = nowIso();
      const url = `${app.config.siteUrl}/reacties/vergeten/${token}`;
      const site = {
        lang: app.config.locale,
        siteName: app.config.siteName,
        siteUrl: app.config.siteUrl,
        t,
      };
      await db.transaction().execute(async (trx) => {
        await privacy.insertForgetToken(trx, { id, email, expiresAt: isoAfter(DAY), now });
        await enqueue(trx, {
          kind: SEND_MAIL,
          key: `comments-forget:${id}`,
          payload: forgetMail(
            site,
            email,
            url,
            `<comments-forget.${id.slice(0, 24)}@${new URL(app.config.siteUrl).hostname}>`,
          ),
        });
      });
    }
    setFlash(reply, { kind: 'success', message: t.privacy.sent });
    return reply.redirect('/reacties/vergeten', 303);
  });

  app.get('/reacties/vergeten/:token', async (request, reply) => {
    const token = tokenOf(request.params);
    const row = token ? await privacy.findForgetToken(db, sha256(token), nowIso()) : undefined;
    if (!token || !row) throw new AppError('gone');
    return send(request, reply, <ForgetChoicePage token={token} email={row.email} />);
  });

  app.post('/reacties/vergeten/:token', { config: { token: 'form' } }, async (request, reply) => {
    const token = tokenOf(request.params);
    if (!token) throw new NotFoundError();
    const id = sha256(token);
    const row = await privacy.findForgetToken(db, id, nowIso());
    if (!row || !(await privacy.useForgetToken(db, id, nowIso()))) throw new AppError('gone');
    const how = field(request.body, 'how') === 'remove' ? 'remove' : 'anonymise';
    const t = words();
    const result = await forgetCommenter(db, row.email, how, t.privacy.anonymousName);
    setFlash(reply, { kind: 'success', message: t.privacy.done(result.comments) });
    return reply.redirect('/reacties/vergeten', 303);
  });
}
