// Reads the session cookie on every request and sets request.viewer and request.csrfToken.
// Which routes need the CSRF token is declared on each route (infra/route-token.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { readSessionCookie } from './session-cookie.js';
import { resumeSession } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session row id (SHA-256 of the cookie) when a session was found. */
    sessionId?: string;
    /** Set instead of viewer while the password was right but the second factor is due. */
    pendingSecondFactorUserId?: number;
  }
}

export const sessionsPlugin = fp(async function sessions(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    // Static files never depend on who asks: spare them the session lookup.
    if (request.url.startsWith('/assets/')) return;
    const cookieValue = readSessionCookie(request);
    if (!cookieValue) return;
    const session = await resumeSession(app.db, cookieValue);
    if (!session) return;
    request.sessionId = session.id;
    request.csrfToken = session.csrf_token;
    if (session.pending_second_factor) {
      request.pendingSecondFactorUserId = session.user_id;
      return;
    }
    request.viewer = { id: session.user_id, name: session.name, role: session.role };
  });
});
