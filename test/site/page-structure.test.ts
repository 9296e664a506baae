// What a reader (and a screen reader) meets on the public pages: headings without gaps, search
// landmarks with names, comments named after their writer, feeds advertised in the head, the
// "Onze auteurs" sidebar promoting only authors who publish, and "best graded" that shows only
// articles with enough votes for their mean to say something.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishDueArticles } from '../../src/features/editor/editor.service.js';
import { BEST_GRADED_MIN_VOTES } from '../../src/features/home/home.service.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { touchedBy } from '../helpers/changes.js';
import {
  createArticle,
  createAuthor,
  createTopic,
  storeComment,
  storeGrades,
} from '../helpers/factories.js';
import { expectValidHtml } from './site-fixtures.js';

/** Every place where a heading is more than one level below the heading before it. */
function headingSkips(html: string): string[] {
  const levels = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
  const skips: string[] = [];
  levels.forEach((level, i) => {
    const before = i === 0 ? 0 : (levels[i - 1] ?? 0);
    if (level > before + 1) skips.push(`h${before} → h${level}`);
  });
  return skips;
}

/** The name of each role="search" landmark: its aria-label, or the text of its labelledby. */
function searchLandmarkNames(html: string): (string | undefined)[] {
  return [...html.matchAll(/<form\b[^>]*role="search"[^>]*>/g)].map((m) => {
    const tag = m[0];
    const label = tag.match(/aria-label="([^"]*)"/)?.[1];
    if (label) return label;
    const by = tag.match(/aria-labelledby="([^"]*)"/)?.[1];
    if (!by) return undefined;
    return html.match(new RegExp(`<[a-z]+\\b[^>]*id="${by}"[^>]*>([^<]*)<`))?.[1]?.trim();
  });
}

/** The <link rel="alternate"> feeds of a page's head: type and address. */
function feedLinks(html: string): string[] {
  return [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)"/g)]
    .map((m) => `${m[1]} ${m[2]}`)
    .sort();
}

function sidebarOf(html: string): string {
  const start = html.indexOf('id="onze-auteurs"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
}

for (const backend of backends) {
  describe(`page structure on ${backend.name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      const warm = await backend.open();
      await warm.close();
    }, 300_000);
    afterEach(async () => t?.close());

    it('keeps heading levels in order on home page 2 and the reply page', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 9)).toISOString();
      let last = 0;
      for (let i = 1; i <= 12; i++) {
        last = (await createArticle(db, { title: `Stuk ${i}`, publishAt: day(i) })).id;
      }
      await storeGrades(db, last, [8, 8, 9]);
      for (const url of ['/', '/?pagina=2']) {
        const res = await t.app.inject(url);
        expect(headingSkips(res.body), url).toEqual([]);
        await expectValidHtml(res.body);
      }
      const page2 = (await t.app.inject('/?pagina=2')).body;
      expect(page2).toMatch(/<h1 id="nieuwste">/);
      expect(page2).toContain('<h2 class="card__title">');

      const commentId = await storeComment(db, { articleId: last, name: 'Wouter', body: 'Goed.' });
      const reply = await t.app.inject(`/artikel/${last}/reacties?antwoord=${commentId}`);
      expect(reply.statusCode).toBe(200);
      expect(headingSkips(reply.body)).toEqual([]);
      expect(reply.body).toMatch(/<h2 class="comment-form__title"[^>]*>Antwoord op Wouter/);
      await expectValidHtml(reply.body);
    });

    it('names every search landmark, each differently, on the search and 404 pages', async () => {
      t = await buildTestApp(backend);
      await createArticle(t.app.db, { title: 'Klanten blijven', body: 'Over klanten.' });
      for (const url of ['/', '/zoeken', '/zoeken?q=klanten', '/bestaat-niet']) {
        const res = await t.app.inject(url);
        const names = searchLandmarkNames(res.body);
        expect(names.length, url).toBeGreaterThan(0);
        for (const name of names) expect(name, url).toBeTruthy();
        expect(new Set(names).size, url).toBe(names.length);
        await expectValidHtml(res.body);
      }
      const notFound = await t.app.inject('/bestaat-niet');
      expect(searchLandmarkNames(notFound.body)).toEqual(['Zoeken', 'Zoek in alle artikelen']);
    });

    it('names each comment after its writer', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const article = await createArticle(db, { title: 'Met reacties', slug: 'met-reacties' });
      const first = await storeComment(db, { articleId: article.id, name: 'Wouter', body: 'Ja.' });
      const second = await storeComment(db, {
        articleId: article.id,
        name: 'Annemiek',
        body: 'Nee.',
        parentId: first,
      });
      for (const url of [`/artikel/${article.id}/met-reacties`, '/reacties']) {
        const html = (await t.app.inject(url)).body;
        for (const [id, name] of [
          [first, 'Wouter'],
          [second, 'Annemiek'],
        ] as const) {
          expect(html, url).toContain(`<article aria-labelledby="reactie-${id}-naam">`);
          expect(html, url).toMatch(
            new RegExp(`<span class="comment__name" id="reactie-${id}-naam">${name}<`),
          );
        }
        expect(html, url).not.toMatch(/<article>\s*<header class="comment__meta"/);
        await expectValidHtml(html);
      }
    });

    it('advertises the RSS, Atom and JSON feeds in the head, and the topic and author feeds', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const author = await createAuthor(db, { name: 'Karin Post', slug: 'karin-post' });
      const topic = await createTopic(db, { name: 'Ondernemen', slug: 'ondernemen' });
      await createArticle(db, { authorIds: [author.id], topicIds: [topic.id] });
      const site = [
        'application/atom+xml /feed.atom',
        'application/feed+json /feed.json',
        'application/rss+xml /feed.xml',
      ];
      expect(feedLinks((await t.app.inject('/')).body)).toEqual(site);
      expect(feedLinks((await t.app.inject('/auteur/karin-post')).body)).toEqual(
        [
          ...site,
          'application/rss+xml /auteur/karin-post/feed.xml',
          'application/feed+json /auteur/karin-post/feed.json',
        ].sort(),
      );
      expect(feedLinks((await t.app.inject('/onderwerp/ondernemen')).body)).toEqual(
        [
          ...site,
          'application/rss+xml /onderwerp/ondernemen/feed.xml',
          'application/feed+json /onderwerp/ondernemen/feed.json',
        ].sort(),
      );
      // Every advertised feed answers.
      for (const line of feedLinks((await t.app.inject('/auteur/karin-post')).body)) {
        const [type, href] = line.split(' ');
        const res = await t.app.inject(href ?? '');
        expect(res.statusCode, href).toBe(200);
        expect(res.headers['content-type'], href).toBe(`${type}; charset=utf-8`);
      }
    });

    it('lists in "Onze auteurs" only authors with a published article, in one query', async () => {
      const queries: string[] = [];
      t = await buildTestApp(backend, {}, { onQuery: (q) => queries.push(q) });
      const db = t.app.db;
      const writer = await createAuthor(db, { name: 'Anna Schrijft', bio: 'Anna schrijft.' });
      const drafter = await createAuthor(db, { name: 'Bert Concept', bio: 'Bert wacht.' });
      await createAuthor(db, { name: 'Cor Niets', bio: 'Cor heeft niets.' });
      const later = await createAuthor(db, { name: 'Dirk Later', bio: 'Dirk komt nog.' });
      const article = await createArticle(db, {
        title: 'Van Anna',
        slug: 'van-anna',
        authorIds: [writer.id],
      });
      await createArticle(db, { title: 'Concept', status: 'draft', authorIds: [drafter.id] });
      await createArticle(db, {
        title: 'Straks',
        status: 'scheduled',
        publishAt: '2026-06-01T08:00:00.000Z',
        authorIds: [later.id],
      });
      const url = `/artikel/${article.id}/van-anna`;
      queries.length = 0;
      const sidebar = sidebarOf((await t.app.inject(url)).body);
      expect(sidebar).toContain('Anna Schrijft');
      expect(sidebar).not.toContain('Bert Concept');
      expect(sidebar).not.toContain('Cor Niets');
      expect(sidebar).not.toContain('Dirk Later');
      expect(queries.filter((q) => /from "authors"/i.test(q) && /exists/i.test(q))).toHaveLength(1);

      // The scheduled article is published: its author joins the (kept) sidebar at once.
      const { tags } = await touchedBy(db, () =>
        publishDueArticles(db, '2026-06-01T09:00:00.000Z'),
      );
      expect(tags).toContain('authors');
      expect(sidebarOf((await t.app.inject(url)).body)).toContain('Dirk Later');
    });

    it(`shows in "best graded" only articles with ${BEST_GRADED_MIN_VOTES} votes or more, with their real mean and a note`, async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const one = await createArticle(db, { title: 'Eén stem' });
      const two = await createArticle(db, { title: 'Twee stemmen' });
      const ten = await createArticle(db, { title: 'Tien stemmen' });
      const three = await createArticle(db, { title: 'Drie stemmen' });
      await storeGrades(db, one.id, [6]);
      await storeGrades(db, two.id, [10, 10]);
      await storeGrades(db, ten.id, [9, 8, 8, 7, 7, 7, 6, 6, 5, 6]);
      await storeGrades(db, three.id, [7, 7, 7]);
      const html = (await t.app.inject('/')).body;
      const start = html.indexOf('id="best-gewaardeerd"');
      const best = html.slice(start, html.indexOf('</section>', start));
      expect(best).toContain('Artikelen met minstens 3 stemmen');
      expect(best).not.toContain('Eén stem');
      expect(best).not.toContain('Twee stemmen');
      expect(best).toContain('Waardering 6,9 (10 stemmen)');
      expect(best).toContain('Waardering 7,0 (3 stemmen)');
      await expectValidHtml(html);

      await t.close();
      t = await buildTestApp(backend, { SITE_LOCALE: 'en' });
      await storeGrades(t.app.db, (await createArticle(t.app.db)).id, [8, 8, 8]);
      expect((await t.app.inject('/')).body).toContain('Articles with at least 3 votes');
    });
  });
}
