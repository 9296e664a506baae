import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cacheTags } from '../../src/infra/cache/tags.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { announce } from '../helpers/changes.js';
import { createArticle, createAuthor, createTopic, storeGrades } from '../helpers/factories.js';
import { expectValidHtml, jsonLdOf } from './site-fixtures.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n, 9)).toISOString();

for (const backend of backends) {
  describe(`home, topic and author pages on ${backend.name}`, () => {
    let t: TestApp;
    // Starting the in-process PostgreSQL takes a while on a busy machine: do it up front.
    beforeAll(async () => {
      const warm = await backend.open();
      await warm.close();
    }, 300_000);
    afterEach(async () => t?.close());

    it('home lists the latest articles in pages of ten with cards', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const author = await createAuthor(db, { name: 'Karin Post', slug: 'karin-post' });
      const topic = await createTopic(db, { name: 'Ondernemen', slug: 'ondernemen' });
      for (let i = 1; i <= 12; i++) {
        await createArticle(db, {
          title: `Stuk nummer ${i}`,
          slug: `stuk-${i}`,
          lead: `Inleiding ${i}.`,
          publishAt: day(i),
          authorIds: [author.id],
          topicIds: [topic.id],
        });
      }
      await createArticle(db, { title: 'Nog geheim', status: 'draft' });
      const a12 = await db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', 'stuk-12')
        .executeTakeFirstOrThrow();
      await db.updateTable('articles').set({ comment_count: 3 }).where('id', '=', a12.id).execute();

      const home = await t.app.inject('/');
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Stuk nummer 12');
      expect(home.body).toContain('Stuk nummer 3');
      expect(home.body).not.toContain('Stuk nummer 2<');
      expect(home.body).not.toContain('Nog geheim');
      expect(home.body.indexOf('Stuk nummer 12')).toBeLessThan(home.body.indexOf('Stuk nummer 11'));
      expect(home.body).toContain('3 reacties');
      expect(home.body).toContain('Inleiding 12.');
      expect(home.body).toContain('href="/auteur/karin-post"');
      expect(home.body).toContain('href="/?pagina=2"');
      expect(home.body).toContain('href="/onderwerp/ondernemen"');
      expect(home.body).toContain('Nog geen waardering');

      const page2 = await t.app.inject('/?pagina=2');
      expect(page2.statusCode).toBe(200);
      expect(page2.body).toContain('Stuk nummer 2<');
      expect(page2.body).toContain('Stuk nummer 1<');
      expect(page2.body).not.toContain('Stuk nummer 3<');
      expect(page2.body).toContain('rel="prev"');
      // Odd page numbers are page 1, never an error.
      for (const q of ['?pagina=abc', '?pagina=-1', '?pagina=0', '?pagina=99999999999']) {
        expect((await t.app.inject(`/${q}`)).statusCode, q).toBe(200);
      }
      await expectValidHtml(home.body);
    });

    it('ranks best graded by Bayesian mean and leaves out a lone 10', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const lucky = await createArticle(db, { title: 'Een enkele tien', slug: 'tien' });
      const solid = await createArticle(db, { title: 'Veel achten', slug: 'achten' });
      const weak = await createArticle(db, { title: 'Zwak gewaardeerd', slug: 'zwak' });
      await storeGrades(db, lucky.id, [10]);
      await storeGrades(db, solid.id, [8, 8, 8, 8, 8, 8, 8, 8, 9, 7]);
      await storeGrades(db, weak.id, [3, 4, 2]);
      const html = (await t.app.inject('/')).body;
      const best = html.slice(html.indexOf('Best gewaardeerd'));
      expect(best.indexOf('Veel achten')).toBeGreaterThan(-1);
      expect(best.indexOf('Veel achten')).toBeLessThan(best.indexOf('Zwak gewaardeerd'));
      // One vote is too few to be called best (home.service.ts: BEST_GRADED_MIN_VOTES).
      expect(best).not.toContain('Een enkele tien');
      expect(best).not.toContain('(1 stem)');
    });

    it('home is cached under the list tags and refreshed by them', async () => {
      t = await buildTestApp(backend);
      await createArticle(t.app.db, { title: 'Eerste', slug: 'eerste' });
      await t.app.inject('/');
      const hits = t.app.pageCache.stats.hits;
      const cached = await t.app.inject('/');
      expect(t.app.pageCache.stats.hits).toBe(hits + 1);
      expect(
        (
          await t.app.inject({
            url: '/',
            headers: { 'if-none-match': String(cached.headers.etag) },
          })
        ).statusCode,
      ).toBe(304);
      await createArticle(t.app.db, { title: 'Tweede', slug: 'tweede', publishAt: day(300) });
      expect((await t.app.inject('/')).body).not.toContain('Tweede');
      announce(t, [cacheTags.articles]);
      expect((await t.app.inject('/')).body).toContain('Tweede');
    });

    it('topic page lists its articles, pages, follows renamed slugs and 404s unknown ones', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const topic = await createTopic(db, { name: 'Klantcontact', slug: 'klantcontact' });
      const other = await createTopic(db, { name: 'Anders', slug: 'anders' });
      for (let i = 1; i <= 11; i++) {
        await createArticle(db, {
          title: `Klantstuk ${i}`,
          slug: `klant-${i}`,
          publishAt: day(i),
          topicIds: [topic.id],
        });
      }
      await createArticle(db, { title: 'Ander stuk', topicIds: [other.id] });
      await db
        .insertInto('topic_redirects')
        .values({ old_slug: 'klantenservice', topic_id: topic.id })
        .execute();

      const res = await t.app.inject('/onderwerp/klantcontact');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Artikelen over Klantcontact');
      expect(res.body).toContain('Klantstuk 11');
      expect(res.body).not.toContain('Klantstuk 1<');
      expect(res.body).not.toContain('Ander stuk');
      expect(res.body).toContain('href="/onderwerp/klantcontact?pagina=2"');
      expect((await t.app.inject('/onderwerp/klantcontact?pagina=2')).body).toContain(
        'Klantstuk 1<',
      );

      const moved = await t.app.inject('/onderwerp/klantenservice');
      expect(moved.statusCode).toBe(301);
      expect(moved.headers.location).toBe('/onderwerp/klantcontact');
      for (const url of [
        '/onderwerp/bestaat-niet',
        '/onderwerp/Hoofd%20Letters',
        '/onderwerp/%00',
      ]) {
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
      }
    });

    it('author directory lists every author, cuts the bio near 100 characters and pages at 50', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const long =
        'Marijke helpt teams sinds jaar en dag met het voeren van lastige gesprekken over geld, tijd en verwachtingen op de werkvloer.';
      await createAuthor(db, {
        name: 'Aaltje Marijke',
        slug: 'aaltje-marijke',
        company: 'Gesprek & Co',
        bio: long,
      });
      for (let i = 1; i <= 50; i++) {
        await createAuthor(db, {
          name: `Zz Auteur ${String(i).padStart(2, '0')}`,
          slug: `zz-${i}`,
        });
      }
      const res = await t.app.inject('/auteurs');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Onze auteurs');
      expect(res.body).toContain('Aaltje Marijke');
      expect(res.body).toContain('Gesprek &amp; Co');
      const cut = long.slice(0, 100);
      const shown = cut.slice(0, cut.lastIndexOf(' '));
      expect(res.body).toContain(`${shown}…`);
      expect(res.body).not.toContain(long);
      // One ellipsis, then a plain "meer": no "… meer..".
      expect(res.body).toContain(
        `${shown}… <a href="/auteur/aaltje-marijke" class="more-link">meer<span class="visually-hidden"> over Aaltje Marijke</span></a>`,
      );
      expect(res.body).not.toContain('meer..');
      expect(res.body).toContain('Zz Auteur 49');
      expect(res.body).not.toContain('Zz Auteur 50');
      expect(res.body).toContain('href="/auteurs?pagina=2"');
      expect((await t.app.inject('/auteurs?pagina=2')).body).toContain('Zz Auteur 50');
      await expectValidHtml(res.body);
    });

    it('author page shows the full bio, links, articles and ProfilePage JSON-LD', async () => {
      t = await buildTestApp(backend);
      const db = t.app.db;
      const author = await createAuthor(db, {
        name: 'Henk Berg',
        slug: 'henk-berg',
        company: 'Berg Training',
        bio: 'Henk is **trainer**. Hij schrijft over verkopen.',
      });
      await db
        .updateTable('authors')
        .set({
          role_line: 'Verkooptrainer',
          website: 'https://berg.example',
          linkedin: 'javascript:alert(1)',
        })
        .where('id', '=', author.id)
        .execute();
      await createArticle(db, { title: 'Van Henk', slug: 'van-henk', authorIds: [author.id] });
      await createArticle(db, {
        title: 'Concept van Henk',
        status: 'draft',
        authorIds: [author.id],
      });
      const lonely = await createAuthor(db, { name: 'Nog Niets', slug: 'nog-niets' });

      const res = await t.app.inject('/auteur/henk-berg');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<strong>trainer</strong>');
      expect(res.body).toContain('Verkooptrainer bij Berg Training');
      expect(res.body).toContain('href="https://berg.example/"');
      expect(res.body).not.toContain('javascript:');
      expect(res.body).toContain('Van Henk');
      expect(res.body).not.toContain('Concept van Henk');
      const profile = jsonLdOf(res.body).find((d) => d['@type'] === 'ProfilePage') as {
        mainEntity: Record<string, unknown>;
      };
      expect(profile.mainEntity).toMatchObject({
        '@type': 'Person',
        name: 'Henk Berg',
        url: 'http://podium.test/auteur/henk-berg',
        worksFor: { '@type': 'Organization', name: 'Berg Training' },
      });
      expect(res.body).toContain('<meta property="og:type" content="profile"/>');
      const empty = await t.app.inject(`/auteur/${lonely.slug}`);
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('Deze auteur heeft nog geen artikelen gepubliceerd.');
      for (const url of ['/auteur/niemand', '/auteur/..%2Fetc', '/auteur/A']) {
        expect((await t.app.inject(url)).statusCode, url).toBe(404);
      }
      await expectValidHtml(res.body);
    });

    it('privacy page explains what is stored, in both languages', async () => {
      t = await buildTestApp(backend);
      const nl = await t.app.inject('/privacy');
      expect(nl.statusCode).toBe(200);
      expect(nl.body).toContain('elke dag verandert');
      expect(nl.body).toContain('Uw e-mailadres tonen we nooit');
      expect(nl.body).toContain('Gegevens laten verwijderen');
      expect(nl.body).toContain('verwijderen we de aanvraag na 7 dagen');
      await expectValidHtml(nl.body);
      await t.close();
      t = await buildTestApp(backend, { SITE_LOCALE: 'en' });
      const en = await t.app.inject('/privacy');
      expect(en.body).toContain('Having your data removed');
      expect(en.body).toContain('we delete the request after 7 days');
      expect((await t.app.inject('/auteurs')).body).toContain('Our authors');
    });
  });
}
