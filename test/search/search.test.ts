import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { searchArticles } from '../../src/features/search/search.service.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { announce } from '../helpers/changes.js';
import { createArticle, createAuthor } from '../helpers/factories.js';

function titlesOf(outcome: Awaited<ReturnType<typeof searchArticles>>): string[] {
  return outcome.items.map((item) => item.title);
}

for (const backend of backends) {
  describe(`search on ${backend.name}`, () => {
    let t: TestApp;
    // Opening the first database of a backend (PGlite boots in-process) can take long on a
    // busy machine; do it once here, outside the per-test time limit.
    beforeAll(async () => (await backend.open()).close(), 180_000);
    afterEach(async () => t?.close());

    it('shows the empty form without results for an empty query', async () => {
      t = await buildTestApp(backend);
      await createArticle(t.database.db, { title: 'Koude acquisitie' });
      for (const url of ['/zoeken', '/zoeken?q=', '/zoeken?q=%20%20']) {
        const res = await t.app.inject(url);
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('name="q"');
        expect(res.body).toContain('<meta name="robots" content="noindex"/>');
        expect(res.body).not.toContain('search-result');
        expect(res.body).not.toContain('Geen artikelen gevonden');
      }
    });

    it('ranks a title match above a body match and names the authors', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      const author = await createAuthor(db, { name: 'Petra de Vries' });
      await createArticle(db, {
        title: 'Over klantgesprekken',
        body: 'Een goed gesprek begint met een vraag over de offerte.',
        publishAt: '2026-03-01T08:00:00.000Z',
      });
      await createArticle(db, {
        title: 'De offerte als gesprek',
        body: 'Niets over het onderwerp in de tekst.',
        publishAt: '2026-01-01T08:00:00.000Z',
        authorIds: [author.id],
      });
      await createArticle(db, { title: 'Iets anders', body: 'Geen match hier.' });
      const outcome = await searchArticles(db, 'offerte', 1);
      expect(titlesOf(outcome)).toEqual(['De offerte als gesprek', 'Over klantgesprekken']);
      expect(outcome.items[0]?.authors).toEqual([{ name: 'Petra de Vries', slug: author.slug }]);

      const res = await t.app.inject('/zoeken?q=offerte');
      expect(res.statusCode).toBe(200);
      const first = res.body.indexOf('De offerte als gesprek');
      const second = res.body.indexOf('Over klantgesprekken');
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first);
      expect(res.body).toContain('>Petra de Vries</a>');
      expect(res.body).not.toContain('Iets anders');
    });

    it('highlights matches and escapes the text around them', async () => {
      t = await buildTestApp(backend);
      await createArticle(t.database.db, {
        title: 'Veilig zoeken',
        lead: 'Een inleiding.',
        body: 'Tom & Jerry: pas op voor <script>alert(1)</script> bij de klantenkaart.',
      });
      const res = await t.app.inject('/zoeken?q=klantenkaart');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<mark>klantenkaart</mark>');
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).toContain('Tom &amp; Jerry');
      if (backend.name === 'sqlite') {
        expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
      } else {
        // ts_headline drops what its parser sees as tags; what is left is text.
        expect(res.body).toMatch(/pas op voor (&lt;script>)?alert\(1\)/);
      }

      // The page of the search for the script tag itself is just as safe.
      const hostile = await t.app.inject(
        `/zoeken?q=${encodeURIComponent('<script>alert(1)</script>')}`,
      );
      expect(hostile.statusCode).toBe(200);
      expect(hostile.body).not.toContain('<script>alert');
    });

    it('finds inflected forms (stemming on PostgreSQL, prefixes on SQLite)', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      await createArticle(db, { title: 'Wat doet een salesmanager?', body: 'Coachen.' });
      if (backend.name === 'sqlite') {
        expect(titlesOf(await searchArticles(db, 'salesman', 1))).toEqual([
          'Wat doet een salesmanager?',
        ]);
      } else {
        // The dutch configuration reduces both to the same stem.
        expect(titlesOf(await searchArticles(db, 'salesmanagers', 1))).toEqual([
          'Wat doet een salesmanager?',
        ]);
      }
      // Diacritics do not matter on either side.
      await createArticle(db, { title: 'Een reünie met klanten', body: 'Tekst.' });
      expect(titlesOf(await searchArticles(db, 'reunie', 1))).toEqual(['Een reünie met klanten']);
    });

    it('never finds unpublished articles', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      await createArticle(db, { title: 'Geheim concept zebravink', status: 'draft' });
      await createArticle(db, {
        title: 'Gepland zebravink',
        status: 'scheduled',
        publishAt: '2099-01-01T00:00:00.000Z',
      });
      await createArticle(db, { title: 'Oud zebravink', status: 'archived' });
      await createArticle(db, { title: 'Openbaar zebravink' });
      expect(titlesOf(await searchArticles(db, 'zebravink', 1))).toEqual(['Openbaar zebravink']);
      const res = await t.app.inject('/zoeken?q=zebravink');
      expect(res.body).not.toContain('Geheim');
      expect(res.body).not.toContain('Gepland');
      expect(res.body).not.toContain('Oud zebravink');
    });

    it('follows article updates and deletes', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      const article = await createArticle(db, { title: 'Eerste titel', body: 'Over pinguïns.' });
      expect(titlesOf(await searchArticles(db, 'pinguïns', 1))).toEqual(['Eerste titel']);

      await db
        .updateTable('articles')
        .set({ title: 'Nieuwe titel', body_source: 'Over olifanten.' })
        .where('id', '=', article.id)
        .execute();
      expect(titlesOf(await searchArticles(db, 'pinguïns', 1))).toEqual([]);
      expect(titlesOf(await searchArticles(db, 'olifanten', 1))).toEqual(['Nieuwe titel']);
      expect(titlesOf(await searchArticles(db, 'eerste', 1))).toEqual([]);

      // A change that is not text (a comment count) keeps the article findable.
      await db
        .updateTable('articles')
        .set({ comment_count: 3 })
        .where('id', '=', article.id)
        .execute();
      expect(titlesOf(await searchArticles(db, 'olifanten', 1))).toEqual(['Nieuwe titel']);

      // Unpublishing hides it; the cached page follows once writes invalidate 'articles'.
      const before = await t.app.inject('/zoeken?q=olifanten');
      expect(before.body).toContain('Nieuwe titel');
      await db
        .updateTable('articles')
        .set({ status: 'draft' })
        .where('id', '=', article.id)
        .execute();
      announce(t, ['articles']);
      const after = await t.app.inject('/zoeken?q=olifanten');
      expect(after.body).not.toContain('Nieuwe titel');

      await db.deleteFrom('articles').where('id', '=', article.id).execute();
      expect(titlesOf(await searchArticles(db, 'olifanten', 1))).toEqual([]);
    });

    it('pages through many results', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      for (let i = 1; i <= 12; i++) {
        await createArticle(db, {
          title: `Stuk ${i} over kwartaalcijfers`,
          publishAt: `2026-01-${String(i).padStart(2, '0')}T08:00:00.000Z`,
        });
      }
      const first = await searchArticles(db, 'kwartaalcijfers', 1);
      expect(first.items).toHaveLength(10);
      expect(first.hasNext).toBe(true);
      const second = await searchArticles(db, 'kwartaalcijfers', 2);
      expect(second.items).toHaveLength(2);
      expect(second.hasNext).toBe(false);
      const seen = new Set([...titlesOf(first), ...titlesOf(second)]);
      expect(seen.size).toBe(12);

      const res = await t.app.inject('/zoeken?q=kwartaalcijfers');
      expect(res.body).toContain('href="/zoeken?q=kwartaalcijfers&amp;pagina=2"');
      const page2 = await t.app.inject('/zoeken?q=kwartaalcijfers&pagina=2');
      expect(page2.statusCode).toBe(200);
      expect(page2.body).toContain('rel="prev"');
    });

    it('treats hostile queries as words, never as syntax', async () => {
      t = await buildTestApp(backend);
      const db = t.database.db;
      await createArticle(db, {
        title: 'Near the end of the quarter',
        body: 'Een OR-vergadering.',
      });
      const hostile = [
        '"',
        '""',
        '*',
        'near*',
        'NEAR(',
        'NEAR(a b, 2)',
        "') OR 1=1 --",
        'AND OR NOT',
        '(((',
        'title:near',
        '^near',
        '-',
        '!@#$%^&*()',
        '\\',
        "'; drop table articles; --",
        'a & b | !c <-> d',
        '漢字 テスト',
        '😀',
      ];
      for (const q of hostile) {
        const res = await t.app.inject(`/zoeken?q=${encodeURIComponent(q)}`);
        expect(res.statusCode, q).toBe(200);
        expect(res.body, q).toContain('name="q"');
      }
      // The words inside still match.
      expect(titlesOf(await searchArticles(db, 'NEAR(', 1))).toEqual([
        'Near the end of the quarter',
      ]);
      expect(titlesOf(await searchArticles(db, "') OR 1=1 --", 1))).toEqual([]);
      expect(await db.selectFrom('articles').select('id').execute()).toHaveLength(1);
    });

    it('refuses an over-long query, several queries and broken encoding with a 400', async () => {
      t = await buildTestApp(backend);
      const long = await t.app.inject(`/zoeken?q=${'a'.repeat(10_000)}`);
      expect(long.statusCode).toBe(400);
      expect(long.body).toContain('Uw zoekopdracht is te lang');
      expect(long.body).toContain('aria-invalid="true"');

      const justRight = await t.app.inject(`/zoeken?q=${'a'.repeat(200)}`);
      expect(justRight.statusCode).toBe(200);

      const twice = await t.app.inject('/zoeken?q=a&q=b');
      expect(twice.statusCode).toBe(400);
      expect(twice.body).toContain('Vul één zoekopdracht in.');

      for (const broken of ['%C3%28', '%E2%82', '%FF']) {
        const res = await t.app.inject(`/zoeken?q=${broken}`);
        expect(res.statusCode, broken).toBe(400);
        expect(res.body).toContain('De tekst bevat ongeldige tekens.');
      }
    });
  });
}
