// Message keys as types, taken from the catalogs: an error that names a key no catalog has
// does not compile. Dutch is the reference catalog, so its keys are the keys.
import type { Messages } from './index.js';

export type CommonErrorKey = keyof Messages['common']['errors'];
export type CommentErrorKey = keyof Messages['comments']['errors'];
export type CommentRefusalKey = keyof Messages['comments']['refused'];
export type AdminErrorKey = keyof Messages['admin']['errors'];
export type EditorErrorKey = keyof Messages['editor']['errors'];
export type NewsletterErrorKey = keyof Messages['newsletters']['errors'];
export type NewsletterAdminErrorKey = keyof Messages['newsletters']['admin']['errors'];
export type PortabilityErrorKey = keyof Messages['portability']['errors'];

/**
 * Every key an error may carry (AppError.messageKey, ValidationError's fields): the page
 * that shows it looks it up in its own feature's catalog, the error handler in
 * common.errors.
 */
export type ErrorMessageKey =
  | CommonErrorKey
  | CommentErrorKey
  | CommentRefusalKey
  | AdminErrorKey
  | EditorErrorKey
  | NewsletterErrorKey
  | NewsletterAdminErrorKey
  | PortabilityErrorKey;

/** True when `key` names a message of `catalog`; narrows the key so the lookup is typed. */
export function hasMessage<C extends object>(
  catalog: C,
  key: string,
): key is Extract<keyof C, string> {
  return Object.hasOwn(catalog, key);
}
