// The profile form, validated: every problem is a field and a key in `editor.errors`.
import { z } from 'zod';
import type { FormBody } from '../../infra/form-body.js';

function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const optionalText = (max: number) =>
  z
    .string({ invalid_type_error: 'form_invalid' })
    .trim()
    .max(max, 'field_too_long')
    .transform((v) => v || null);

export const profileSchema = z.object({
  name: z
    .string({ invalid_type_error: 'form_invalid' })
    .trim()
    .min(1, 'name_required')
    .max(120, 'name_too_long'),
  company: optionalText(120),
  role_line: optionalText(120),
  bio: z.string({ invalid_type_error: 'form_invalid' }).max(5000, 'bio_too_long'),
  website: optionalText(300).refine((v) => v === null || httpUrl(v) !== undefined, 'url_invalid'),
  linkedin: optionalText(300).refine((v) => {
    if (v === null) return true;
    const url = httpUrl(v);
    return url !== undefined && /(^|\.)linkedin\.com$/.test(url.hostname);
  }, 'linkedin_invalid'),
});

export type ProfileInput = z.output<typeof profileSchema>;

export interface ProfileFormValues {
  name: string;
  company: string;
  role_line: string;
  bio: string;
  website: string;
  linkedin: string;
}

const FIELDS = ['name', 'company', 'role_line', 'bio', 'website', 'linkedin'] as const;

export function profileValuesOf(body: FormBody): ProfileFormValues {
  const s = (name: string) => {
    const v = body[name];
    return typeof v === 'string' ? v : '';
  };
  return Object.fromEntries(FIELDS.map((f) => [f, s(f)])) as unknown as ProfileFormValues;
}

export function parseProfileForm(
  body: FormBody,
): { ok: true; input: ProfileInput } | { ok: false; fields: Record<string, string> } {
  const raw = Object.fromEntries(FIELDS.map((f) => [f, body[f] ?? '']));
  const parsed = profileSchema.safeParse(raw);
  if (parsed.success)
    return { ok: true, input: { ...parsed.data, bio: parsed.data.bio.replace(/\r\n/g, '\n') } };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    fields[String(issue.path[0])] ??=
      issue.code === 'invalid_type' ? 'form_invalid' : issue.message;
  }
  return { ok: false, fields };
}
