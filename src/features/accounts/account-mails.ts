// Invite and reset mails, composed when queued (kind 'mail.send'): the link must be the one
// issued now, and the job must not look the token up again (only its hash is stored).
import type { Config } from '../../config.js';
import { escapeHtml, mailButton, mailFrame } from '../../emails/mail-layout.js';
import type { OutgoingMail } from '../../infra/mailer.js';
import { catalogs } from '../../views/messages/index.js';

export function inviteMail(
  config: Config,
  to: { email: string; name: string },
  inviter: string,
  roleLabel: string,
  link: string,
): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const body = m.inviteBody(to.name, inviter, roleLabel);
  const { html, text } = mailFrame({
    lang: config.locale,
    siteName: config.siteName,
    siteUrl: config.siteUrl,
    title: m.inviteTitle(config.siteName),
    html: `<p>${escapeHtml(body)}</p>${mailButton(link, m.inviteButton)}<p style="word-break:break-all;">${escapeHtml(link)}</p>`,
    text: `${body}\n\n${link}`,
    footerHtml: escapeHtml(m.footer(config.siteName)),
    footerText: m.footer(config.siteName),
  });
  return { to: to.email, subject: m.inviteSubject(config.siteName), text, html };
}

export function resetMail(config: Config, to: string, link: string): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const { html, text } = mailFrame({
    lang: config.locale,
    siteName: config.siteName,
    siteUrl: config.siteUrl,
    title: m.resetTitle,
    html: `<p>${escapeHtml(m.resetBody)}</p>${mailButton(link, m.resetButton)}<p style="word-break:break-all;">${escapeHtml(link)}</p>`,
    text: `${m.resetBody}\n\n${link}`,
    footerHtml: escapeHtml(m.footer(config.siteName)),
    footerText: m.footer(config.siteName),
  });
  return { to, subject: m.resetSubject(config.siteName), text, html };
}

/** To the new address: the link that confirms it. */
export function emailChangeMail(
  config: Config,
  to: { email: string; name: string },
  link: string,
): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const body = m.emailChangeBody(to.name);
  const { html, text } = mailFrame({
    lang: config.locale,
    siteName: config.siteName,
    siteUrl: config.siteUrl,
    title: m.emailChangeTitle,
    html: `<p>${escapeHtml(body)}</p>${mailButton(link, m.emailChangeButton)}<p style="word-break:break-all;">${escapeHtml(link)}</p>`,
    text: `${body}\n\n${link}`,
    footerHtml: escapeHtml(m.footer(config.siteName)),
    footerText: m.footer(config.siteName),
  });
  return { to: to.email, subject: m.emailChangeSubject(config.siteName), text, html };
}

/** To the old address: a change was asked for, or made; no link, nothing to click. */
export function emailNoticeMail(
  config: Config,
  to: string,
  kind: 'requested' | 'changed',
  newEmail: string,
): OutgoingMail {
  const m = catalogs[config.locale].admin.mail;
  const body =
    kind === 'requested' ? m.emailRequestedNotice(newEmail) : m.emailChangedNotice(newEmail);
  const { html, text } = mailFrame({
    lang: config.locale,
    siteName: config.siteName,
    siteUrl: config.siteUrl,
    title: m.emailNoticeTitle,
    html: `<p>${escapeHtml(body)}</p>`,
    text: body,
    footerHtml: escapeHtml(m.footer(config.siteName)),
    footerText: m.footer(config.siteName),
  });
  return { to, subject: m.emailNoticeSubject(config.siteName), text, html };
}
