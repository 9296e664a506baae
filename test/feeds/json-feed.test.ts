// JSON Feed 1.1 for the site, a topic and an author: the same entries as RSS, escaped by
// JSON.stringify, cached by the page cache like the other feeds.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { announce } from '../helpers/changes.js';
import { createArticle, createAuthor, createTopic } from '../helpers/factories.js';

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: {
    id: string;
    url: string;
    title: string;
    summary: string;
    content_html: string;
    date_published: string;
    date_modified: string;
    authors: { name: string }[];
    tags: string[];
  }[];
}

for (const backend of backends) {
  describe(`JSON feeds on ${backend.name}`, () => {
    let t: TestApp;
    beforeAll(async () => (await backend.open()).close(), 180_000);
    afterEach(async () => t?.close());

    async function seed() {
      const db = t.database.db;
      const anna = await createAuthor(db, { name: 'Anna "&" <Co>' });
      const sales = await createTopic(db, { name: 'Sales & </script>' });
      const article = await createArticle(db, {
        title: 'Winst & <verlies> in "sales" \u2028',
        lead: 'Een lead met <b>tekens</b>.',
        body: 'Tekst met **nadruk** en <script>alert(1)</script> een [link](https://example.nl/?a=1&b=2).',
        publishAt: '2026-03-10T08:00:00.000Z',
        updatedAt: '2026-03-12T10:00:00.000Z',
        authorIds: [anna.id],
        topicIds: [sales.id],
      });
      await createArticle(db, { title: 'Concept', status: 'draft', authorIds: [anna.id] });
      return { anna, sales, article };
    }

    it('serves the site feed as JSON Feed 1.1 with the sanitised body as content_html', async () => {
      t = await buildTestApp(backend);
      const { article } = await seed();
      const res = await t.app.inject('/feed.json');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
      const feed = JSON.parse(res.body) as JsonFeed;
      expect(feed).toMatchObject({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Podium',
        home_page_url: 'http://podium.test/',
        feed_url: 'http://podium.test/feed.json',
        language: 'nl',
      });
      expect(feed.items).toHaveLength(1);
      const [item] = feed.items;
      expect(item).toMatchObject({
        id: `http://podium.test/artikel/${article.id}`,
        url: `http://podium.test/artikel/${article.id}/${article.slug}`,
        title: 'Winst & <verlies> in "sales" \u2028',
        summary: 'Een lead met <b>tekens</b>.',
        date_published: '2026-03-10T08:00:00.000Z',
        date_modified: '2026-03-12T10:00:00.000Z',
        authors: [{ name: 'Anna "&" <Co>' }],
        tags: ['Sales & </script>'],
      });
      expect(item?.content_html).toBe(article.body_html);
      expect(item?.content_html).toContain('<strong>nadruk</strong>');
      expect(item?.content_html).not.toContain('<script>');
      expect(res.body).not.toContain('Concept');
    });

    it('serves topic and author JSON feeds, follows renamed topics and 404s unknown ones', async () => {
      t = await buildTestApp(backend);
      const { anna, sales, article } = await seed();
      const topic = await t.app.inject(`/onderwerp/${sales.slug}/feed.json`);
      expect(topic.statusCode).toBe(200);
      const topicFeed = JSON.parse(topic.body) as JsonFeed;
      expect(topicFeed.title).toBe('Podium – Sales & </script>');
      expect(topicFeed.feed_url).toBe(`http://podium.test/onderwerp/${sales.slug}/feed.json`);
      expect(topicFeed.home_page_url).toBe(`http://podium.test/onderwerp/${sales.slug}`);
      expect(topicFeed.items.map((i) => i.id)).toEqual([
        `http://podium.test/artikel/${article.id}`,
      ]);

      const author = await t.app.inject(`/auteur/${anna.slug}/feed.json`);
      expect(author.statusCode).toBe(200);
      const authorFeed = JSON.parse(author.body) as JsonFeed;
      expect(authorFeed.feed_url).toBe(`http://podium.test/auteur/${anna.slug}/feed.json`);
      expect(authorFeed.items).toHaveLength(1);

      await t.database.db
        .insertInto('topic_redirects')
        .values({ old_slug: 'oude-naam', topic_id: sales.id })
        .execute();
      const moved = await t.app.inject('/onderwerp/oude-naam/feed.json');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe(`/onderwerp/${sales.slug}/feed.json`);
      for (const url of ['/onderwerp/bestaat-niet/feed.json', '/auteur/bestaat-niet/feed.json']) {
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
      }
    });

    it('is cached like the other feeds until articles change', async () => {
      t = await buildTestApp(backend);
      await seed();
      const first = await t.app.inject('/feed.json');
      expect(first.headers.etag).toBeTruthy();
      expect(first.headers['cache-control']).toContain('max-age=300');
      const hits = t.app.pageCache.stats.hits;
      expect((await t.app.inject('/feed.json')).body).toBe(first.body);
      expect(t.app.pageCache.stats.hits).toBe(hits + 1);
      const again = await t.app.inject({
        url: '/feed.json',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
      await createArticle(t.database.db, {
        title: 'Heel nieuw',
        publishAt: '2026-04-01T08:00:00.000Z',
      });
      expect((await t.app.inject('/feed.json')).body).not.toContain('Heel nieuw');
      announce(t, ['articles']);
      expect((await t.app.inject('/feed.json')).body).toContain('Heel nieuw');
    });
  });
}
