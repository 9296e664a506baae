// The anonymous reader's identity: a random first-party cookie, no account, no third party.
// It makes "one grade per reader" and "edit your own comment" possible.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

const YEAR_S = 365 * 24 * 60 * 60;

export function readerCookieName(config: Pick<Config, 'secure'>): string {
  return config.secure ? '__Host-podium_reader' : 'podium_reader';
}

/** The reader key from the cookie, if it is one we could have issued. */
export function readerKeyOf(
  request: FastifyRequest,
  config: Pick<Config, 'secure'>,
): string | undefined {
  const value = request.cookies[readerCookieName(config)];
  return value && /^[A-Za-z0-9_-]{22}$/.test(value) ? value : undefined;
}

/** The reader key, issuing a new cookie when the reader has none yet. */
export function ensureReaderKey(
  request: FastifyRequest,
  reply: FastifyReply,
  config: Pick<Config, 'secure'>,
): string {
  const existing = readerKeyOf(request, config);
  if (existing) return existing;
  const key = randomBytes(16).toString('base64url');
  reply.setCookie(readerCookieName(config), key, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secure,
    maxAge: YEAR_S,
  });
  return key;
}
