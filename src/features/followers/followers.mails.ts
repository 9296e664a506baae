// The mails of following a discussion, composed when the job runs (so a removed comment
// or follower is never mailed about). Commenters' text is escaped and their links stay
// plain text: a mail never carries a reader's link or image as live HTML.
import { escapeHtml, mailButton, mailFrame } from '../../emails/mail-layout.js';
import type { OutgoingMail } from '../../infra/mailer.js';
import type { Messages } from '../../views/messages/index.js';

export interface MailSite {
  lang: 'nl' | 'en';
  siteName: string;
  siteUrl: string;
  t: Messages['comments'];
}

export interface MailComment {
  id: number;
  name: string;
  body: string;
}

export function unsubscribeUrl(site: MailSite, token: string): string {
  return `${site.siteUrl}/reacties/afmelden/${token}`;
}

/** RFC 8058: one POST to the https URL unsubscribes, no page visit needed. */
export function unsubscribeHeaders(url: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${url}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

function textHtml(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 12px;">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function quoted(site: MailSite, c: MailComment): { html: string; text: string } {
  return {
    html: `<p style="margin:16px 0 4px;font-weight:600;">${escapeHtml(site.t.mail.wrote(c.name))}</p><blockquote style="margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #dde1e7;">${textHtml(c.body)}</blockquote>`,
    text: `${site.t.mail.wrote(c.name)}\n${c.body
      .split('\n')
      .map((l) => `> ${l}`)
      .join('\n')}\n`,
  };
}

export function confirmMail(
  site: MailSite,
  to: string,
  article: { title: string },
  followerToken: string,
  messageId: string,
): OutgoingMail {
  const url = `${site.siteUrl}/reacties/volgen/${followerToken}`;
  const unsub = unsubscribeUrl(site, followerToken);
  const intro = site.t.mail.confirmIntro(article.title);
  const frame = mailFrame({
    lang: site.lang,
    siteName: site.siteName,
    siteUrl: site.siteUrl,
    title: site.t.follow.confirmTitle,
    html: `<p>${escapeHtml(intro)}</p>${mailButton(url, site.t.mail.confirmButton)}`,
    text: `${intro}\n\n${site.t.mail.confirmButton}: ${url}`,
    footerHtml: `<a href="${escapeHtml(unsub)}">${escapeHtml(site.t.mail.unsubscribe)}</a>`,
    footerText: `${site.t.mail.unsubscribe}: ${unsub}`,
  });
  return {
    to,
    subject: site.t.mail.confirmSubject(article.title),
    ...frame,
    headers: unsubscribeHeaders(unsub),
    messageId,
  };
}

export function newCommentsMail(
  site: MailSite,
  to: string,
  article: { id: number; slug: string; title: string },
  comments: MailComment[],
  followerToken: string,
  messageId: string,
): OutgoingMail {
  const unsub = unsubscribeUrl(site, followerToken);
  const link = `${site.siteUrl}/artikel/${article.id}/${article.slug}#reactie-${comments[0]?.id ?? ''}`;
  const parts = comments.map((c) => quoted(site, c));
  const intro = site.t.mail.newIntro(article.title);
  const frame = mailFrame({
    lang: site.lang,
    siteName: site.siteName,
    siteUrl: site.siteUrl,
    title: article.title,
    html: `<p>${escapeHtml(intro)}</p>${parts.map((p) => p.html).join('')}${mailButton(link, site.t.mail.readMore)}`,
    text: `${intro}\n\n${parts.map((p) => p.text).join('\n')}\n${site.t.mail.readMore}: ${link}`,
    footerHtml: `${escapeHtml(site.t.mail.footer)} <a href="${escapeHtml(unsub)}">${escapeHtml(site.t.mail.unsubscribe)}</a>`,
    footerText: `${site.t.mail.footer}\n${site.t.mail.unsubscribe}: ${unsub}`,
  });
  return {
    to,
    subject:
      comments.length === 1
        ? site.t.mail.newSubject(article.title)
        : site.t.mail.newSubjectMany(comments.length, article.title),
    ...frame,
    headers: unsubscribeHeaders(unsub),
    messageId,
  };
}

export function authorNoticeMail(
  site: MailSite,
  to: string,
  article: { id: number; title: string },
  comment: MailComment & { state: string },
  unsub: string,
  messageId: string,
): OutgoingMail {
  const moderate = `${site.siteUrl}/beheer/reacties?artikel=${article.id}${comment.state === 'pending' ? '&status=pending' : ''}`;
  const intro =
    comment.state === 'pending' ? site.t.mail.authorIntroPending : site.t.mail.authorIntroApproved;
  const q = quoted(site, comment);
  const frame = mailFrame({
    lang: site.lang,
    siteName: site.siteName,
    siteUrl: site.siteUrl,
    title: article.title,
    html: `<p>${escapeHtml(intro)}</p>${q.html}${mailButton(moderate, site.t.mail.moderate)}`,
    text: `${intro}\n\n${q.text}\n${site.t.mail.moderate}: ${moderate}`,
    footerHtml: `${escapeHtml(site.t.mail.authorFooter)} <a href="${escapeHtml(unsub)}">${escapeHtml(site.t.mail.authorUnsubscribe)}</a>`,
    footerText: `${site.t.mail.authorFooter}\n${site.t.mail.authorUnsubscribe}: ${unsub}`,
  });
  return {
    to,
    subject: site.t.mail.authorSubject(article.title),
    ...frame,
    headers: unsubscribeHeaders(unsub),
    messageId,
  };
}

export function forgetMail(
  site: MailSite,
  to: string,
  url: string,
  messageId: string,
): OutgoingMail {
  const frame = mailFrame({
    lang: site.lang,
    siteName: site.siteName,
    siteUrl: site.siteUrl,
    title: site.t.mail.forgetSubject,
    html: `<p>${escapeHtml(site.t.mail.forgetIntro)}</p>${mailButton(url, site.t.mail.forgetButton)}`,
    text: `${site.t.mail.forgetIntro}\n\n${site.t.mail.forgetButton}: ${url}`,
  });
  return { to, subject: site.t.mail.forgetSubject, ...frame, messageId };
}
