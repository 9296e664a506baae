// Anti-forgery token for the public, anonymous forms (grade, comment, subscribe).
//
// Public pages are cached and shared by all readers, so the token cannot be tied to a
// session. Instead it is a signed time stamp: it proves the form came from a page this
// site rendered, lets the spam defence measure the time between page load and post, and
// expires. Cross-site posts are refused separately (infra/security.ts). The page cache
// stores pages with FORM_TOKEN_PLACEHOLDER and fills in a fresh token on every response.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DAY } from '../lib/time.js';

export const FORM_TOKEN_PLACEHOLDER = '__PODIUM_FORM_TOKEN__';
export const FORM_TOKEN_MAX_AGE_MS = 2 * DAY;

function sign(secret: string, issuedAt: number): string {
  return createHmac('sha256', secret)
    .update(`public-form|${issuedAt}`)
    .digest('base64url')
    .slice(0, 32);
}

export function createFormToken(secret: string, now = Date.now()): string {
  return `${now.toString(36)}.${sign(secret, now)}`;
}

export type FormTokenCheck =
  | { ok: true; issuedAt: number; ageMs: number }
  | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

// Pages hand out one token per second (infra/cache/page-cache.ts), so a busy form receives the
// same token many times. A token whose signature was found right is remembered with its
// time, and only its age is checked again; tokens that failed are never remembered.
const SIGNED_MAX = 1_000;
const signed = new Map<string, number>();
let signedSecret = '';

function signedAt(secret: string, token: string): number | undefined {
  if (secret !== signedSecret) {
    signed.clear();
    signedSecret = secret;
  }
  const known = signed.get(token);
  if (known !== undefined) return known;
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return undefined;
  const issuedAt = Number.parseInt(match[1]!, 36);
  const expected = Buffer.from(sign(secret, issuedAt));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  // Oldest first out: Map keeps insertion order.
  if (signed.size >= SIGNED_MAX) signed.delete(signed.keys().next().value as string);
  signed.set(token, issuedAt);
  return issuedAt;
}

export function verifyFormToken(secret: string, token: unknown, now = Date.now()): FormTokenCheck {
  if (typeof token !== 'string' || token.length === 0) return { ok: false, reason: 'missing' };
  const issuedAt = signedAt(secret, token);
  if (issuedAt === undefined) return { ok: false, reason: 'invalid' };
  const ageMs = now - issuedAt;
  if (ageMs < -60_000 || ageMs > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' };
  return { ok: true, issuedAt, ageMs };
}
