// Invite, reset and e-mail change mails. Each carries the link issued now, composed by the
// caller that holds it (an invite or e-mail change when queued, a reset when its job runs):
// the token is stored only as its hash, so it cannot be looked up again later.
import {
  MailButton,
  type MailConfig,
  MailLinkText,
  mailSiteOf,
  renderMail,
} from '../../emails/mail-layout.js';
import type { OutgoingMail } from '../../infra/mailer.js';
import { catalogs } from '../../views/messages/index.js';

/** A mail that asks for one click: a sentence, the button, and the link as text. */
function linkMail(
  config: MailConfig,
  words: { title: string; body: string; button: string },
  link: string,
) {
  const m = catalogs[config.locale].admin.mail;
  return renderMail({
    site: mailSiteOf(config),
    title: words.title,
    body: (
      <>
        <p>{words.body}</p>
        <MailButton href={link} label={words.button} />
        <MailLinkText href={link} />
      </>
    ),
    text: `${words.body}\n\n${link}`,
    footer: { note: m.footer(config.siteName) },
  });
}

export function inviteMail(
  config: MailConfig,
  to: { email: string; name: string },
  inviter: string,
  roleLabel: string,
  link: string,
): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const parts = linkMail(
    config,
    {
      title: m.inviteTitle(config.siteName),
      body: m.inviteBody(to.name, inviter, roleLabel),
      button: m.inviteButton,
    },
    link,
  );
  return { to: to.email, subject: m.inviteSubject(config.siteName), ...parts };
}

export function resetMail(config: MailConfig, to: string, link: string): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const parts = linkMail(
    config,
    { title: m.resetTitle, body: m.resetBody, button: m.resetButton },
    link,
  );
  return { to, subject: m.resetSubject(config.siteName), ...parts };
}

/** To the new address: the link that confirms it. */
export function emailChangeMail(
  config: MailConfig,
  to: { email: string; name: string },
  link: string,
): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const parts = linkMail(
    config,
    { title: m.emailChangeTitle, body: m.emailChangeBody(to.name), button: m.emailChangeButton },
    link,
  );
  return { to: to.email, subject: m.emailChangeSubject(config.siteName), ...parts };
}

/** To the old address: a change was asked for, or made; no link, nothing to click. */
export function emailNoticeMail(
  config: MailConfig,
  to: string,
  kind: 'requested' | 'changed',
  newEmail: string,
): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const body =
    kind === 'requested' ? m.emailRequestedNotice(newEmail) : m.emailChangedNotice(newEmail);
  const parts = renderMail({
    site: mailSiteOf(config),
    title: m.emailNoticeTitle,
    body: <p>{body}</p>,
    text: body,
    footer: { note: m.footer(config.siteName) },
  });
  return { to, subject: m.emailNoticeSubject(config.siteName), ...parts };
}
