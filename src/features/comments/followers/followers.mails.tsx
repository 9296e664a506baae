// The mails of following a discussion, composed when the job runs (so a removed comment
// or follower is never mailed about). Commenters' text is text and their links stay
// plain text: a mail never carries a reader's link or image as live HTML.
import {
  type MailSite as FrameSite,
  Lines,
  MailButton,
  renderMail,
} from '../../../emails/mail-layout.js';
import type { OutgoingMail } from '../../../infra/mailer.js';
import type { Messages } from '../../../views/messages/index.js';

export interface MailSite extends FrameSite {
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

/** A comment as the mail quotes it: who wrote it, then its paragraphs. */
function QuotedComment({ site, comment }: { site: MailSite; comment: MailComment }) {
  return (
    <>
      <p style="margin:16px 0 4px;font-weight:600;">{site.t.mail.wrote(comment.name)}</p>
      <blockquote style="margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #dde1e7;">
        {comment.body.split(/\n{2,}/).map((paragraph) => (
          <p style="margin:0 0 12px;">
            <Lines text={paragraph} breaks={/\n/} />
          </p>
        ))}
      </blockquote>
    </>
  );
}

function quotedText(site: MailSite, comment: MailComment): string {
  const lines = comment.body.split('\n').map((l) => `> ${l}`);
  return `${site.t.mail.wrote(comment.name)}\n${lines.join('\n')}\n`;
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
  const parts = renderMail({
    site,
    title: site.t.follow.confirmTitle,
    body: (
      <>
        <p>{intro}</p>
        <MailButton href={url} label={site.t.mail.confirmButton} />
      </>
    ),
    text: `${intro}\n\n${site.t.mail.confirmButton}: ${url}`,
    footer: { link: { href: unsub, label: site.t.mail.unsubscribe } },
  });
  return {
    to,
    subject: site.t.mail.confirmSubject(article.title),
    ...parts,
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
  const intro = site.t.mail.newIntro(article.title);
  const parts = renderMail({
    site,
    title: article.title,
    body: (
      <>
        <p>{intro}</p>
        {comments.map((c) => (
          <QuotedComment site={site} comment={c} />
        ))}
        <MailButton href={link} label={site.t.mail.readMore} />
      </>
    ),
    text: `${intro}\n\n${comments.map((c) => quotedText(site, c)).join('\n')}\n${site.t.mail.readMore}: ${link}`,
    footer: { note: site.t.mail.footer, link: { href: unsub, label: site.t.mail.unsubscribe } },
  });
  return {
    to,
    subject:
      comments.length === 1
        ? site.t.mail.newSubject(article.title)
        : site.t.mail.newSubjectMany(comments.length, article.title),
    ...parts,
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
  const parts = renderMail({
    site,
    title: article.title,
    body: (
      <>
        <p>{intro}</p>
        <QuotedComment site={site} comment={comment} />
        <MailButton href={moderate} label={site.t.mail.moderate} />
      </>
    ),
    text: `${intro}\n\n${quotedText(site, comment)}\n${site.t.mail.moderate}: ${moderate}`,
    footer: {
      note: site.t.mail.authorFooter,
      link: { href: unsub, label: site.t.mail.authorUnsubscribe },
    },
  });
  return {
    to,
    subject: site.t.mail.authorSubject(article.title),
    ...parts,
    headers: unsubscribeHeaders(unsub),
    messageId,
  };
}
