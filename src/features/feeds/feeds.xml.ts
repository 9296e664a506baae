// RSS 2.0, Atom 1.0 and sitemap documents, written by hand so that every value is
// escaped as text (titles may hold "&" and "<"; the `feed` package wraps titles in CDATA
// and declares Atom titles as HTML, which would turn "<i>" in a title into markup).

export interface FeedEntry {
  /** Stable identifier (survives a slug change): the site URL plus /artikel/:id. */
  guid: string;
  url: string;
  title: string;
  summary: string;
  contentHtml: string;
  published: string;
  updated: string;
  authors: string[];
  categories: string[];
}

export interface FeedDocument {
  title: string;
  description: string;
  /** The page this feed belongs to. */
  siteUrl: string;
  /** Absolute URL of this feed itself. */
  selfUrl: string;
  language: string;
  updated: string;
  entries: FeedEntry[];
}

// Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/FFFF) would make the whole
// feed unreadable, so they are dropped.
function withoutForbiddenChars(value: string): string {
  let out = '';
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    const forbidden =
      (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) ||
      (c >= 0xd800 && c <= 0xdfff) ||
      c === 0xfffe ||
      c === 0xffff;
    if (!forbidden) out += ch;
  }
  return out;
}

export function xmlText(value: string): string {
  return withoutForbiddenChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const rfc822 = (iso: string) => new Date(iso).toUTCString();
const rfc3339 = (iso: string) => new Date(iso).toISOString();

export function rssDocument(feed: FeedDocument): string {
  const items = feed.entries.map((e) =>
    [
      '<item>',
      `<title>${xmlText(e.title)}</title>`,
      `<link>${xmlText(e.url)}</link>`,
      `<guid isPermaLink="false">${xmlText(e.guid)}</guid>`,
      `<pubDate>${rfc822(e.published)}</pubDate>`,
      // RSS <author> must be an e-mail address; names go in dc:creator.
      ...e.authors.map((name) => `<dc:creator>${xmlText(name)}</dc:creator>`),
      ...e.categories.map((name) => `<category>${xmlText(name)}</category>`),
      `<description>${xmlText(e.summary)}</description>`,
      `<content:encoded>${xmlText(e.contentHtml)}</content:encoded>`,
      '</item>',
    ].join('\n      '),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '  <channel>',
    `    <title>${xmlText(feed.title)}</title>`,
    `    <link>${xmlText(feed.siteUrl)}</link>`,
    `    <description>${xmlText(feed.description)}</description>`,
    `    <language>${xmlText(feed.language)}</language>`,
    `    <lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    `    <atom:link href="${xmlText(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    ...items.map((item) => `    ${item}`),
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}

export function atomDocument(feed: FeedDocument): string {
  const entries = feed.entries.map((e) =>
    [
      '<entry>',
      `<title type="text">${xmlText(e.title)}</title>`,
      `<id>${xmlText(e.guid)}</id>`,
      `<link rel="alternate" type="text/html" href="${xmlText(e.url)}"/>`,
      `<published>${rfc3339(e.published)}</published>`,
      `<updated>${rfc3339(e.updated)}</updated>`,
      ...e.authors.map((name) => `<author><name>${xmlText(name)}</name></author>`),
      ...e.categories.map((name) => `<category term="${xmlText(name)}"/>`),
      `<summary type="text">${xmlText(e.summary)}</summary>`,
      `<content type="html">${xmlText(e.contentHtml)}</content>`,
      '</entry>',
    ].join('\n    '),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlText(feed.language)}">`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <subtitle type="text">${xmlText(feed.description)}</subtitle>`,
    `  <id>${xmlText(feed.siteUrl)}</id>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.siteUrl)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>`,
    `  <updated>${rfc3339(feed.updated)}</updated>`,
    ...entries.map((entry) => `  ${entry}`),
    '</feed>',
    '',
  ].join('\n');
}

export interface SitemapUrl {
  loc: string;
  lastmod?: string;
}

export function sitemapDocument(urls: SitemapUrl[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map(
      (u) =>
        `  <url><loc>${xmlText(u.loc)}</loc>${u.lastmod ? `<lastmod>${rfc3339(u.lastmod)}</lastmod>` : ''}</url>`,
    ),
    '</urlset>',
    '',
  ].join('\n');
}
