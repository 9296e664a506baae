// What the newsletter tests share: the public form token, posting the subscribe form, and
// following links found in received mails. (Lists and subscribers come from
// ../helpers/factories.ts.)
import { form, formHeaders, type TestApp } from '../helpers/app.js';
import { hiddenField } from '../helpers/login.js';
import type { ReceivedMail } from '../helpers/smtp.js';

export async function formToken(t: TestApp): Promise<string> {
  const page = await t.app.inject('/nieuwsbrief');
  return hiddenField(page.body, 'form_token');
}

export async function postSubscribe(
  t: TestApp,
  fields: Record<string, string | number | undefined>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/nieuwsbrief',
    headers: { ...formHeaders, ...headers },
    payload: form(fields),
  });
}

/** The first link in a mail's text part that starts with the given prefix. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const text = mail.parsed.text ?? '';
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s<>"]+`).exec(text);
  if (!match) throw new Error(`No link starting with ${prefix} in:\n${text}`);
  return match[0];
}

export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}
