// RSS, Atom and JSON feeds, the sitemap and robots.txt. All go through the page cache.

import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { parseInput, slugParams } from '../../lib/parse.js';
import { paths } from '../../views/paths.js';
import { jsonFeedDocument } from './feeds.json.js';
import {
  authorFeed,
  type FeedSite,
  findAuthor,
  findTopic,
  robotsText,
  siteFeed,
  sitemapUrls,
  topicFeed,
} from './feeds.service.js';
import { atomDocument, type FeedDocument, rssDocument, sitemapDocument } from './feeds.xml.js';

// Feed readers poll often; five minutes of reuse is harmless and spares the server.
const FEED_MAX_AGE = 300;

/** Every feed file name with its media type and writer; topics and authors have RSS and JSON. */
const formats = {
  'feed.xml': { contentType: 'application/rss+xml; charset=utf-8', write: rssDocument },
  'feed.atom': { contentType: 'application/atom+xml; charset=utf-8', write: atomDocument },
  'feed.json': { contentType: 'application/feed+json; charset=utf-8', write: jsonFeedDocument },
} satisfies Record<string, { contentType: string; write: (feed: FeedDocument) => string }>;
const scopedFormats = ['feed.xml', 'feed.json'] as const;

function slugOf(params: unknown): string {
  return parseInput(slugParams, params, 'not_found').slug;
}

export async function feedsRoutes(app: FastifyInstance) {
  const { siteUrl, siteName, locale } = app.config;
  const site: FeedSite = { siteUrl, siteName, locale };
  const listTags = [cacheTags.articles, cacheTags.authors, cacheTags.topics];

  for (const file of ['feed.xml', 'feed.atom', 'feed.json'] as const) {
    const { contentType, write } = formats[file];
    app.get(`/${file}`, (request, reply) =>
      sendPage(request, reply, {
        tags: listTags,
        contentType,
        maxAge: FEED_MAX_AGE,
        render: async () => write(await siteFeed(app.db, site, `/${file}`)),
      }),
    );
  }

  for (const file of scopedFormats) {
    const { contentType, write } = formats[file];
    app.get(`/onderwerp/:slug/${file}`, async (request, reply) => {
      const lookup = await findTopic(app.db, slugOf(request.params));
      if (lookup.kind === 'renamed') {
        return reply.redirect(`${paths.topic(lookup)}/${file}`, 301);
      }
      const { topic } = lookup;
      return sendPage(request, reply, {
        tags: [...listTags, cacheTags.topic(topic.id)],
        contentType,
        maxAge: FEED_MAX_AGE,
        render: async () => write(await topicFeed(app.db, site, topic, file)),
      });
    });

    app.get(`/auteur/:slug/${file}`, async (request, reply) => {
      const author = await findAuthor(app.db, slugOf(request.params));
      return sendPage(request, reply, {
        tags: [...listTags, cacheTags.author(author.id)],
        contentType,
        maxAge: FEED_MAX_AGE,
        render: async () => write(await authorFeed(app.db, site, author, file)),
      });
    });
  }

  app.get('/sitemap.xml', (request, reply) =>
    sendPage(request, reply, {
      tags: listTags,
      contentType: 'application/xml; charset=utf-8',
      maxAge: 3600,
      render: async () => sitemapDocument(await sitemapUrls(app.db, siteUrl)),
    }),
  );

  app.get('/robots.txt', (request, reply) =>
    sendPage(request, reply, {
      tags: [cacheTags.settings],
      contentType: 'text/plain; charset=utf-8',
      maxAge: 86_400,
      render: () => robotsText(siteUrl),
    }),
  );
}
