// RSS/Atom feeds, the sitemap and robots.txt. All go through the page cache.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendPage } from '../../infra/cache/page-cache.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { NotFoundError } from '../../lib/errors.js';
import { isSlug } from '../../lib/slug.js';
import { catalogs } from '../../views/messages/index.js';
import {
  authorFeedEntries,
  feedUpdated,
  findAuthor,
  findTopic,
  robotsText,
  siteFeedEntries,
  sitemapUrls,
  topicFeedEntries,
} from './feeds.service.js';
import { atomDocument, type FeedEntry, rssDocument, sitemapDocument } from './feeds.xml.js';

const RSS = 'application/rss+xml; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
// Feed readers poll often; five minutes of reuse is harmless and spares the server.
const FEED_MAX_AGE = 300;

const slugParams = z.object({ slug: z.string().refine(isSlug) });

function slugOf(params: unknown): string {
  const parsed = slugParams.safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.slug;
}

export async function feedsRoutes(app: FastifyInstance) {
  const { siteUrl, siteName, locale } = app.config;
  const t = catalogs[locale].search.feed;
  const listTags = [cacheTags.articles, cacheTags.authors, cacheTags.topics];

  const siteFeed = (entries: FeedEntry[], selfPath: string) => ({
    title: siteName,
    description: t.siteDescription(siteName),
    siteUrl: `${siteUrl}/`,
    selfUrl: siteUrl + selfPath,
    language: locale,
    updated: feedUpdated(entries),
    entries,
  });

  app.get('/feed.xml', (request, reply) =>
    sendPage(request, reply, {
      tags: listTags,
      contentType: RSS,
      maxAge: FEED_MAX_AGE,
      render: async () =>
        rssDocument(siteFeed(await siteFeedEntries(app.db, siteUrl), '/feed.xml')),
    }),
  );

  app.get('/feed.atom', (request, reply) =>
    sendPage(request, reply, {
      tags: listTags,
      contentType: ATOM,
      maxAge: FEED_MAX_AGE,
      render: async () =>
        atomDocument(siteFeed(await siteFeedEntries(app.db, siteUrl), '/feed.atom')),
    }),
  );

  app.get('/onderwerp/:slug/feed.xml', async (request, reply) => {
    const lookup = await findTopic(app.db, slugOf(request.params));
    if (lookup.kind === 'renamed') {
      return reply.redirect(`/onderwerp/${lookup.slug}/feed.xml`, 301);
    }
    const { topic } = lookup;
    return sendPage(request, reply, {
      tags: [...listTags, cacheTags.topic(topic.id)],
      contentType: RSS,
      maxAge: FEED_MAX_AGE,
      render: async () => {
        const entries = await topicFeedEntries(app.db, siteUrl, topic.id);
        return rssDocument({
          title: t.topicTitle(siteName, topic.name),
          description: t.topicDescription(topic.name),
          siteUrl: `${siteUrl}/onderwerp/${topic.slug}`,
          selfUrl: `${siteUrl}/onderwerp/${topic.slug}/feed.xml`,
          language: locale,
          updated: feedUpdated(entries),
          entries,
        });
      },
    });
  });

  app.get('/auteur/:slug/feed.xml', async (request, reply) => {
    const author = await findAuthor(app.db, slugOf(request.params));
    return sendPage(request, reply, {
      tags: [...listTags, cacheTags.author(author.id)],
      contentType: RSS,
      maxAge: FEED_MAX_AGE,
      render: async () => {
        const entries = await authorFeedEntries(app.db, siteUrl, author.id);
        return rssDocument({
          title: t.authorTitle(siteName, author.name),
          description: t.authorDescription(author.name),
          siteUrl: `${siteUrl}/auteur/${author.slug}`,
          selfUrl: `${siteUrl}/auteur/${author.slug}/feed.xml`,
          language: locale,
          updated: feedUpdated(entries),
          entries,
        });
      },
    });
  });

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
