// "Forget me" for readers (AVG/GDPR): the address is proven by a mail with a one-time link,
// so nobody can erase someone else's comments. The answer to a request never tells whether
// the address is known.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { hashAddress } from '../../infra/address-hash.js';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { createFormToken } from '../../infra/form-token.js';
import { linkTokenParams, parseInput } from '../../lib/parse.js';
import { catalogs } from '../../views/messages/index.js';
import { renderDocument } from '../../views/render.js';
import { siteContext } from '../../views/site.js';
import { checkEmail, EMAIL_MAX } from '../addresses/email-address.js';
import { forgetChoiceForm, forgetRequestForm } from './comments.schemas.js';
import { forgetLinkAddress, requestForgetLink, useForgetLink } from './comments-privacy.service.js';
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

export async function commentPrivacyRoutes(app: FastifyInstance) {
  const db = app.db;
  const words = () => catalogs[app.config.locale].comments;

  app.get('/reacties/vergeten', async (request, reply) =>
    send(request, reply, <ForgetRequestPage flash={takeFlash(request, reply)} />),
  );

  app.post('/reacties/vergeten', { config: { token: 'form' } }, async (request, reply) => {
    const { email: raw } = parseInput(forgetRequestForm, request.body);
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
    const addressHash = hashAddress(app.config.secret, request.ip);
    await requestForgetLink(db, app.config, checked.email, addressHash, t);
    setFlash(reply, { kind: 'success', message: t.privacy.sent });
    return reply.redirect('/reacties/vergeten', 303);
  });

  app.get('/reacties/vergeten/:token', async (request, reply) => {
    const { token } = parseInput(linkTokenParams, request.params, 'gone');
    const email = await forgetLinkAddress(db, token);
    return send(request, reply, <ForgetChoicePage token={token} email={email} />);
  });

  app.post('/reacties/vergeten/:token', { config: { token: 'form' } }, async (request, reply) => {
    const { token } = parseInput(linkTokenParams, request.params, 'not_found');
    const { how } = parseInput(forgetChoiceForm, request.body);
    const t = words();
    const result = await useForgetLink(db, token, how, t.privacy.anonymousName);
    setFlash(reply, { kind: 'success', message: t.privacy.done(result.comments) });
    return reply.redirect('/reacties/vergeten', 303);
  });
}
