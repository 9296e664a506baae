// /beheer/beveiliging: the user's own sessions, password and two-factor authentication.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { AppError } from '../../lib/errors.js';
import { parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { requireLogin, viewerOf } from './access.js';
import { type FieldErrors, readEmail, readNewPassword } from './account-forms.js';
import {
  currentPasswordForm,
  emailChangeForm,
  enrolmentForm,
  sessionParams,
} from './accounts.schemas.js';
import { requestEmailChange } from './email-change.service.js';
import { changePassword, checkCurrentPassword, ownAccount } from './security.service.js';
import { EnrolPage, RecoveryCodesPage, SecurityPage } from './security.views.js';
import { endOtherSessions, endOwnSession, sessionsOf } from './sessions.service.js';
import {
  confirmEnrolment,
  disableTwoFactor,
  pendingEnrolment,
  recoveryCodesLeft,
  startEnrolment,
} from './two-factor.service.js';

const BASE = '/beheer/beveiliging';

function words(request: FastifyRequest) {
  return catalogs[request.server.config.locale].admin;
}

function sessionIdOf(request: FastifyRequest): string {
  if (!request.sessionId) throw new AppError('unauthorized');
  return request.sessionId;
}

export async function securityRoutes(app: FastifyInstance) {
  const logged = { preHandler: requireLogin };

  async function renderSecurity(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { errors?: FieldErrors; status?: number; newEmail?: string } = {},
  ) {
    const viewer = viewerOf(request);
    const [sessions, user] = await Promise.all([
      sessionsOf(app.db, viewer.id),
      ownAccount(app.db, viewer.id),
    ]);
    return sendAdminPage(
      request,
      reply,
      <SecurityPage
        sessions={sessions}
        currentSessionId={sessionIdOf(request)}
        twoFactorOn={Boolean(user?.totp_enabled)}
        recoveryLeft={recoveryCodesLeft(user?.recovery_codes ?? null)}
        email={user?.email ?? ''}
        newEmail={options.newEmail}
        errors={options.errors}
        flash={takeFlash(request, reply)}
      />,
      options.status,
    );
  }

  app.get(BASE, logged, async (request, reply) => renderSecurity(request, reply));

  app.post(
    `${BASE}/sessies/:id/beeindigen`,
    { ...logged, config: { token: 'csrf' } },
    async (request, reply) => {
      const { id } = parseInput(sessionParams, request.params, 'not_found');
      await endOwnSession(app.db, viewerOf(request).id, id);
      setFlash(reply, { kind: 'success', message: words(request).security.sessionEnded });
      return reply.redirect(BASE, 303);
    },
  );

  app.post(
    `${BASE}/sessies/anderen-beeindigen`,
    { ...logged, config: { token: 'csrf' } },
    async (request, reply) => {
      await endOtherSessions(app.db, viewerOf(request).id, sessionIdOf(request));
      setFlash(reply, { kind: 'success', message: words(request).security.othersEnded });
      return reply.redirect(BASE, 303);
    },
  );

  app.post(
    `${BASE}/wachtwoord`,
    { ...logged, config: { token: 'csrf' } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const w = words(request);
      const errors: FieldErrors = {};
      const { current_password: current } = parseInput(currentPasswordForm, request.body);
      const user = await ownAccount(app.db, viewer.id);
      const password = readNewPassword(request.body, w, errors, user?.email);
      if (!current || !(await checkCurrentPassword(app.db, viewer.id, current))) {
        errors['current_password'] = w.password.wrongCurrent;
      }
      if (Object.keys(errors).length > 0)
        return renderSecurity(request, reply, { errors, status: 422 });
      await changePassword(app.db, viewer.id, sessionIdOf(request), password);
      setFlash(reply, { kind: 'success', message: w.security.passwordChanged });
      return reply.redirect(BASE, 303);
    },
  );

  app.post(`${BASE}/email`, { ...logged, config: { token: 'csrf' } }, async (request, reply) => {
    const viewer = viewerOf(request);
    const w = words(request);
    const errors: FieldErrors = {};
    const newEmail = readEmail(request.body, w, errors, 'new_email');
    const { email_password: current } = parseInput(emailChangeForm, request.body);
    if (!current || !(await checkCurrentPassword(app.db, viewer.id, current))) {
      errors['email_password'] = w.password.wrongCurrent;
    }
    const refuse = (status: number) => renderSecurity(request, reply, { errors, status, newEmail });
    if (Object.keys(errors).length > 0) return refuse(422);
    const outcome = await requestEmailChange(app.db, app.config, viewer.id, newEmail);
    if (outcome === 'same') {
      errors['new_email'] = w.security.emailSame;
      return refuse(422);
    }
    if (outcome === 'taken') {
      errors['new_email'] = w.security.emailTaken;
      return refuse(409);
    }
    if (outcome === 'too_many') {
      errors['new_email'] = w.security.emailTooMany;
      return refuse(429);
    }
    setFlash(reply, { kind: 'success', message: w.security.emailSent(newEmail) });
    return reply.redirect(BASE, 303);
  });

  app.post(
    `${BASE}/2fa/starten`,
    { ...logged, config: { token: 'csrf' } },
    async (request, reply) => {
      await startEnrolment(app.db, app.config.secret, viewerOf(request).id);
      return reply.redirect(`${BASE}/2fa`, 303);
    },
  );

  app.get(`${BASE}/2fa`, logged, async (request, reply) => {
    const enrolment = await pendingEnrolment(
      app.db,
      app.config.secret,
      app.config.siteName,
      viewerOf(request).id,
    );
    if (!enrolment) return reply.redirect(BASE, 303);
    return sendAdminPage(request, reply, <EnrolPage enrolment={enrolment} />);
  });

  app.post(
    `${BASE}/2fa/bevestigen`,
    { ...logged, config: { token: 'csrf' } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const w = words(request);
      const { code } = parseInput(enrolmentForm, request.body);
      const codes = await confirmEnrolment(app.db, app.config.secret, viewer.id, code);
      if (codes) return sendAdminPage(request, reply, <RecoveryCodesPage codes={codes} />);
      const enrolment = await pendingEnrolment(
        app.db,
        app.config.secret,
        app.config.siteName,
        viewer.id,
      );
      if (!enrolment) {
        setFlash(reply, { kind: 'error', message: w.security.twoFactorNotStarted });
        return reply.redirect(BASE, 303);
      }
      return sendAdminPage(
        request,
        reply,
        <EnrolPage enrolment={enrolment} error={w.security.twoFactorWrong} />,
        422,
      );
    },
  );

  app.post(
    `${BASE}/2fa/uitzetten`,
    { ...logged, config: { token: 'csrf' } },
    async (request, reply) => {
      const viewer = viewerOf(request);
      const w = words(request);
      const { current_password: current } = parseInput(currentPasswordForm, request.body);
      if (!current || !(await checkCurrentPassword(app.db, viewer.id, current))) {
        return renderSecurity(request, reply, {
          errors: { disable_password: w.password.wrongCurrent },
          status: 422,
        });
      }
      await disableTwoFactor(app.db, viewer.id);
      setFlash(reply, { kind: 'success', message: w.security.twoFactorDisabled });
      return reply.redirect(BASE, 303);
    },
  );
}
