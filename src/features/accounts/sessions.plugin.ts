// Reads the session cookie on every request and sets request.viewer and request.csrfToken;
// refuses every POST under /beheer whose csrf_token does not match the session's.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { verifyCsrf } from './access.js';
import { readSessionCookie } from './session-cookie.js';
import { resumeSession } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session row id (SHA-256 of the cookie) when a session was found. */
    sessionId?: string;
    /** Set instead of viewer while the password was right but the second factor is due. */
    pendingSecondFactorUserId?: number;
  }
  interface FastifyContextConfig {
    /**
     * How a POST under /beheer proves it came from our own form:
     * 'session' (default) — body field csrf_token must equal the session's token;
     * 'public' — an anonymous form (login, reset, setup) that checks the public form
     *   token itself with requireFormToken;
     * 'manual' — the route calls verifyCsrf itself (multipart bodies are parsed late).
     */
    csrf?: 'session' | 'public' | 'manual';
  }
}

function isAdminPost(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return request.method === 'POST' && (path === '/beheer' || path.startsWith('/beheer/'));
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

  app.addHook('preHandler', async (request) => {
    if (!isAdminPost(request)) return;
    const mode = request.routeOptions.config?.csrf ?? 'session';
    if (mode !== 'session') return;
    const body = request.body as Record<string, unknown> | undefined;
    const token = body && typeof body === 'object' ? body['csrf_token'] : undefined;
    verifyCsrf(request, token ?? request.headers['x-csrf-token']);
  });
});
