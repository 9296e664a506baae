// The two small cookies of commenting. Both make the article page personal (never cached):
// "mine" marks an article on which this browser has comments of its own (held ones are
// shown only to their writer), "commenter" remembers name, e-mail and website when the
// reader asked for it.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CommentFormValues } from './comment-form.views.js';

const MINE = 'podium_mine';
const COMMENTER = 'podium_commenter';
const MONTH_S = 30 * 24 * 60 * 60;
const YEAR_S = 365 * 24 * 60 * 60;

/** Scoped to the article's path, so only that article's page turns personal. */
export function markOwnComment(request: FastifyRequest, reply: FastifyReply, articleId: number) {
  reply.setCookie(MINE, '1', {
    path: `/artikel/${articleId}`,
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.config.secure,
    maxAge: MONTH_S,
  });
}

export function hasOwnComments(request: FastifyRequest): boolean {
  return request.cookies[MINE] === '1';
}

export interface RememberedCommenter {
  name: string;
  email: string;
  website: string;
}

export function rememberCommenter(
  request: FastifyRequest,
  reply: FastifyReply,
  who: RememberedCommenter | undefined,
) {
  if (!who) {
    if (request.cookies[COMMENTER]) reply.clearCookie(COMMENTER, { path: '/' });
    return;
  }
  reply.setCookie(COMMENTER, JSON.stringify(who), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.config.secure,
    signed: true,
    maxAge: YEAR_S,
  });
}

export function rememberedCommenter(request: FastifyRequest): RememberedCommenter | undefined {
  const raw = request.cookies[COMMENTER];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return undefined;
  try {
    const v = JSON.parse(unsigned.value) as Partial<RememberedCommenter>;
    if (typeof v.name !== 'string') return undefined;
    return {
      name: v.name,
      email: typeof v.email === 'string' ? v.email : '',
      website: typeof v.website === 'string' ? v.website : '',
    };
  } catch {
    return undefined;
  }
}

export function formValuesFor(request: FastifyRequest): CommentFormValues {
  const who = rememberedCommenter(request);
  return who
    ? { ...who, body: '', notify: false, remember: true }
    : { name: '', email: '', website: '', body: '', notify: false, remember: false };
}
