// JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) from the same entries as RSS and Atom.
// JSON.stringify does all the escaping; `content_html` is the article's stored, sanitised body.
import type { FeedDocument } from './feeds.xml.js';

const rfc3339 = (iso: string) => new Date(iso).toISOString();

export function jsonFeedDocument(feed: FeedDocument): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.siteUrl,
      feed_url: feed.selfUrl,
      description: feed.description,
      language: feed.language,
      items: feed.entries.map((e) => ({
        id: e.guid,
        url: e.url,
        title: e.title,
        summary: e.summary,
        content_html: e.contentHtml,
        date_published: rfc3339(e.published),
        date_modified: rfc3339(e.updated),
        authors: e.authors.map((name) => ({ name })),
        tags: e.categories,
      })),
    },
    null,
    2,
  )}\n`;
}
