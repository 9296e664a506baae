// The newsletter edition as a mail: intro, the chosen articles with absolute links, an
// online view link and a per-recipient unsubscribe link. The frame is rendered once per
// batch and only the unsubscribe link differs per recipient.
import type { Messages } from '../views/messages/index.js';
import { escapeHtml, mailButton, mailFrame } from './mail-layout.js';

export interface EditionMailInput {
  lang: 'nl' | 'en';
  t: Messages['newsletters'];
  siteName: string;
  siteUrl: string;
  listName: string;
  edition: { id: number; subject: string; intro: string };
  articles: { id: number; slug: string; title: string; lead: string }[];
}

export interface ComposedEdition {
  subject: string;
  html: string;
  text: string;
}

const UNSUBSCRIBE = '__PODIUM_UNSUBSCRIBE_URL__';

export function articleUrl(siteUrl: string, article: { id: number; slug: string }): string {
  return `${siteUrl}/artikel/${article.id}/${encodeURIComponent(article.slug)}`;
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

/** Returns a function that gives the mail for one recipient's unsubscribe URL. */
export function composeEdition(
  input: EditionMailInput,
): (unsubscribeUrl: string) => ComposedEdition {
  const { t, siteUrl, edition } = input;
  const online = editionOnlineUrl(siteUrl, edition.id);
  const introHtml = paragraphs(edition.intro)
    .map((p) => `<p style="margin:0 0 16px;">${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
  const articlesHtml = input.articles
    .map((a) => {
      const url = articleUrl(siteUrl, a);
      return `<div style="margin:24px 0;padding-top:16px;border-top:1px solid #dde1e7;">
<h2 style="font-size:19px;line-height:1.3;margin:0 0 8px;"><a href="${escapeHtml(url)}" style="color:#0b5cad;text-decoration:none;">${escapeHtml(a.title)}</a></h2>
${a.lead ? `<p style="margin:0 0 8px;">${escapeHtml(a.lead)}</p>` : ''}
<p style="margin:0;"><a href="${escapeHtml(url)}" style="color:#0b5cad;">${escapeHtml(t.edition.readMore)} &rarr;</a></p>
</div>`;
    })
    .join('\n');
  const html = `<p style="margin:0 0 16px;font-size:13px;"><a href="${escapeHtml(online)}" style="color:#5b6472;">${escapeHtml(t.edition.readOnline)}</a></p>
${introHtml}
${articlesHtml}
${mailButton(siteUrl + '/', input.siteName)}`;
  const text = [
    `${t.edition.readOnline}: ${online}`,
    '',
    ...paragraphs(edition.intro).flatMap((p) => [p, '']),
    ...input.articles.flatMap((a) => [
      a.title,
      ...(a.lead ? [a.lead] : []),
      `${t.edition.readMore}: ${articleUrl(siteUrl, a)}`,
      '',
    ]),
  ].join('\n');
  const frame = mailFrame({
    lang: input.lang,
    siteName: input.siteName,
    siteUrl,
    title: edition.subject,
    html,
    text: text.trimEnd(),
    footerHtml: `${escapeHtml(t.edition.footer(input.listName))} <a href="${UNSUBSCRIBE}" style="color:#5b6472;">${escapeHtml(t.edition.unsubscribe)}</a>`,
    footerText: `${t.edition.footer(input.listName)}\n${t.edition.unsubscribe}: ${UNSUBSCRIBE}`,
  });
  return (unsubscribeUrl) => ({
    subject: edition.subject,
    html: frame.html.replace(UNSUBSCRIBE, escapeHtml(unsubscribeUrl)),
    text: frame.text.replace(UNSUBSCRIBE, unsubscribeUrl),
  });
}
