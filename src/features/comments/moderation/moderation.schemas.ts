// Shapes of the moderation queue's input.
import { z } from 'zod';
import type { CommentState } from '../../../db/schema.js';
import { idText, rawText, single } from '../../../lib/parse.js';
import type { ModerationAction } from '../comments.service.js';

const STATES: readonly CommentState[] = ['pending', 'approved', 'spam', 'deleted'];
const ACTIONS = ['approve', 'spam', 'delete', 'pending'] as const satisfies ModerationAction[];

/** ?status= (default pending; 'alle' or anything else: every state) and ?artikel=<id>. */
export const queueQuery = z
  .object({
    status: z
      .preprocess(single, z.string().optional())
      .transform((s) => STATES.find((state) => state === (s ?? 'pending')))
      .catch(undefined),
    artikel: idText.optional().catch(undefined),
  })
  .passthrough();

/** An action on the checked comments (at most 500), and the queue to go back to. */
export const actionForm = z
  .object({
    action: z.preprocess(single, z.enum(ACTIONS)),
    ids: z
      .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.unknown()))
      .transform((list) =>
        list
          .filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v))
          .map(Number)
          .slice(0, 500),
      ),
    terug: rawText,
  })
  .passthrough();

export const correctionForm = z.object({ name: rawText, body: rawText });
export const replyForm = z.object({ body: rawText });
export const commentsOpenForm = z.object({ open: rawText.transform((v) => v === '1') });

/** Forget a reader from the back office: the address (required) and remove or anonymise. */
export const forgetForm = z.object({
  email: rawText.transform((e) => e.trim()),
  how: rawText.transform((how): 'remove' | 'anonymise' =>
    how === 'remove' ? 'remove' : 'anonymise',
  ),
});
