// ?actie=<action>&pagina=N on the audit log: an odd action filters nothing.
import { z } from 'zod';
import { single } from '../../lib/parse.js';

export const auditQuery = z
  .object({
    actie: z
      .preprocess(
        single,
        z
          .string()
          .regex(/^[a-z0-9_.-]{1,100}$/)
          .optional(),
      )
      .catch(undefined),
  })
  .passthrough();
