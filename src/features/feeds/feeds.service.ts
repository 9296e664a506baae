// Feeds and the sitemap: which articles, in which order, at which absolute addresses.

import type { Db } from '../../infra/db.js';
import { NotFoundError } from '../../lib/errors.js';
import { catalogs, type Locale } from '../../views/messages/index.js';
import { paths } from '../../views/paths.js';
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
import type { FeedDocument, FeedEntry, SitemapUrl } from './feeds.xml.js';

export const FEED_SIZE = 20;

// ISO-8601 UTC strings order lexically.
const later = (a: string, b: string) => (a > b ? a : b);

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
      url: siteUrl + paths.article(row),
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

/**
 * When a feed last changed: its newest entry's change. An empty feed has none, so it takes
 * `empty`: the time its author or topic was created (nothing in it has changed since), and for
 * the whole site the time the feed is made (it is kept until an article is published).
 */
function feedUpdated(entries: FeedEntry[], empty: string): string {
  let newest: string | undefined;
  for (const e of entries) if (newest === undefined || e.updated > newest) newest = e.updated;
  return newest ?? empty;
}

/** What every feed of the site shares: its address, name and language. */
export interface FeedSite {
  siteUrl: string;
  siteName: string;
  locale: Locale;
}

/** The latest articles of the whole site, as a feed that lives at `selfPath`. */
export async function siteFeed(db: Db, site: FeedSite, selfPath: string): Promise<FeedDocument> {
  const t = catalogs[site.locale].search.feed;
  const entries = await entriesFor(db, site.siteUrl, {});
  return {
    title: site.siteName,
    description: t.siteDescription(site.siteName),
    siteUrl: `${site.siteUrl}/`,
    selfUrl: site.siteUrl + selfPath,
    language: site.locale,
    updated: feedUpdated(entries, new Date().toISOString()),
    entries,
  };
}

interface FeedScope {
  filter: { topicId: number } | { authorId: number };
  /** The topic's or author's page on the site. */
  pagePath: string;
  title: string;
  description: string;
  /** Dates an empty feed. */
  createdAt: string;
}

/** The latest articles of one topic or author; `file` is the feed's name under its page. */
async function scopedFeed(
  db: Db,
  site: FeedSite,
  scope: FeedScope,
  file: string,
): Promise<FeedDocument> {
  const entries = await entriesFor(db, site.siteUrl, scope.filter);
  const page = site.siteUrl + scope.pagePath;
  return {
    title: scope.title,
    description: scope.description,
    siteUrl: page,
    selfUrl: `${page}/${file}`,
    language: site.locale,
    updated: feedUpdated(entries, scope.createdAt),
    entries,
  };
}

export function topicFeed(
  db: Db,
  site: FeedSite,
  topic: { id: number; slug: string; name: string; created_at: string },
  file: string,
): Promise<FeedDocument> {
  const t = catalogs[site.locale].search.feed;
  return scopedFeed(
    db,
    site,
    {
      filter: { topicId: topic.id },
      pagePath: paths.topic(topic),
      title: t.topicTitle(site.siteName, topic.name),
      description: t.topicDescription(topic.name),
      createdAt: topic.created_at,
    },
    file,
  );
}

export function authorFeed(
  db: Db,
  site: FeedSite,
  author: { id: number; slug: string; name: string; created_at: string },
  file: string,
): Promise<FeedDocument> {
  const t = catalogs[site.locale].search.feed;
  return scopedFeed(
    db,
    site,
    {
      filter: { authorId: author.id },
      pagePath: paths.author(author),
      title: t.authorTitle(site.siteName, author.name),
      description: t.authorDescription(author.name),
      createdAt: author.created_at,
    },
    file,
  );
}

export type TopicLookup =
  | { kind: 'found'; topic: { id: number; slug: string; name: string; created_at: string } }
  | { kind: 'renamed'; slug: string };

/** A topic by slug, or where a renamed one lives now; unknown slugs are a 404. */
export async function findTopic(db: Db, slug: string): Promise<TopicLookup> {
  const topic = await topicBySlug(db, slug);
  if (topic) return { kind: 'found', topic };
  const renamed = await renamedTopicSlug(db, slug);
  if (renamed) return { kind: 'renamed', slug: renamed };
  throw new NotFoundError();
}

export async function findAuthor(db: Db, slug: string) {
  const author = await authorBySlug(db, slug);
  if (!author) throw new NotFoundError();
  return author;
}

export async function sitemapUrls(db: Db, siteUrl: string): Promise<SitemapUrl[]> {
  const [articles, topics, authors] = await Promise.all([
    allPublishedForSitemap(db),
    allTopicSlugs(db),
    publishedAuthorSlugs(db),
  ]);
  return [
    { loc: `${siteUrl}/` },
    ...articles.map((a) => ({ loc: siteUrl + paths.article(a), lastmod: a.updated_at })),
    { loc: `${siteUrl}/auteurs` },
    ...authors.map((a) => ({ loc: siteUrl + paths.author(a), lastmod: a.updated_at })),
    ...topics.map((t) => ({ loc: siteUrl + paths.topic(t) })),
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
