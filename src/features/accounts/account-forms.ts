// Reading and checking the fields of the account forms. Each check returns the localized
// message to show next to the field, so a refused form is re-rendered with its values.
import type { Role } from '../../db/schema.js';
import { field } from '../../infra/form-body.js';
import type { Messages } from '../../views/messages/index.js';
import {
  checkEmail,
  EMAIL_MAX,
  type EmailProblem,
  normaliseEmail,
} from '../addresses/email-address.js';
import { PASSWORD_MAX, passwordProblem } from './passwords.js';

type Words = Messages['admin'];
export type FieldErrors = Record<string, string>;

export const NAME_MAX = 80;
export const ROLES: Role[] = ['author', 'editor', 'admin'];

const EMAIL_MESSAGE: Record<EmailProblem, keyof Words['email']> = {
  email_required: 'required',
  email_invalid: 'invalid',
  email_too_long: 'tooLong',
};

/** The normalised address, or (with the message in `errors`) what was typed, to show again. */
export function readEmail(body: unknown, w: Words, errors: FieldErrors, name = 'email'): string {
  const raw = field(body, name) ?? '';
  const checked = checkEmail(raw);
  if (checked.ok) return checked.email;
  errors[name] = w.email[EMAIL_MESSAGE[checked.problem]];
  return normaliseEmail(raw.slice(0, EMAIL_MAX + 10));
}

export function readName(body: unknown, w: Words, errors: FieldErrors): string {
  const value = (field(body, 'name') ?? '').trim().replace(/\s+/g, ' ');
  if (!value) errors['name'] = w.name.required;
  else if ([...value].length > NAME_MAX) errors['name'] = w.name.tooLong;
  else if (/[<>]/.test(value)) errors['name'] = w.name.invalid;
  return value.slice(0, NAME_MAX + 10);
}

export function readRole(body: unknown, w: Words, errors: FieldErrors): Role | undefined {
  const value = field(body, 'role');
  if (value && (ROLES as string[]).includes(value)) return value as Role;
  errors['role'] = w.invite.roleInvalid;
  return undefined;
}

/** A new password and its repetition (fields password and password_confirm). */
export function readNewPassword(
  body: unknown,
  w: Words,
  errors: FieldErrors,
  email?: string,
): string {
  const password = field(body, 'password') ?? '';
  const confirm = field(body, 'password_confirm') ?? '';
  const problem = passwordProblem(password, email);
  if (problem) errors['password'] = w.password[problem];
  else if (password !== confirm) errors['password_confirm'] = w.password.mismatch;
  return password.slice(0, PASSWORD_MAX * 4);
}
