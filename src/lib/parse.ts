// Route input (params, query, form body) is parsed by a zod schema at the boundary: the
// handler gets typed data or the request ends with a typed error and a message key.
//
// Forms and query strings may repeat a name (`?pagina=2&pagina=3`); everywhere the first
// value counts (`first`), so that no field is ever both a string and a list.
import { z } from 'zod';
import { AppError, NotFoundError, ValidationError } from './errors.js';
import { isSlug } from './slug.js';

/** What a schema failure becomes when the schema does not say: a 422 naming the fields. */
type Failure = 'validation' | 'not_found' | 'bad_request';

/**
 * Parses `value` with `schema`. On failure: 'not_found' (ids in paths) throws NotFoundError,
 * 'bad_request' a 400, and 'validation' (the default) a ValidationError whose fields carry
 * the message keys the schema gave (`{ message: 'body_required' }`).
 */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  failure: Failure = 'validation',
): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  if (failure === 'not_found') throw new NotFoundError();
  if (failure === 'bad_request') throw new AppError('bad_request');
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.map(String).join('.') || 'form';
    fields[name] ??= issue.message;
  }
  throw new ValidationError(fields);
}

/** The first of a repeated form or query value; an absent one stays undefined. */
export function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * A positive 32-bit id written plainly (no sign, no leading zero): beyond 2^31-1 nothing
 * can exist, so it is not found.
 */
export const idText = z.preprocess(
  first,
  z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .refine((n) => n <= INT32_MAX),
);

/** `{ id }` path parameters; parse with failure 'not_found'. */
export const idParams = z.object({ id: idText });

/** `{ slug }` path parameters in the form slugs take; parse with failure 'not_found'. */
export const slugParams = z.object({
  slug: z.preprocess(
    first,
    z.string().refine((s) => isSlug(s)),
  ),
});

/** ?pagina=N (or ?page=N): anything odd is page 1, a huge number is capped at `max`. */
export function pageQuery(max = 10_000) {
  const page = z
    .preprocess(
      first,
      z
        .string()
        .regex(/^\d{1,6}$/)
        .transform(Number),
    )
    .catch(1);
  return z
    .object({ pagina: page.optional(), page: page.optional() })
    .passthrough()
    .transform((q) => Math.min(Math.max(q.pagina ?? q.page ?? 1, 1), max));
}

// C0 controls other than tab, line feed and carriage return, DEL, and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters refused
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A text field (first value; absent is ''), refusing NUL and other control characters. */
export const text = z.preprocess(
  (value) => first(value) ?? '',
  z.string().refine((s) => !CONTROL.test(s), { message: 'invalid_characters' }),
);

/** Text as sent, without the control-character check (the service decides, e.g. body_nul). */
export const rawText = z.preprocess((value) => {
  const v = first(value);
  return typeof v === 'string' ? v : '';
}, z.string());

/** A checkbox: present (any value) is true. */
export const checkbox = z.preprocess((value) => first(value) !== undefined, z.boolean());
