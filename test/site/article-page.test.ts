import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheTags } from '../../src/infra/cache/tags.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { announce } from '../helpers/changes.js';
import {
  createArticle,
  createAuthor,
  createTopic,
  storeComment,
  storeGrades,
} from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';
import { expectValidHtml, jsonLdOf } from './site-fixtures.js';

async function articleWithTwoAuthors(t: TestApp) {
  const db = t.app.db;
  const anna = await createAuthor(db, {
    name: 'Anna de Wit',
    slug: 'anna-de-wit',
    company: 'Wit Advies',
    bio: 'Anna schrijft over teams.',
  });
  const bert = await createAuthor(db, { name: 'Bert Zwart', slug: 'bert-zwart', company: null });
  await db.updateTable('authors').set({ photo: 'bert-photo' }).where('id', '=', bert.id).execute();
  const topicA = await createTopic(db, { name: 'Leiderschap', slug: 'leiderschap' });
  const topicB = await createTopic(db, { name: 'Verkoop', slug: 'verkoop' });
  const article = await createArticle(db, {
    title: 'Samen sterker <werken>',
    slug: 'samen-sterker-werken',
    lead: 'Een korte inleiding.',
    body: '## Eerste kop\n\nTekst met **nadruk**.\n\n- punt een\n- punt twee',
    publishAt: '2026-03-15T09:00:00.000Z',
    updatedAt: '2026-03-20T09:00:00.000Z',
    authorIds: [bert.id, anna.id],
    topicIds: [topicA.id, topicB.id],
  });
  const related = await createArticle(db, {
    title: 'Verwant stuk',
    slug: 'verwant-stuk',
    authorIds: [anna.id],
    topicIds: [topicB.id],
  });
  const unrelated = await createArticle(db, { title: 'Los stuk', slug: 'los-stuk' });
  const draft = await createArticle(db, {
    title: 'Concept',
    slug: 'concept',
    status: 'draft',
    topicIds: [topicA.id],
  });
  return { anna, bert, topicA, topicB, article, related, unrelated, draft };
}

for (const backend of backends) {
  describe(`article page on ${backend.name}`, () => {
    let t: TestApp;
    // Starting the in-process PostgreSQL takes a while on a busy machine: do it up front.
    beforeAll(async () => {
      const warm = await backend.open();
      await warm.close();
    }, 300_000);
    afterEach(async () => t?.close());

    it('answers from the stored page before loading anything, for readers with cookies too', async () => {
      const queries: string[] = [];
      t = await buildTestApp(backend, {}, { onQuery: (q) => queries.push(q) });
      const f = await articleWithTwoAuthors(t);
      const url = `/artikel/${f.article.id}/samen-sterker-werken`;
      const first = await t.app.inject(url);
      expect(first.statusCode).toBe(200);

      queries.length = 0;
      const other = await t.app.inject({ url, headers: { cookie: 'voorkeur=donker' } });
      expect(other.headers.etag).toBe(first.headers.etag);
      expect(queries).toEqual([]);

      // A reader key: one look for this reader's grade, and the stored page when there is none.
      const reader = await t.app.inject({
        url,
        headers: { cookie: 'podium_reader=AAAAAAAAAAAAAAAAAAAAAA' },
      });
      expect(reader.headers.etag).toBe(first.headers.etag);
      expect(queries).toHaveLength(1);
      expect(queries[0]).toMatch(/grades/);
    });

    it('shows title, byline in order, date, lead, body, topics, related and share links', async () => {
      t = await buildTestApp(backend);
      const f = await articleWithTwoAuthors(t);
      const res = await t.app.inject(`/artikel/${f.article.id}/samen-sterker-werken`);
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('<h1 id="artikel-titel">Samen sterker &lt;werken></h1>');
      expect(html.indexOf('Bert Zwart')).toBeLessThan(html.indexOf('Anna de Wit'));
      expect(html).toContain('href="/auteur/anna-de-wit"');
      expect(html).toContain('Wit Advies');
      expect(html).toContain('/media/bert-photo-96.webp');
      expect(html).toContain('src="data:image/svg+xml,'); // Anna's generated avatar
      expect(html).toContain('15 maart 2026');
      expect(html).toContain('Een korte inleiding.');
      expect(html).toContain('<h2>Eerste kop</h2>');
      expect(html).toContain('<li>punt een</li>');
      expect(html).toMatch(
        /Meer artikelen over:.*href="\/onderwerp\/leiderschap".*href="\/onderwerp\/verkoop"/s,
      );
      expect(html).toContain('href="/artikel/' + f.related.id + '/verwant-stuk"');
      expect(html).not.toContain('los-stuk');
      expect(html).not.toContain('Concept');
      expect(html).toContain('href="mailto:?subject=');
      expect(html).toContain(
        'https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Fpodium.test',
      );
      // Nothing is loaded from another site.
      expect(html).not.toMatch(
        /(src|href)="https?:\/\/(?!podium\.test)[^"]*"[^>]*(rel="stylesheet"|defer)/,
      );
      expect(html).not.toMatch(/<(img|script|iframe)[^>]+src="https?:/);
      expect(html).toContain(
        '<link rel="canonical" href="http://podium.test/artikel/' +
          f.article.id +
          '/samen-sterker-werken"/>',
      );
      expect(html).toContain('<meta property="og:type" content="article"/>');
      expect(html).toContain('Onze auteurs');
    });

    it('writes Article and BreadcrumbList JSON-LD without AggregateRating', async () => {
      t = await buildTestApp(backend);
      const f = await articleWithTwoAuthors(t);
      await storeGrades(t.app.db, f.article.id, [9, 8, 8, 7, 7, 7, 6, 6, 5, 6]);
      const res = await t.app.inject(`/artikel/${f.article.id}/samen-sterker-werken`);
      expect(res.body).not.toContain('AggregateRating');
      const data = jsonLdOf(res.body);
      const article = data.find((d) => d['@type'] === 'Article') as Record<string, unknown>;
      expect(article.headline).toBe('Samen sterker <werken>');
      expect(article.datePublished).toBe('2026-03-15T09:00:00.000Z');
      expect(article.dateModified).toBe('2026-03-20T09:00:00.000Z');
      expect(article.author).toEqual([
        {
          '@type': 'Person',
          name: 'Bert Zwart',
          url: 'http://podium.test/auteur/bert-zwart',
          image: 'http://podium.test/media/bert-photo-320.webp',
        },
        {
          '@type': 'Person',
          name: 'Anna de Wit',
          url: 'http://podium.test/auteur/anna-de-wit',
          worksFor: { '@type': 'Organization', name: 'Wit Advies' },
        },
      ]);
      expect(article.publisher).toMatchObject({ '@type': 'Organization' });
      const crumbs = data.find((d) => d['@type'] === 'BreadcrumbList') as {
        itemListElement: { name: string }[];
      };
      expect(crumbs.itemListElement.map((c) => c.name)).toEqual([
        'Voorpagina',
        'Leiderschap',
        'Samen sterker <werken>',
      ]);
      // The script cannot be closed by text in the data.
      expect(res.body).not.toContain('"Samen sterker <werken>"');
    });

    it('redirects a wrong or missing slug and 404s unknown, unpublished and malformed ids', async () => {
      t = await buildTestApp(backend);
      const f = await articleWithTwoAuthors(t);
      const canonical = `/artikel/${f.article.id}/samen-sterker-werken`;
      for (const url of [`/artikel/${f.article.id}/oude-titel`, `/artikel/${f.article.id}`]) {
        const res = await t.app.inject(url);
        expect(res.statusCode, url).toBe(301);
        expect(res.headers.location).toBe(canonical);
      }
      for (const url of [
        '/artikel/99999/iets',
        `/artikel/${f.draft.id}/concept`,
        '/artikel/abc/iets',
        '/artikel/0/iets',
        '/artikel/1e3/iets',
        '/artikel/99999999999999999999/iets',
        "/artikel/1'%20or%201=1/x",
      ]) {
        const res = await t.app.inject(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.body).toContain('Pagina niet gevonden');
      }
      await t.app.db
        .updateTable('articles')
        .set({ status: 'scheduled' })
        .where('id', '=', f.article.id)
        .execute();
      announce(t, [cacheTags.article(f.article.id)]);
      expect((await t.app.inject(canonical)).statusCode).toBe(404);
    });

    it('shows the grade as "Waardering 6,9 (10 stemmen)", "1 stem" and "Nog geen waardering"', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const a = await createArticle(db, { title: 'Tien', slug: 'tien' });
      const b = await createArticle(db, { title: 'Een', slug: 'een' });
      const c = await createArticle(db, { title: 'Geen', slug: 'geen' });
      await storeGrades(db, a.id, [9, 8, 8, 7, 7, 7, 6, 6, 5, 6]);
      await storeGrades(db, b.id, [7]);
      expect((await t.app.inject(`/artikel/${a.id}/tien`)).body).toContain(
        'Waardering 6,9 (10 stemmen)',
      );
      expect((await t.app.inject(`/artikel/${b.id}/een`)).body).toContain(
        'Waardering 7,0 (1 stem)',
      );
      const none = (await t.app.inject(`/artikel/${c.id}/geen`)).body;
      expect(none).toContain('Nog geen waardering');
      expect(none).toContain('De auteur wil graag weten hoe u dit artikel waardeert');
    });

    it('speaks English with SITE_LOCALE=en', async () => {
      t = await buildTestApp(backend, { SITE_LOCALE: 'en' });
      const f = await articleWithTwoAuthors(t);
      await storeGrades(t.app.db, f.article.id, [9, 8, 8, 7, 7, 7, 6, 6, 5, 6]);
      const html = (await t.app.inject(`/artikel/${f.article.id}/samen-sterker-werken`)).body;
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('Rating 6.9 (10 votes)');
      expect(html).toContain('15 March 2026');
      expect(html).toContain('More articles about:');
      expect(html).toContain('Our authors');
      expect(html).not.toContain('Waardering');
      const one = await createArticle(t.app.db, { title: 'One', slug: 'one' });
      await storeGrades(t.app.db, one.id, [8]);
      expect((await t.app.inject(`/artikel/${one.id}/one`)).body).toContain('Rating 8.0 (1 vote)');
    });

    it('lists approved comments with the author reply marked, and hides the rest', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const a = await createArticle(db, { title: 'Besproken', slug: 'besproken' });
      const first = await storeComment(db, {
        articleId: a.id,
        name: 'Christa',
        body: 'Eerste regel\nTweede regel\n\nNieuwe alinea <script>alert(1)</script>',
        website: 'https://christa.example',
        email: 'christa@example.com',
        createdAt: '2026-02-03T10:00:00.000Z',
      });
      await storeComment(db, {
        articleId: a.id,
        parentId: first,
        name: 'De Auteur',
        body: 'Beste Christa, dank je.',
        label: 'author',
        createdAt: '2026-02-03T11:00:00.000Z',
      });
      await storeComment(db, {
        articleId: a.id,
        name: 'Wachtend',
        body: 'Nog niet goedgekeurd',
        state: 'pending',
      });
      await storeComment(db, { articleId: a.id, name: 'Spammer', body: 'Koop nu', state: 'spam' });
      const html = (await t.app.inject(`/artikel/${a.id}/besproken`)).body;
      expect(html).toContain('Reacties (2)');
      expect(html).toContain('Eerste regel<br/>Tweede regel');
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
      expect(html).toMatch(
        /<a href="https:\/\/christa.example\/" rel="nofollow ugc noopener">Christa<\/a>/,
      );
      expect(html).toMatch(/De Auteur[\s\S]{0,200}<span class="badge">Auteur<\/span>/);
      expect(html).toContain('class="comment-replies"');
      expect(html).not.toContain('christa@example.com');
      expect(html).not.toContain('Nog niet goedgekeurd');
      expect(html).not.toContain('Koop nu');
    });

    it('is served from the cache, answers 304 to its ETag and refreshes on invalidation', async () => {
      t = await buildTestApp(backend);
      const f = await articleWithTwoAuthors(t);
      const url = `/artikel/${f.article.id}/samen-sterker-werken`;
      const first = await t.app.inject(url);
      const hits = t.app.pageCache.stats.hits;
      const second = await t.app.inject(url);
      expect(t.app.pageCache.stats.hits).toBe(hits + 1);
      // Same page (form tokens inside it are fresh per response).
      expect(second.headers.etag).toBe(first.headers.etag);
      const etag = String(first.headers.etag);
      expect((await t.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode).toBe(
        304,
      );

      await t.app.db
        .updateTable('articles')
        .set({ lead: 'Een nieuwe inleiding.' })
        .where('id', '=', f.article.id)
        .execute();
      expect((await t.app.inject(url)).body).toContain('Een korte inleiding.'); // still cached
      announce(t, [cacheTags.article(f.article.id)]);
      const fresh = await t.app.inject(url);
      expect(fresh.body).toContain('Een nieuwe inleiding.');
      expect(fresh.headers.etag).not.toBe(etag);

      // An author's rename reaches the page through the author's tag.
      await t.app.db
        .updateTable('authors')
        .set({ name: 'Anna de Wit-Groen' })
        .where('id', '=', f.anna.id)
        .execute();
      announce(t, [cacheTags.author(f.anna.id)]);
      expect((await t.app.inject(url)).body).toContain('Anna de Wit-Groen');
    });

    it('shows every change at once when the page cache is off, through the kept frame', async () => {
      t = await buildTestApp(backend, { PAGE_CACHE: 'false' });
      const f = await articleWithTwoAuthors(t);
      const url = `/artikel/${f.article.id}/samen-sterker-werken`;
      const first = (await t.app.inject(url)).body;
      expect(first).toContain('Anna de Wit');
      expect(first).toContain('Verwant stuk');

      // An editor renames an author in the back office: byline and sidebar follow.
      const editor = await loginAs(t, 'editor');
      const saved = await t.app.inject({
        method: 'POST',
        url: `/beheer/auteurs/${f.anna.id}`,
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({
          csrf_token: editor.csrfToken,
          name: 'Anna Groen',
          company: 'Wit Advies',
          bio: 'Anna schrijft over teams.',
        }),
      });
      expect(saved.statusCode).toBe(303);
      const renamed = (await t.app.inject(url)).body;
      expect(renamed).toContain('Anna Groen');
      expect(renamed).not.toContain('Anna de Wit');

      // A related article's new title shows through its own tag.
      await t.app.db
        .updateTable('articles')
        .set({ title: 'Verwant stuk, herzien' })
        .where('id', '=', f.related.id)
        .execute();
      announce(t, [cacheTags.article(f.related.id)]);
      expect((await t.app.inject(url)).body).toContain('Verwant stuk, herzien');

      // Unpublishing is seen on the very next view, frame or not.
      await t.app.db
        .updateTable('articles')
        .set({ status: 'draft' })
        .where('id', '=', f.article.id)
        .execute();
      expect((await t.app.inject(url)).statusCode).toBe(404);
    });

    it('gives staff their back-office link and readers the kept page, never the other way', async () => {
      t = await buildTestApp(backend, { PAGE_CACHE: 'false' });
      const f = await articleWithTwoAuthors(t);
      const url = `/artikel/${f.article.id}/samen-sterker-werken`;
      const reader = (await t.app.inject(url)).body;
      expect(reader).not.toContain('href="/beheer"');
      const editor = await loginAs(t, 'editor');
      const staff = (await t.app.inject({ url, headers: { cookie: editor.cookie } })).body;
      expect(staff).toContain('href="/beheer"');
      expect(staff).toContain('<h1 id="artikel-titel">Samen sterker');
      expect((await t.app.inject(url)).body).not.toContain('href="/beheer"');
    });

    it('is valid HTML', async () => {
      t = await buildTestApp(backend);
      const f = await articleWithTwoAuthors(t);
      await storeGrades(t.app.db, f.article.id, [7, 8]);
      const c = await storeComment(t.app.db, {
        articleId: f.article.id,
        name: 'Lezer',
        body: 'Goed stuk.',
      });
      await storeComment(t.app.db, {
        articleId: f.article.id,
        name: 'Anna',
        body: 'Dank.',
        parentId: c,
        label: 'author',
      });
      await expectValidHtml(
        (await t.app.inject(`/artikel/${f.article.id}/samen-sterker-werken`)).body,
      );
    });
  });
}
