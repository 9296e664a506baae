// One-shot messages across a redirect (post, redirect, get): a signed cookie that the next
// page reads and clears. A page with a flash message is personal and never cached.
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Flash {
  kind: 'success' | 'error' | 'info';
  /** Message key or ready text chosen by the feature; features interpret it. */
  message: string;
  /** Optional extra data, e.g. the article a grade was given to. */
  data?: Record<string, string | number>;
}

const NAME = 'podium_flash';

export function setFlash(reply: FastifyReply, flash: Flash): void {
  reply.setCookie(NAME, JSON.stringify(flash), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: 120,
  });
}

/** Reads and clears the flash message, if any (ignoring forged or broken ones). */
export function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = request.cookies[NAME];
  if (!raw) return undefined;
  reply.clearCookie(NAME, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const value = JSON.parse(unsigned.value) as Flash;
    return typeof value?.message === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
