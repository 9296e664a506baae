// Log in (password, then the second factor when it is on) and log out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashAddress } from '../../infra/address-hash.js';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { LOGIN_PATH, safeReturnPath } from './access.js';
import { loginForm, secondStepForm } from './accounts.schemas.js';
import { logIn } from './login.service.js';
import { LoginPage, SecondFactorPage } from './login.views.js';
import { completeSecondFactor } from './security.service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { endSession } from './sessions.service.js';

function words(request: FastifyRequest) {
  return catalogs[request.server.config.locale].admin;
}

/** Ends the session the browser came with (if any) before a new one replaces it. */
export async function replaceSession(
  request: FastifyRequest,
  reply: FastifyReply,
  cookieValue: string,
): Promise<void> {
  if (request.sessionId) await endSession(request.server.db, request.sessionId);
  setSessionCookie(reply, cookieValue);
}

export async function loginRoutes(app: FastifyInstance) {
  app.get(LOGIN_PATH, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const returnTo = safeReturnPath(query['terug']);
    if (request.viewer) return reply.redirect(returnTo, 303);
    return sendAdminPage(
      request,
      reply,
      <LoginPage returnTo={returnTo} flash={takeFlash(request, reply)} />,
    );
  });

  app.post(LOGIN_PATH, { config: { token: 'form' } }, async (request, reply) => {
    const w = words(request);
    const { email, password, terug: returnTo } = parseInput(loginForm, request.body, 'bad_request');
    if (!email.trim() || !password) {
      return sendAdminPage(
        request,
        reply,
        <LoginPage email={email} returnTo={returnTo} error={w.login.wrong} />,
        400,
      );
    }
    const result = await logIn(app.db, {
      email,
      password,
      addressHash: hashAddress(app.config.secret, request.ip),
      userAgent: request.headers['user-agent'],
    });
    if (result.kind === 'wrong' || result.kind === 'locked') {
      const error = result.kind === 'locked' ? w.login.locked(result.minutes) : w.login.wrong;
      return sendAdminPage(
        request,
        reply,
        <LoginPage email={email} returnTo={returnTo} error={error} />,
        result.kind === 'locked' ? 429 : 401,
      );
    }
    await replaceSession(request, reply, result.session.cookieValue);
    if (result.kind === 'second_factor') {
      return reply.redirect(`${LOGIN_PATH}/code?terug=${encodeURIComponent(returnTo)}`, 303);
    }
    return reply.redirect(returnTo, 303);
  });

  app.get(`${LOGIN_PATH}/code`, async (request, reply) => {
    const returnTo = safeReturnPath((request.query as Record<string, unknown>)['terug']);
    if (request.viewer) return reply.redirect(returnTo, 303);
    if (!request.pendingSecondFactorUserId) return reply.redirect(LOGIN_PATH, 303);
    return sendAdminPage(request, reply, <SecondFactorPage returnTo={returnTo} />);
  });

  app.post(`${LOGIN_PATH}/code`, { config: { token: 'csrf' } }, async (request, reply) => {
    const w = words(request);
    const { code, terug: returnTo } = parseInput(secondStepForm, request.body, 'bad_request');
    const userId = request.pendingSecondFactorUserId;
    if (!userId || !request.sessionId) return reply.redirect(LOGIN_PATH, 303);
    if (!code.trim()) {
      return sendAdminPage(
        request,
        reply,
        <SecondFactorPage returnTo={returnTo} error={w.login.secondFactorWrong} />,
        422,
      );
    }
    const result = await completeSecondFactor(app.db, app.config.secret, {
      pendingSessionId: request.sessionId,
      userId,
      code,
      addressHash: hashAddress(app.config.secret, request.ip),
      userAgent: request.headers['user-agent'],
    });
    if (result.kind !== 'ok') {
      const error =
        result.kind === 'locked' ? w.login.locked(result.minutes) : w.login.secondFactorWrong;
      return sendAdminPage(
        request,
        reply,
        <SecondFactorPage returnTo={returnTo} error={error} />,
        result.kind === 'locked' ? 429 : 401,
      );
    }
    setSessionCookie(reply, result.session.cookieValue);
    if (result.usedRecoveryCode) {
      setFlash(reply, { kind: 'info', message: w.login.recoveryUsed(result.recoveryLeft) });
    }
    return reply.redirect(returnTo, 303);
  });

  app.post('/beheer/uitloggen', { config: { token: 'csrf' } }, async (request, reply) => {
    if (request.sessionId) await endSession(app.db, request.sessionId);
    clearSessionCookie(reply);
    setFlash(reply, { kind: 'info', message: words(request).login.loggedOut });
    return reply.redirect(LOGIN_PATH, 303);
  });
}
