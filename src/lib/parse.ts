// Route input (params, query, form body) is parsed by a zod schema at the boundary: the
// handler gets typed data or the request ends with a typed error and a message key.
//
// Forms and query strings may repeat a name (`?pagina=2&pagina=3`). A field that takes
// one value refuses a repeated one everywhere (`single`), as a missing value would be: a
// schema with a fallback (a page number, a list filter) falls back, any other refuses the
// request. Only the fields meant as lists (checkbox groups, `textList`) take several.
import { z } from 'zod';
import type { ErrorMessageKey } from '../views/messages/keys.js';
import { AppError, type ErrorCode, NotFoundError, ValidationError } from './errors.js';
import { isSlug } from './slug.js';

// The keys schemas give as messages, so that a failure maps back to a typed key; any other
// message (zod's own, in English) becomes the generic 'validation'.
const declaredKeys = new Set<string>();

/** A schema's message: a catalog key, checked when the schema is written. */
export function messageKey(key: ErrorMessageKey): string {
  declaredKeys.add(key);
  return key;
}

function isDeclaredKey(message: string): message is ErrorMessageKey {
  return declaredKeys.has(message);
}

/** Field name -> the message key of its first problem. */
export function issueKeys(error: z.ZodError): Record<string, ErrorMessageKey> {
  const fields: Record<string, ErrorMessageKey> = {};
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= isDeclaredKey(issue.message) ? issue.message : 'validation';
  }
  return fields;
}

/**
 * Parses `value` with `schema`. On failure: 'validation' (the default) throws a
 * ValidationError whose fields carry the message keys the schema gave
 * (`{ message: 'body_required' }`); any other code (say 'not_found' for ids in paths, or
 * 'gone' for a link's token) throws an AppError with that code.
 */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
  failure: ErrorCode = 'validation',
): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  if (failure === 'not_found') throw new NotFoundError();
  if (failure !== 'validation') throw new AppError(failure);
  throw new ValidationError(issueKeys(parsed.error));
}

/** Like parseInput, for input whose failure the route answers itself: undefined then. */
export function tryParse<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
): z.output<S> | undefined {
  const parsed = schema.safeParse(value ?? {});
  return parsed.success ? parsed.data : undefined;
}

const REPEATED = Symbol('repeated value');

/** The one value of a field; a repeated one becomes a value no schema accepts. */
export function single(value: unknown): unknown {
  return Array.isArray(value) ? REPEATED : value;
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * A positive 32-bit id written plainly (no sign, no leading zero): beyond 2^31-1 nothing
 * can exist, so it is not found.
 */
/**
 * A positive id written plainly that fits the database's integer, else undefined. Plain
 * code, no schema: the grade POST, the hottest write, reads its id with it directly.
 */
export function positiveId(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id <= INT32_MAX ? id : undefined;
}

export const idText = z.preprocess(
  single,
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
    single,
    z.string().refine((s) => isSlug(s)),
  ),
});

/** `{ token }` path parameters of a mailed link: 256 random bits, base64url. */
export const linkTokenParams = z.object({
  token: z.preprocess(single, z.string().regex(/^[A-Za-z0-9_-]{43}$/)),
});

/** ?pagina=N (or ?page=N): anything odd is page 1, a huge number is capped at `max`. */
export function pageQuery(max = 10_000) {
  const page = z
    .preprocess(
      single,
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

/** A text field (absent is ''), refusing NUL and other control characters. */
export const text = z.preprocess(
  (value) => single(value) ?? '',
  z.string().refine((s) => !CONTROL.test(s), { message: messageKey('invalid_characters') }),
);

/** Text as sent, without the control-character check (the service decides, e.g. body_nul). */
export const rawText = z.preprocess((value) => single(value) ?? '', z.string());

/** Every text value of a repeated field (checkbox lists); absent is none. */
export const textList = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.filter((v): v is string => typeof v === 'string')
        : [],
  z.array(z.string()),
);

/** A checkbox: present (any value) is true. */
export const checkbox = z.preprocess((value) => {
  const v = single(value);
  return v === REPEATED ? v : v !== undefined;
}, z.boolean());
