// The shapes of the comment forms as they arrive. Field rules (lengths, addresses, links)
// are the service's, so that a refused comment comes back in its form with every message.
import { z } from 'zod';
import { checkbox, idText, rawText, single } from '../../lib/parse.js';

export const commentForm = z
  .object({
    name: rawText,
    email: rawText,
    website: rawText,
    body: rawText,
    notify: checkbox,
    remember: checkbox,
    parent_id: rawText,
    /** The honeypot field: people never see it, so anything in it came from a robot. */
    fax: rawText,
    form_token: rawText,
  })
  .transform(({ parent_id, fax, form_token, ...values }) => ({
    values,
    parentId: parent_id,
    trap: fax,
    formToken: form_token,
  }));

export type CommentForm = z.output<typeof commentForm>;

export const ownEditForm = z.object({ body: rawText, form_token: rawText });

/** ?antwoord=<id> on the form page: a reply to that comment; anything odd is no reply. */
export const replyQuery = z
  .object({ antwoord: z.preprocess(single, idText.optional()).catch(undefined) })
  .passthrough();

/** "Forget me": the address to mail the link to (checked by the address rules). */
export const forgetRequestForm = z.object({ email: rawText });

/** What the link's page asks: remove the comments, or (anything else) anonymise them. */
export const forgetChoiceForm = z.object({
  how: rawText.transform((how): 'remove' | 'anonymise' =>
    how === 'remove' ? 'remove' : 'anonymise',
  ),
});
