// ?actie=<action>&pagina=N on the audit log: an odd action filters nothing.
import { z } from 'zod';
import { first } from '../../lib/parse.js';

export const auditQuery = z
  .object({
    actie: z
      .preprocess(
        first,
        z
          .string()
          .regex(/^[a-z0-9_.-]{1,100}$/)
          .optional(),
      )
      .catch(undefined),
  })
  .passthrough();
