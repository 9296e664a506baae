// An import refused as a whole: a stable code the catalogs turn into a message in the
// reader's language (portability.errors), plus the details that message names.
import { AppError } from '../../lib/errors.js';

export type ImportErrorCode =
  | 'encoding'
  | 'entities'
  | 'malformed'
  | 'not_wxr'
  | 'field_too_large'
  | 'invalid_date'
  | 'not_podium_export'
  | 'unsupported_version'
  | 'not_empty'
  | 'invalid_export';

export class ImportError extends AppError {
  constructor(
    readonly importCode: ImportErrorCode,
    readonly params: Record<string, string> = {},
  ) {
    // The message is the portability catalog's, by importCode; the page shows bad_request.
    super('bad_request', 'bad_request', params);
  }
}
