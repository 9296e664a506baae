// Typed errors with a stable code. One handler (app.ts) maps them to a status and a
// localized message; nothing matches on message text. Message keys are typed from the
// catalogs (views/messages/keys.ts), so a key that no catalog has does not compile.
import type { ErrorMessageKey } from '../views/messages/keys.js';

export type ErrorCode =
  | 'not_found'
  | 'bad_request'
  | 'validation'
  | 'forbidden'
  | 'unauthorized'
  | 'conflict'
  | 'rate_limited'
  | 'form_token'
  | 'cross_site'
  | 'payload_too_large'
  | 'gone';

const statusByCode: Record<ErrorCode, number> = {
  not_found: 404,
  bad_request: 400,
  validation: 422,
  forbidden: 403,
  unauthorized: 401,
  conflict: 409,
  rate_limited: 429,
  form_token: 403,
  cross_site: 403,
  payload_too_large: 413,
  gone: 410,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    /** Key into an `errors` message namespace; defaults to the code. */
    readonly messageKey: ErrorMessageKey = code,
    readonly details?: Record<string, string>,
  ) {
    super(messageKey);
    this.status = statusByCode[code];
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey: ErrorMessageKey = 'not_found') {
    super('not_found', messageKey);
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey: ErrorMessageKey = 'forbidden') {
    super('forbidden', messageKey);
  }
}

/** Field-level problems of a submitted form: field name -> message key. */
export class ValidationError extends AppError {
  constructor(readonly fields: Record<string, ErrorMessageKey>) {
    super('validation', 'validation', fields);
  }
}
