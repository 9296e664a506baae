// /artikel/:id and /artikel/:id/:slug: the id written plainly; the slug is compared, not parsed.
import { z } from 'zod';
import { idText } from '../../lib/parse.js';

export const articleParams = z.object({ id: idText, slug: z.string().optional() });
