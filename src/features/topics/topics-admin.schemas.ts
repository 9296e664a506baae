// Shapes of the topic admin's input. The name and slug rules are the service's
// (validateTopicInput), so that a refused form comes back with every message.
import { z } from 'zod';
import { rawText, single } from '../../lib/parse.js';

/** ?q= on the topic list: trimmed, at most 100 characters. */
export const topicListQuery = z
  .object({
    q: z
      .preprocess(single, z.string())
      .transform((q) => q.trim().slice(0, 100))
      .catch(''),
  })
  .passthrough();

/** The merge target; one that is no plain id is 0, which no topic has (merge_target_unknown). */
export const mergeForm = z.object({
  merge_into: rawText.transform((into) => (/^\d{1,9}$/.test(into) ? Number(into) : 0)),
});
