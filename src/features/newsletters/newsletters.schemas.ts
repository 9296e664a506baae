// Input schemas of the newsletter forms. Messages are catalog keys (newsletters.errors /
// newsletters.admin.errors), so the route can show them next to the field.
import { z } from 'zod';
import { issueKeys, messageKey as key, rawText, single, textList } from '../../lib/parse.js';
import type { ErrorMessageKey } from '../../views/messages/keys.js';
import { checkEmail } from '../addresses/email-address.js';

/** An address field: normalised, or the message key of its problem (the first and only one). */
export const emailField = z
  .string({ required_error: key('email_required'), invalid_type_error: key('email_required') })
  .transform((raw, ctx) => {
    const checked = checkEmail(raw);
    if (checked.ok) return checked.email;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: key(checked.problem) });
    return z.NEVER;
  });

/** The subscribe form as posted (first of repeated values); subscribeSchema checks it. */
export const subscribeFields = z.object({
  email: z.preprocess(single, z.string().optional()).catch(undefined),
  list: z.preprocess(single, z.string().optional()).catch(undefined),
});

export const subscribeSchema = z.object({
  email: emailField,
  list: z.coerce
    .number({ invalid_type_error: key('list_invalid'), required_error: key('list_invalid') })
    .int(key('list_invalid'))
    .positive(key('list_invalid')),
});

/** Unsubscribe tokens are 32 random bytes in base64url. */
export const tokenParam = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);

export const listSchema = z.object({
  name: z.string().trim().min(1, key('name_required')).max(80, key('name_too_long')),
  description: z
    .string()
    .trim()
    .max(500, key('description_too_long'))
    .transform((v) => (v === '' ? null : v)),
  is_public: z.boolean(),
});

export const editionSchema = z.object({
  subject: z.string().trim().min(1, key('subject_required')).max(150, key('subject_too_long')),
  intro: z.string().trim().max(5000, key('intro_too_long')),
  articles: z.array(z.coerce.number().int().positive()).max(50, key('articles_invalid')),
});

export const rateSchema = z.coerce.number().int().min(1).max(100_000);

export const placementSchema = z.enum(['sidebar', 'article-end', 'none']);
export type BoxPlacement = z.infer<typeof placementSchema>;

/** Field name -> message key of the first problem with it. */
export function fieldErrors(error: z.ZodError): Record<string, ErrorMessageKey> {
  return issueKeys(error);
}

// The back-office forms as posted; the schemas above check their values.

/** A list (new or edited), as its fields show it again. */
export const listForm = z.object({
  name: rawText,
  description: rawText,
  is_public: rawText.transform((v): '1' | '0' => (v === '1' ? '1' : '0')),
});

export const settingsForm = z.object({ rate: rawText, box: rawText });

/** A bounce or (kind=complaint) a complaint reported by hand. */
export const bounceForm = z.object({
  email: rawText,
  kind: rawText.transform((k): 'complaint' | 'bounce' =>
    k === 'complaint' ? 'complaint' : 'bounce',
  ),
});

export const editionForm = z.object({
  list: rawText,
  subject: rawText,
  intro: rawText,
  articles: textList,
});

/** datetime-local carries no zone; the form says UTC. Anything else is an invalid date. */
export const scheduleForm = z.object({
  send_at: rawText.transform((raw) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(raw)
      ? new Date(`${raw}Z`)
      : new Date(Number.NaN),
  ),
});
