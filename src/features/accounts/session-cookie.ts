// The back-office session cookie. On https sites it carries the __Host- prefix, which makes
// the browser insist on Secure, Path=/ and no Domain: a sibling subdomain cannot plant one.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DAY } from '../../lib/time.js';

export const SESSION_IDLE_MS = 14 * DAY;

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-podium_session' : 'podium_session';
}

export function readSessionCookie(request: FastifyRequest): string | undefined {
  const value = request.cookies[sessionCookieName(request.server.config.secure)];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

export function setSessionCookie(reply: FastifyReply, value: string): void {
  const secure = reply.server.config.secure;
  reply.setCookie(sessionCookieName(secure), value, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: Math.floor(SESSION_IDLE_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  const secure = reply.server.config.secure;
  reply.clearCookie(sessionCookieName(secure), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
  });
}
