// Which token a state-changing request must carry is part of its route, not of its URL:
// every POST, PUT, PATCH and DELETE route declares `config.token`, one hook checks it
// before validation and role checks, and a route that declares nothing is refused when it
// is registered. Deciding on the route (not on the raw URL, as a `/beheer/` prefix test
// would) also covers encoded paths such as `/%62eheer/…`, which the router decodes.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.js';
import { verifyFormToken } from './form-token.js';

export type RouteToken = 'form' | 'csrf' | 'none';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The token a POST/PUT/PATCH/DELETE needs; required on every such route.
     * 'form' — the public form token (field form_token, infra/form-token.ts);
     * 'csrf' — the session's CSRF token (field csrf_token or header x-csrf-token);
     * 'none' — no token, because the route proves itself another way (say why beside it).
     */
    token?: RouteToken;
    /** With token 'csrf': the route reads its multipart body late and calls verifyCsrf itself. */
    csrf?: 'manual';
  }
  interface FastifyRequest {
    /** Milliseconds since the public form was rendered, for time-based spam checks. */
    formTokenAgeMs?: number;
  }
  interface FastifyInstance {
    /** Every state-changing route with the token it declared (read by the tests). */
    tokenRoutes: { method: string; url: string; token: RouteToken; manual: boolean }[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function methodsOf(route: RouteOptions): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map((m) =>
    String(m).toUpperCase(),
  );
}

function bodyField(request: FastifyRequest, name: string): unknown {
  const body = request.body;
  if (!body || typeof body !== 'object') return undefined;
  return (body as Record<string, unknown>)[name];
}

/**
 * Checks a submitted CSRF token against the session's. Without a session the request is
 * not logged in (401); a missing or wrong token is a 403 ('form_token').
 */
export function verifyCsrf(request: FastifyRequest, token: unknown): void {
  if (!request.csrfToken) throw new AppError('unauthorized');
  const given = Buffer.from(typeof token === 'string' ? token : '');
  const expected = Buffer.from(request.csrfToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('form_token');
  }
}

/** Checks the public form token; a missing, forged or expired one is a 403. */
export function verifyPublicFormToken(request: FastifyRequest, token: unknown): number {
  const check = verifyFormToken(request.server.config.secret, token);
  if (!check.ok) throw new AppError('form_token');
  return check.ageMs;
}

export const routeTokenPlugin = fp(async function routeTokens(app: FastifyInstance) {
  const declared: FastifyInstance['tokenRoutes'] = [];
  app.decorate('tokenRoutes', declared);

  app.addHook('onRoute', (route) => {
    const unsafe = methodsOf(route).filter((m) => UNSAFE.has(m));
    if (unsafe.length === 0) return;
    const token = route.config?.token;
    if (token !== 'form' && token !== 'csrf' && token !== 'none') {
      throw new Error(
        `${unsafe.join('/')} ${route.url} declares no token: set config.token to 'form', 'csrf' or 'none'`,
      );
    }
    for (const method of unsafe) {
      declared.push({ method, url: route.url, token, manual: route.config?.csrf === 'manual' });
    }
  });

  app.addHook('preValidation', (request, _reply, done) => {
    if (!UNSAFE.has(request.method) || request.is404) return done();
    const config = request.routeOptions.config;
    try {
      switch (config?.token) {
        case 'none':
          break;
        case 'form':
          request.formTokenAgeMs = verifyPublicFormToken(request, bodyField(request, 'form_token'));
          break;
        case 'csrf':
          if (config.csrf === 'manual') {
            // The body is a stream the route reads; it checks the token found there.
            if (!request.csrfToken) throw new AppError('unauthorized');
            break;
          }
          verifyCsrf(request, bodyField(request, 'csrf_token') ?? request.headers['x-csrf-token']);
          break;
        default:
          // Only a route registered before this plugin can get here: refused all the same.
          throw new AppError('form_token');
      }
    } catch (error) {
      return done(error as Error);
    }
    done();
  });
});
