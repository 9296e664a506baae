// Pages reached through a mailed or printed link (invite, first admin, reset) and the
// "forgot password" form. They are anonymous, so they carry the public form token.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashAddress } from '../../infra/address-hash.js';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { field } from '../../infra/form-body.js';
import { allow } from '../../infra/rate-limit.js';
import { enqueue } from '../../jobs/queue.js';
import { HOUR } from '../../lib/time.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { LOGIN_PATH } from './access.js';
import { type FieldErrors, readEmail, readName, readNewPassword } from './account-forms.js';
import { describeLink, useLink } from './credentials.service.js';
import { confirmEmailChange, describeEmailLink } from './email-change.service.js';
import { replaceSession } from './login.routes.js';
import { PASSWORD_RESET } from './password-reset.job.js';
import {
  EmailConfirmPage,
  EmailLinkInvalidPage,
  ForgotPasswordPage,
  InvalidLinkPage,
  SetPasswordPage,
} from './setup.views.js';

const PATHS = {
  setup: '/beheer/uitnodiging/:token',
  reset: '/beheer/wachtwoord-herstellen/:token',
} as const;

/** Reset requests per address per hour: enough for a forgetful person, too few to spam. */
const RESETS_PER_ADDRESS_PER_HOUR = 10;

function words(request: FastifyRequest) {
  return catalogs[request.server.config.locale].admin;
}

function linkRoutes(app: FastifyInstance, kind: 'setup' | 'reset') {
  const path = PATHS[kind];
  const actionFor = (token: string) => path.replace(':token', token);

  app.get(path, async (request, reply) => {
    const { token } = request.params as { token: string };
    const info = await describeLink(app.db, token, kind);
    if (!info) return sendAdminPage(request, reply, <InvalidLinkPage kind={kind} />, 410);
    return sendAdminPage(
      request,
      reply,
      <SetPasswordPage action={actionFor(token)} info={info} kind={kind} />,
    );
  });

  app.post(path, { config: { token: 'form' } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const info = await describeLink(app.db, token, kind);
    if (!info) return sendAdminPage(request, reply, <InvalidLinkPage kind={kind} />, 410);
    const w = words(request);
    const errors: FieldErrors = {};
    const values: { name?: string; email?: string } = {};
    if (!info.user) {
      values.name = readName(request.body, w, errors);
      values.email = readEmail(request.body, w, errors);
    }
    const password = readNewPassword(request.body, w, errors, info.user?.email ?? values.email);
    const refuse = (status: number) =>
      sendAdminPage(
        request,
        reply,
        <SetPasswordPage
          action={actionFor(token)}
          info={info}
          kind={kind}
          values={values}
          errors={errors}
        />,
        status,
      );
    if (Object.keys(errors).length > 0) return refuse(422);
    const result = await useLink(app.db, token, kind, {
      password,
      ...values,
      userAgent: request.headers['user-agent'],
    });
    if (!result.ok) {
      if (result.reason === 'email_taken') {
        errors['email'] = w.invite.emailTaken;
        return refuse(409);
      }
      return sendAdminPage(request, reply, <InvalidLinkPage kind={kind} />, 410);
    }
    await replaceSession(request, reply, result.session.cookieValue);
    if (result.secondFactor) return reply.redirect(`${LOGIN_PATH}/code?terug=%2Fbeheer`, 303);
    setFlash(reply, {
      kind: 'success',
      message: kind === 'reset' ? w.reset.done : w.setup.done,
    });
    return reply.redirect('/beheer', 303);
  });
}

/** The link mailed to a new e-mail address: it opens a page with one button (a link alone
 * changes nothing, so mail scanners that open links cannot change an address). */
function emailLinkRoutes(app: FastifyInstance) {
  const path = '/beheer/email-bevestigen/:token';
  const actionFor = (token: string) => path.replace(':token', token);

  app.get(path, async (request, reply) => {
    const { token } = request.params as { token: string };
    const link = await describeEmailLink(app.db, token);
    if (!link) return sendAdminPage(request, reply, <EmailLinkInvalidPage />, 410);
    return sendAdminPage(
      request,
      reply,
      <EmailConfirmPage action={actionFor(token)} newEmail={link.newEmail} />,
    );
  });

  app.post(path, { config: { token: 'form' } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const link = await describeEmailLink(app.db, token);
    if (!link) return sendAdminPage(request, reply, <EmailLinkInvalidPage />, 410);
    const outcome = await confirmEmailChange(app.db, app.config, token, link);
    const w = words(request).security;
    if (outcome === 'taken') {
      return sendAdminPage(
        request,
        reply,
        <EmailConfirmPage
          action={actionFor(token)}
          newEmail={link.newEmail}
          error={w.emailTaken}
        />,
        409,
      );
    }
    if (outcome === 'invalid') {
      return sendAdminPage(request, reply, <EmailLinkInvalidPage />, 410);
    }
    setFlash(reply, { kind: 'success', message: w.emailChanged(link.newEmail) });
    // Opened in the browser that is logged in: back to the security page; else log in.
    const loggedInHere = request.viewer?.id === link.userId;
    return reply.redirect(loggedInHere ? '/beheer/beveiliging' : LOGIN_PATH, 303);
  });
}

export async function linksRoutes(app: FastifyInstance) {
  linkRoutes(app, 'setup');
  linkRoutes(app, 'reset');
  emailLinkRoutes(app);

  app.get('/beheer/wachtwoord-vergeten', async (request, reply) =>
    sendAdminPage(request, reply, <ForgotPasswordPage flash={takeFlash(request, reply)} />),
  );

  app.post(
    '/beheer/wachtwoord-vergeten',
    { config: { token: 'form' } },
    async (request, reply: FastifyReply) => {
      const w = words(request);
      const errors: FieldErrors = {};
      const email = readEmail(request.body, w, errors);
      if (Object.keys(errors).length > 0) {
        return sendAdminPage(
          request,
          reply,
          <ForgotPasswordPage email={field(request.body, 'email')} errors={errors} />,
          422,
        );
      }
      const address = hashAddress(app.config.secret, request.ip);
      const within = await allow(app.db, `reset-request:${address}`, {
        windowMs: HOUR,
        max: RESETS_PER_ADDRESS_PER_HOUR,
      });
      if (!within) {
        errors['form'] = w.login.locked(60);
        return sendAdminPage(
          request,
          reply,
          <ForgotPasswordPage email={email} errors={errors} />,
          429,
        );
      }
      // The same work for every address: whether it has an account is decided in the job.
      await enqueue(app.db, {
        kind: PASSWORD_RESET,
        key: `reset:${randomBytes(16).toString('hex')}`,
        payload: { email },
      });
      setFlash(reply, { kind: 'info', message: w.reset.sent });
      return reply.redirect('/beheer/wachtwoord-vergeten', 303);
    },
  );
}
