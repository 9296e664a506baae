// The search page's query string, read strictly: text that is not valid UTF-8 is a 400
// (Fastify's own parser would pass the raw percent-escapes through as text).
import { z } from 'zod';
import { parseFormBody } from '../../infra/form-body.js';
import { MAX_QUERY_LENGTH } from './search.text.js';

export const searchQuerySchema = z.object({
  q: z
    .string({ invalid_type_error: 'queryInvalid' })
    .max(MAX_QUERY_LENGTH, 'queryTooLong')
    .default(''),
  pagina: z.string().optional(),
  page: z.string().optional(),
});

/** The raw query string of a URL, decoded with the strict form decoder. */
export function rawQueryOf(url: string): Record<string, string | string[]> {
  const i = url.indexOf('?');
  return i === -1 ? {} : parseFormBody(url.slice(i + 1));
}
