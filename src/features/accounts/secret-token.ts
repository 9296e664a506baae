// Random secrets for cookies and links, and the one-way digest under which they are stored:
// a copy of the database alone never yields a usable session or link.
import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
