// Shapes of the follow and unsubscribe links and forms.
import { z } from 'zod';
import { rawText, single } from '../../../lib/parse.js';

/** A follower's link token. */
export const followerTokenParams = z.object({
  token: z.preprocess(single, z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)),
});

/** An author's unsubscribe link: the user id and its signature (checked by the service). */
export const authorLinkParams = z.object({ user: z.string(), sig: z.string() });

/** Daily digest or (anything else) a mail per comment. */
export const followModeForm = z.object({
  mode: rawText.transform((mode): 'daily' | 'instant' => (mode === 'daily' ? 'daily' : 'instant')),
});

/** The unsubscribe form's scope; a one-click POST has none and stops this discussion only. */
export const unsubscribeForm = z
  .object({ scope: rawText.transform((scope) => scope === 'all') })
  .passthrough();
