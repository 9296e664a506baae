// Feeds and the sitemap: which articles, in which order, at which absolute addresses.
import type { Db } from '../../infra/db.js';
import { NotFoundError } from '../../lib/errors.js';
import {
  allPublishedForSitemap,
  allTopicSlugs,
  authorBySlug,
  authorsOfArticles,
  latestPublished,
  publishedAuthorSlugs,
  renamedTopicSlug,
  topicBySlug,
  topicsOfArticles,
} from './feeds.repository.js';
import type { FeedEntry, SitemapUrl } from './feeds.xml.js';

export const FEED_SIZE = 20;

// ISO-8601 UTC strings order lexically.
const later = (a: string, b: string) => (a > b ? a : b);

export const articlePath = (id: number, slug: string) => `/artikel/${id}/${slug}`;

/** A feed's entries, newest first, with absolute links. */
async function entriesFor(
  db: Db,
  siteUrl: string,
  scope: { topicId?: number; authorId?: number },
): Promise<FeedEntry[]> {
  const rows = await latestPublished(db, scope, FEED_SIZE);
  const ids = rows.map((r) => r.id);
  const [authors, topics] = await Promise.all([
    authorsOfArticles(db, ids),
    topicsOfArticles(db, ids),
  ]);
  return rows.map((row) => {
    const published = row.publish_at ?? row.updated_at;
    return {
      guid: `${siteUrl}/artikel/${row.id}`,
      url: siteUrl + articlePath(row.id, row.slug),
      title: row.title,
      summary: row.lead,
      contentHtml: row.body_html,
      published,
      updated: later(row.updated_at, published),
      authors: authors.filter((a) => a.article_id === row.id).map((a) => a.name),
      categories: topics.filter((t) => t.article_id === row.id).map((t) => t.name),
    };
  });
}

/** The newest change among the entries; a fixed epoch for an empty feed keeps ETags stable. */
export function feedUpdated(entries: FeedEntry[]): string {
  let newest = '1970-01-01T00:00:00.000Z';
  for (const e of entries) if (e.updated > newest) newest = e.updated;
  return newest;
}

export function siteFeedEntries(db: Db, siteUrl: string) {
  return entriesFor(db, siteUrl, {});
}

export type TopicLookup =
  | { kind: 'found'; topic: { id: number; slug: string; name: string } }
  | { kind: 'renamed'; slug: string };

/** A topic by slug, or where a renamed one lives now; unknown slugs are a 404. */
export async function findTopic(db: Db, slug: string): Promise<TopicLookup> {
  const topic = await topicBySlug(db, slug);
  if (topic) return { kind: 'found', topic };
  const renamed = await renamedTopicSlug(db, slug);
  if (renamed) return { kind: 'renamed', slug: renamed };
  throw new NotFoundError();
}

export function topicFeedEntries(db: Db, siteUrl: string, topicId: number) {
  return entriesFor(db, siteUrl, { topicId });
}

export async function findAuthor(db: Db, slug: string) {
  const author = await authorBySlug(db, slug);
  if (!author) throw new NotFoundError();
  return author;
}

export function authorFeedEntries(db: Db, siteUrl: string, authorId: number) {
  return entriesFor(db, siteUrl, { authorId });
}

export async function sitemapUrls(db: Db, siteUrl: string): Promise<SitemapUrl[]> {
  const [articles, topics, authors] = await Promise.all([
    allPublishedForSitemap(db),
    allTopicSlugs(db),
    publishedAuthorSlugs(db),
  ]);
  return [
    { loc: `${siteUrl}/` },
    ...articles.map((a) => ({ loc: siteUrl + articlePath(a.id, a.slug), lastmod: a.updated_at })),
    { loc: `${siteUrl}/auteurs` },
    ...authors.map((a) => ({ loc: `${siteUrl}/auteur/${a.slug}`, lastmod: a.updated_at })),
    ...topics.map((t) => ({ loc: `${siteUrl}/onderwerp/${t.slug}` })),
  ];
}

export function robotsText(siteUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /beheer',
    'Disallow: /afmelden',
    'Disallow: /zoeken',
    '',
    `Sitemap: ${siteUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
