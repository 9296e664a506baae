// Shapes of the accounts routes' input.
import { z } from 'zod';
import type { Role } from '../../db/schema.js';
import { rawText, single } from '../../lib/parse.js';
import { safeReturnPath } from './access.js';

/** A session id in a path: the SHA-256 of its cookie, in hex. */
export const sessionParams = z.object({
  id: z.preprocess(single, z.string().regex(/^[0-9a-f]{64}$/)),
});

const roles = ['author', 'editor', 'admin'] as const satisfies readonly Role[];

/** ?q= (trimmed, at most 100 characters) and ?rol= (a role, or every role) on the user list. */
export const userListQuery = z
  .object({
    q: z
      .preprocess(single, z.string().optional())
      .transform((v) => (v ?? '').trim().slice(0, 100))
      .catch(''),
    rol: z.preprocess(single, z.enum(roles).optional()).catch(undefined),
  })
  .passthrough();

/** A new role for a user. */
export const roleForm = z.object({ role: z.preprocess(single, z.enum(roles)) });

/** Where the login sends someone back to: a back-office path, else /beheer. */
const returnPath = rawText.transform((v) => safeReturnPath(v || undefined));

export const loginForm = z.object({
  email: rawText.transform((v) => v.slice(0, 254)),
  password: rawText,
  terug: returnPath,
});

/** The second login step: a code from the app or a recovery code. */
export const secondStepForm = z.object({
  code: rawText.transform((v) => v.slice(0, 100)),
  terug: returnPath,
});

/** A form that asks for the current password (changing it, turning off two-factor). */
export const currentPasswordForm = z.object({ current_password: rawText });

export const emailChangeForm = z.object({ email_password: rawText });

/** The first code from the authenticator app, confirming enrolment. */
export const enrolmentForm = z.object({ code: rawText.transform((v) => v.slice(0, 20)) });
