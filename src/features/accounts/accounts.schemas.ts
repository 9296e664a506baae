// Shapes of the accounts routes' input.
import { z } from 'zod';
import { first } from '../../lib/parse.js';

/** A session id in a path: the SHA-256 of its cookie, in hex. */
export const sessionParams = z.object({
  id: z.preprocess(first, z.string().regex(/^[0-9a-f]{64}$/)),
});
