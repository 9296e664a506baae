import { describe, expect, it } from 'vitest';
import { parseFormBody } from '../../src/infra/form-body.js';
import { createFormToken, verifyFormToken } from '../../src/infra/form-token.js';
import { AppError } from '../../src/lib/errors.js';

describe('form bodies', () => {
  it('decodes UTF-8, plus signs and repeated fields', () => {
    const body = parseFormBody('name=Ren%C3%A9+de+Vries&tag=a&tag=b&empty=&flag');
    expect(body.name).toBe('René de Vries');
    expect(body.tag).toEqual(['a', 'b']);
    expect(body.empty).toBe('');
    expect(body.flag).toBe('');
  });

  it('refuses invalid UTF-8 instead of guessing', () => {
    expect(() => parseFormBody('name=%C3%28')).toThrow(AppError);
    expect(() => parseFormBody('name=%FF')).toThrow(AppError);
  });

  it('does not let a field named like an object property reach the prototype', () => {
    const body = parseFormBody('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(body)).toBe(null);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('public form tokens', () => {
  const secret = 's'.repeat(40);
  it('accepts a fresh token and reports its age', () => {
    const now = Date.now();
    const check = verifyFormToken(secret, createFormToken(secret, now - 5_000), now);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.ageMs).toBe(5_000);
  });
  it('refuses missing, forged, foreign and expired tokens', () => {
    const now = Date.now();
    expect(verifyFormToken(secret, undefined).ok).toBe(false);
    expect(verifyFormToken(secret, 'abc.def').ok).toBe(false);
    expect(verifyFormToken('o'.repeat(40), createFormToken(secret, now), now).ok).toBe(false);
    const old = createFormToken(secret, now - 3 * 24 * 3600_000);
    expect(verifyFormToken(secret, old, now)).toEqual({ ok: false, reason: 'expired' });
  });
  it('checks age, secret and signature every time, also for a token seen before', () => {
    const now = Date.now();
    const token = createFormToken(secret, now);
    expect(verifyFormToken(secret, token, now).ok).toBe(true);
    expect(verifyFormToken(secret, token, now + 1_000)).toMatchObject({ ok: true, ageMs: 1_000 });
    expect(verifyFormToken(secret, token, now + 3 * 24 * 3600_000)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyFormToken('o'.repeat(40), token, now).ok).toBe(false);
    expect(verifyFormToken(secret, token, now).ok).toBe(true);
    // Same time, another signature: refused although the genuine token was accepted.
    const [time, signature] = token.split('.') as [string, string];
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    expect(verifyFormToken(secret, `${time}.${flipped}`, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });
});
