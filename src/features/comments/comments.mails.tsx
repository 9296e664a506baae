// The mail of a reader's "forget me" request (comments-privacy.routes.tsx): the link that
// proves the address before anything is anonymised or removed.
import { MailButton, type MailSite, renderMail } from '../../emails/mail-layout.js';
import type { OutgoingMail } from '../../infra/mailer.js';
import type { Messages } from '../../views/messages/index.js';

export function forgetMail(
  site: MailSite & { t: Messages['comments'] },
  to: string,
  url: string,
  messageId: string,
): OutgoingMail {
  const m = site.t.mail;
  const parts = renderMail({
    site,
    title: m.forgetSubject,
    body: (
      <>
        <p>{m.forgetIntro}</p>
        <MailButton href={url} label={m.forgetButton} />
      </>
    ),
    text: `${m.forgetIntro}\n\n${m.forgetButton}: ${url}`,
  });
  return { to, subject: m.forgetSubject, ...parts, messageId };
}
