// application/x-www-form-urlencoded, parsed strictly: text that is not valid UTF-8 is
// refused with a clear 400 instead of being silently turned into replacement characters.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../lib/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeComponent(text: string): string {
  const plus = text.replace(/\+/g, ' ');
  if (!plus.includes('%')) return plus;
  const bytes: number[] = [];
  for (let i = 0; i < plus.length; i++) {
    const ch = plus.charCodeAt(i);
    if (ch === 0x25 && /^[0-9a-fA-F]{2}$/.test(plus.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(plus.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      bytes.push(...Buffer.from(plus[i]!, 'utf8'));
    }
  }
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    throw new AppError('bad_request', 'invalid_encoding');
  }
}

export type FormBody = Record<string, string | string[]>;

export function parseFormBody(body: string): FormBody {
  const result: FormBody = Object.create(null);
  if (!body) return result;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

export function registerFormBody(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      try {
        done(null, parseFormBody(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
}

/** A single text field from a parsed form; arrays and absent fields become undefined. */
export function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}
