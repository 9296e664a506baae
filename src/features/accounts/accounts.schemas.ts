// Shapes of the accounts routes' input.
import { z } from 'zod';
import type { Role } from '../../db/schema.js';
import { first } from '../../lib/parse.js';

/** A session id in a path: the SHA-256 of its cookie, in hex. */
export const sessionParams = z.object({
  id: z.preprocess(first, z.string().regex(/^[0-9a-f]{64}$/)),
});

const roles = ['author', 'editor', 'admin'] as const satisfies readonly Role[];

/** ?q= (trimmed, at most 100 characters) and ?rol= (a role, or every role) on the user list. */
export const userListQuery = z
  .object({
    q: z
      .preprocess(first, z.string().optional())
      .transform((v) => (v ?? '').trim().slice(0, 100))
      .catch(''),
    rol: z.preprocess(first, z.enum(roles).optional()).catch(undefined),
  })
  .passthrough();

/** A new role for a user. */
export const roleForm = z.object({ role: z.preprocess(first, z.enum(roles)) });
