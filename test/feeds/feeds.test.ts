import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { announce } from '../helpers/changes.js';
import { createArticle, createAuthor, createTopic } from '../helpers/factories.js';
import { all, childTexts, first, parseXml } from './xml.js';

for (const backend of backends) {
  describe(`feeds on ${backend.name}`, () => {
    let t: TestApp;
    // Opening the first database of a backend (PGlite boots in-process) can take long on a
    // busy machine; do it once here, outside the per-test time limit.
    beforeAll(async () => (await backend.open()).close(), 180_000);
    afterEach(async () => t?.close());

    async function seed() {
      const db = t.database.db;
      const anna = await createAuthor(db, { name: 'Anna & <Co>' });
      const bram = await createAuthor(db, { name: 'Bram Jansen' });
      const sales = await createTopic(db, { name: 'Sales & Marketing' });
      const coaching = await createTopic(db, { name: 'Coaching' });
      const older = await createArticle(db, {
        title: 'Ouder stuk',
        lead: 'Eerder.',
        publishAt: '2026-01-10T08:00:00.000Z',
        authorIds: [bram.id],
        topicIds: [coaching.id],
      });
      const newer = await createArticle(db, {
        title: 'Winst & <verlies> in "sales"',
        lead: 'Een lead met <b>tekens</b> & meer.',
        body: 'Tekst met **nadruk** en een [link](https://example.nl/?a=1&b=2).',
        publishAt: '2026-03-10T08:00:00.000Z',
        updatedAt: '2026-03-12T10:00:00.000Z',
        authorIds: [anna.id, bram.id],
        topicIds: [sales.id, coaching.id],
      });
      await createArticle(db, { title: 'Concept', status: 'draft', authorIds: [anna.id] });
      return { anna, bram, sales, coaching, older, newer };
    }

    it('serves the site feed as well-formed RSS 2.0 with escaped, absolute content', async () => {
      t = await buildTestApp(backend);
      const { newer, older } = await seed();
      const res = await t.app.inject('/feed.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      const rss = parseXml(res.body);
      expect(rss.name).toBe('rss');
      expect(rss.attributes.version).toBe('2.0');
      const channel = first(rss, 'channel');
      expect(childTexts(channel, 'title')).toEqual(['Podium']);
      expect(childTexts(channel, 'link')).toEqual(['http://podium.test/']);
      const items = all(channel, 'item');
      expect(items.map((i) => childTexts(i, 'title')[0])).toEqual([
        'Winst & <verlies> in "sales"',
        'Ouder stuk',
      ]);
      const [item] = items;
      if (!item) throw new Error('no item');
      expect(childTexts(item, 'link')).toEqual([
        `http://podium.test/artikel/${newer.id}/${newer.slug}`,
      ]);
      expect(childTexts(item, 'guid')).toEqual([`http://podium.test/artikel/${newer.id}`]);
      expect(childTexts(item, 'pubDate')).toEqual(['Tue, 10 Mar 2026 08:00:00 GMT']);
      expect(childTexts(item, 'dc:creator')).toEqual(['Anna & <Co>', 'Bram Jansen']);
      expect(childTexts(item, 'category').sort()).toEqual(['Coaching', 'Sales & Marketing']);
      expect(childTexts(item, 'description')).toEqual(['Een lead met <b>tekens</b> & meer.']);
      const content = childTexts(item, 'content:encoded')[0] ?? '';
      expect(content).toContain('<strong>nadruk</strong>');
      expect(content).toContain('href="https://example.nl/?a=1&amp;b=2"');
      expect(res.body).not.toContain('Concept');
      expect(res.body).toContain('Winst &amp; &lt;verlies&gt;');
      expect(older.id).toBeLessThan(newer.id);
    });

    it('serves Atom with text titles', async () => {
      t = await buildTestApp(backend);
      const { newer } = await seed();
      const res = await t.app.inject('/feed.atom');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const feed = parseXml(res.body);
      expect(feed.name).toBe('feed');
      const entries = all(feed, 'entry');
      expect(entries).toHaveLength(2);
      const [entry] = entries;
      if (!entry) throw new Error('no entry');
      expect(first(entry, 'title').attributes.type).toBe('text');
      expect(first(entry, 'title').text).toBe('Winst & <verlies> in "sales"');
      expect(first(entry, 'link').attributes.href).toBe(
        `http://podium.test/artikel/${newer.id}/${newer.slug}`,
      );
      expect(first(entry, 'updated').text).toBe('2026-03-12T10:00:00.000Z');
      expect(first(feed, 'updated').text).toBe('2026-03-12T10:00:00.000Z');
    });

    it('serves topic and author feeds and 404s for unknown ones', async () => {
      t = await buildTestApp(backend);
      const { sales, bram, anna } = await seed();
      const topic = await t.app.inject(`/onderwerp/${sales.slug}/feed.xml`);
      expect(topic.statusCode).toBe(200);
      const topicItems = all(parseXml(topic.body), 'item');
      expect(topicItems.map((i) => childTexts(i, 'title')[0])).toEqual([
        'Winst & <verlies> in "sales"',
      ]);
      expect(childTexts(first(parseXml(topic.body), 'channel'), 'title')).toEqual([
        'Podium – Sales & Marketing',
      ]);

      const author = await t.app.inject(`/auteur/${bram.slug}/feed.xml`);
      expect(author.statusCode).toBe(200);
      expect(all(parseXml(author.body), 'item')).toHaveLength(2);
      const annaFeed = await t.app.inject(`/auteur/${anna.slug}/feed.xml`);
      expect(all(parseXml(annaFeed.body), 'item')).toHaveLength(1);

      for (const url of [
        '/onderwerp/bestaat-niet/feed.xml',
        '/auteur/bestaat-niet/feed.xml',
        '/onderwerp/NIET%20GELDIG/feed.xml',
        `/auteur/${'x'.repeat(190)}/feed.xml`,
      ]) {
        const res = await t.app.inject(url);
        expect(res.statusCode, url).toBe(404);
      }
    });

    it('dates an empty feed by its author or topic, or by when it is made, never 1970', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      const before = new Date();
      const site = parseXml((await t.app.inject('/feed.xml')).body);
      const built = new Date(childTexts(first(site, 'channel'), 'lastBuildDate')[0] ?? '');
      // RFC 822 dates have whole seconds.
      expect(built.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(built.getTime()).toBeLessThanOrEqual(Date.now());
      const atom = parseXml((await t.app.inject('/feed.atom')).body);
      expect(first(atom, 'updated').text).not.toMatch(/^1970/);

      const author = await createAuthor(db, { name: 'Nog Stil' });
      const topic = await createTopic(db, { name: 'Leeg' });
      await createArticle(db, { title: 'Concept', status: 'draft', authorIds: [author.id] });
      for (const [url, created] of [
        [`/auteur/${author.slug}/feed.xml`, author.created_at],
        [`/onderwerp/${topic.slug}/feed.xml`, topic.created_at],
      ] as const) {
        const channel = first(parseXml((await t.app.inject(url)).body), 'channel');
        expect(all(channel, 'item'), url).toHaveLength(0);
        expect(childTexts(channel, 'lastBuildDate'), url).toEqual([
          new Date(created).toUTCString(),
        ]);
      }
      const json = JSON.parse((await t.app.inject(`/auteur/${author.slug}/feed.json`)).body);
      expect(json.items).toEqual([]);
    });

    it('follows a renamed topic to its new feed', async () => {
      t = await buildTestApp(backend);
      const { sales } = await seed();
      await t.database.db
        .insertInto('topic_redirects')
        .values({ old_slug: 'oude-naam', topic_id: sales.id })
        .execute();
      const res = await t.app.inject('/onderwerp/oude-naam/feed.xml');
      expect(res.statusCode).toBe(301);
      expect(res.headers.location).toBe(`/onderwerp/${sales.slug}/feed.xml`);
    });

    it('keeps only the latest 20 articles and drops characters XML forbids', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      for (let i = 1; i <= 22; i++) {
        await createArticle(db, {
          title: `Nummer ${i}\u0001`,
          publishAt: `2026-01-${String(i).padStart(2, '0')}T08:00:00.000Z`,
        });
      }
      const res = await t.app.inject('/feed.xml');
      const titles = all(parseXml(res.body), 'item').map((i) => childTexts(i, 'title')[0]);
      expect(titles).toHaveLength(20);
      expect(titles[0]).toBe('Nummer 22');
      expect(titles[19]).toBe('Nummer 3');
    });

    it('caches feeds until articles change', async () => {
      t = await buildTestApp(backend);
      await seed();
      const first1 = await t.app.inject('/feed.xml');
      expect(first1.headers.etag).toBeTruthy();
      const again = await t.app.inject({
        url: '/feed.xml',
        headers: { 'if-none-match': String(first1.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
      await createArticle(t.database.db, {
        title: 'Heel nieuw',
        publishAt: '2026-04-01T08:00:00.000Z',
      });
      announce(t, ['articles']);
      const after = await t.app.inject('/feed.xml');
      expect(after.body).toContain('Heel nieuw');
    });

    it('lists the site in sitemap.xml and points robots at it', async () => {
      t = await buildTestApp(backend);
      const { newer, older, anna, bram, sales, coaching } = await seed();
      const loneAuthor = await createAuthor(t.database.db, { name: 'Zonder artikelen' });
      const res = await t.app.inject('/sitemap.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      const urlset = parseXml(res.body);
      expect(urlset.name).toBe('urlset');
      expect(urlset.attributes.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
      const locs = all(urlset, 'loc').map((l) => l.text);
      expect(locs).toContain('http://podium.test/');
      expect(locs).toContain(`http://podium.test/artikel/${newer.id}/${newer.slug}`);
      expect(locs).toContain(`http://podium.test/artikel/${older.id}/${older.slug}`);
      expect(locs).toContain(`http://podium.test/auteur/${anna.slug}`);
      expect(locs).toContain(`http://podium.test/auteur/${bram.slug}`);
      expect(locs).toContain(`http://podium.test/onderwerp/${sales.slug}`);
      expect(locs).toContain(`http://podium.test/onderwerp/${coaching.slug}`);
      expect(locs).not.toContain(`http://podium.test/auteur/${loneAuthor.slug}`);
      expect(locs.filter((l) => l.includes('/artikel/'))).toHaveLength(2);
      const newerUrl = all(urlset, 'url').find((u) =>
        u.children.some((c) => c.text.endsWith(`/artikel/${newer.id}/${newer.slug}`)),
      );
      expect(newerUrl && childTexts(newerUrl, 'lastmod')).toEqual(['2026-03-12T10:00:00.000Z']);

      const robots = await t.app.inject('/robots.txt');
      expect(robots.statusCode).toBe(200);
      expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
      const lines = robots.body.split('\n');
      expect(lines).toContain('User-agent: *');
      expect(lines).toContain('Disallow: /beheer');
      expect(lines).toContain('Disallow: /afmelden');
      expect(lines).toContain('Disallow: /zoeken');
      expect(lines).toContain('Sitemap: http://podium.test/sitemap.xml');
    });
  });
}
