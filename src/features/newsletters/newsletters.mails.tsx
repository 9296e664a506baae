// The newsletter's mails: the double opt-in confirmation, the neutral "already subscribed"
// note, and the edition itself.

import {
  Lines,
  MailButton,
  type MailConfig,
  type MailSite,
  MUTED,
  mailSiteOf,
  renderMail,
} from '../../emails/mail-layout.js';
import type { OutgoingMail } from '../../infra/mailer.js';
import type { Messages } from '../../views/messages/index.js';
import { paths } from '../../views/paths.js';

type NewsletterWords = Messages['newsletters'];

/** `link` confirms the subscription. */
export function subscribeConfirmMail(
  config: MailConfig,
  t: NewsletterWords,
  to: string,
  listName: string,
  link: string,
): OutgoingMail {
  const parts = renderMail({
    site: mailSiteOf(config),
    title: t.mail.confirmTitle,
    body: (
      <>
        <p>{t.mail.confirmText(listName)}</p>
        <MailButton href={link} label={t.mail.confirmButton} />
        <p style={`font-size:13px;color:${MUTED};`}>{link}</p>
        <p>{t.mail.confirmIgnore}</p>
      </>
    ),
    text: `${t.mail.confirmText(listName)}\n\n${link}\n\n${t.mail.confirmIgnore}`,
  });
  return { to, subject: t.mail.confirmSubject(listName), ...parts };
}

/** To an address already on the list: nothing to confirm, only the way out. */
export function alreadySubscribedMail(
  config: MailConfig,
  t: NewsletterWords,
  to: string,
  listName: string,
  unsubscribeLink: string,
): OutgoingMail {
  const parts = renderMail({
    site: mailSiteOf(config),
    title: t.mail.alreadyTitle,
    body: (
      <>
        <p>{t.mail.alreadyText(listName)}</p>
        <p>
          <a href={unsubscribeLink}>{t.edition.unsubscribe}</a>
        </p>
      </>
    ),
    text: `${t.mail.alreadyText(listName)}\n\n${t.edition.unsubscribe}: ${unsubscribeLink}`,
  });
  return { to, subject: t.mail.alreadySubject(listName), ...parts };
}

export interface EditionMailInput {
  site: MailSite;
  t: NewsletterWords;
  listName: string;
  edition: { id: number; subject: string; intro: string };
  articles: { id: number; slug: string; title: string; lead: string }[];
}

export interface ComposedEdition {
  subject: string;
  html: string;
  text: string;
}

export function articleUrl(siteUrl: string, article: { id: number; slug: string }): string {
  return siteUrl + paths.article(article);
}

export function editionOnlineUrl(siteUrl: string, editionId: number): string {
  return `${siteUrl}/nieuwsbrief/editie/${editionId}`;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const LINK = 'color:#0b5cad;';

function EditionArticle({
  article,
  url,
  readMore,
}: {
  article: EditionMailInput['articles'][number];
  url: string;
  readMore: string;
}) {
  return (
    <div style="margin:24px 0;padding-top:16px;border-top:1px solid #dde1e7;">
      <h2 style="font-size:19px;line-height:1.3;margin:0 0 8px;">
        <a href={url} style={`${LINK}text-decoration:none;`}>
          {article.title}
        </a>
      </h2>
      {article.lead && <p style="margin:0 0 8px;">{article.lead}</p>}
      <p style="margin:0;">
        <a href={url} style={LINK}>
          {readMore} →
        </a>
      </p>
    </div>
  );
}

/**
 * The edition as a mail to one recipient: intro, the chosen articles with absolute links,
 * an online view link and the recipient's own unsubscribe link.
 */
export function editionMail(input: EditionMailInput, unsubscribeLink: string): ComposedEdition {
  const { t, site, edition } = input;
  const online = editionOnlineUrl(site.siteUrl, edition.id);
  const intro = paragraphs(edition.intro);
  const text = [
    `${t.edition.readOnline}: ${online}`,
    '',
    ...intro.flatMap((p) => [p, '']),
    ...input.articles.flatMap((a) => [
      a.title,
      ...(a.lead ? [a.lead] : []),
      `${t.edition.readMore}: ${articleUrl(site.siteUrl, a)}`,
      '',
    ]),
  ].join('\n');
  const parts = renderMail({
    site,
    title: edition.subject,
    body: (
      <>
        <p style="margin:0 0 16px;font-size:13px;">
          <a href={online} style={`color:${MUTED};`}>
            {t.edition.readOnline}
          </a>
        </p>
        {intro.map((p) => (
          <p style="margin:0 0 16px;">
            <Lines text={p} />
          </p>
        ))}
        {input.articles.map((a) => (
          <EditionArticle
            article={a}
            url={articleUrl(site.siteUrl, a)}
            readMore={t.edition.readMore}
          />
        ))}
        <MailButton href={`${site.siteUrl}/`} label={site.siteName} />
      </>
    ),
    text: text.trimEnd(),
    footer: {
      note: t.edition.footer(input.listName),
      link: { href: unsubscribeLink, label: t.edition.unsubscribe },
      mutedLink: true,
    },
  });
  return { subject: edition.subject, ...parts };
}
