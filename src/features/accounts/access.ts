// Who may do what in the back office. Every /beheer route states its rule with these
// preHandlers; the role is checked on the server for every request, never only hidden
// in the navigation.
//
//   app.get('/beheer/x', { preHandler: requireRole(...STAFF_ROLES) }, handler)
//
// The roles and the finer rules (this article, this profile) are in policy.ts.
//
// Back-office POSTs declare `config: { token: 'csrf' }` (infra/route-token.ts checks it);
// forms include the token with <CsrfField /> from views/admin/admin-layout.

import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '../../db/schema.js';
import { AppError, ForbiddenError } from '../../lib/errors.js';
import type { Viewer } from '../../views/site-context.js';
import { hasRole } from './policy.js';

export const LOGIN_PATH = '/beheer/inloggen';

/** Where the login page sends someone back to; only back-office paths are accepted. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string') return '/beheer';
  if (!/^\/beheer(\/|\?|$)/.test(value) || value.startsWith('//') || value.includes('\\'))
    return '/beheer';
  if (value.length > 500 || value.startsWith(LOGIN_PATH)) return '/beheer';
  return value;
}

export function loginRedirect(path: string): string {
  return `${LOGIN_PATH}?terug=${encodeURIComponent(safeReturnPath(path))}`;
}

function refuseAnonymous(request: FastifyRequest, reply: FastifyReply) {
  if (request.method === 'GET' || request.method === 'HEAD') {
    return reply.header('cache-control', 'no-store').redirect(loginRedirect(request.url), 303);
  }
  throw new AppError('unauthorized');
}

/** Any logged-in user. GET/HEAD without a login go to the login page; other methods get 401. */
export const requireLogin: preHandlerAsyncHookHandler = async function requireLogin(
  request,
  reply,
) {
  if (!request.viewer) return refuseAnonymous(request, reply);
};

/** A logged-in user with one of these roles; another role gets the 403 page. */
export function requireRole(...roles: readonly Role[]): preHandlerAsyncHookHandler {
  return async function requireRoleHandler(request, reply) {
    if (!request.viewer) return refuseAnonymous(request, reply);
    if (!hasRole(request.viewer, roles)) throw new ForbiddenError();
  };
}

/** The logged-in viewer, for handlers behind requireLogin/requireRole. */
export function viewerOf(request: FastifyRequest): Viewer {
  if (!request.viewer) throw new AppError('unauthorized');
  return request.viewer;
}
