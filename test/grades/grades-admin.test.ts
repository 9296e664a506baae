// The back office of grading on every backend: who sees which statistics, the charts,
// and editors accepting or deleting held-back votes.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { totalsOf } from '../../src/features/grades/grades.repository.js';
import { gradeArticle } from '../../src/features/grades/grades.service.js';
import { buildTestApp, cookiesFrom, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createAuthor } from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';
import { expectValidHtml } from '../site/site-fixtures.js';

async function grade(
  t: TestApp,
  articleId: number,
  reader: string,
  score: number,
  address = reader,
) {
  return gradeArticle(t.database.db, { articleId, readerKey: reader, score, addressHash: address });
}

for (const backend of backends) {
  describe(`grades back office on ${backend.name}`, () => {
    // Starting a backend (PGlite above all) may take long on a busy machine: not inside a test.
    beforeAll(async () => {
      await (await backend.open()).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    it('shows an author the statistics of their own articles only', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const stranger = await createAuthor(t.database.db, { name: 'Andere Auteur' });
      const mine = await createArticle(t.database.db, {
        title: 'Mijn artikel',
        authorIds: [author.authorId!],
      });
      const mineToo = await createArticle(t.database.db, {
        title: 'Mijn tweede',
        authorIds: [author.authorId!],
      });
      const theirs = await createArticle(t.database.db, {
        title: 'Hun artikel',
        authorIds: [stranger.id],
      });
      for (const [i, s] of [8, 8, 6, 10].entries()) await grade(t, mine.id, `m${i}`, s);
      await grade(t, mineToo.id, 'x1', 4);
      await grade(t, theirs.id, 'y1', 2);

      const overview = await t.app.inject({
        url: '/beheer/waarderingen',
        headers: { cookie: author.cookie },
      });
      expect(overview.statusCode).toBe(200);
      expect(overview.headers['cache-control']).toBe('private, no-store');
      expect(overview.body).toContain('Mijn artikel');
      expect(overview.body).toContain('Mijn tweede');
      expect(overview.body).not.toContain('Hun artikel');
      expect(overview.body).not.toContain('Achtergehouden waarderingen');
      await expectValidHtml(overview.body);

      const forbidden = await t.app.inject({
        url: `/beheer/waarderingen/${theirs.id}`,
        headers: { cookie: author.cookie },
      });
      expect(forbidden.statusCode).toBe(403);

      const stats = await t.app.inject({
        url: `/beheer/waarderingen/${mine.id}`,
        headers: { cookie: author.cookie },
      });
      expect(stats.statusCode).toBe(200);
      const body = stats.body;
      expect(body).toContain('Waarderingen: Mijn artikel');
      expect(body).toMatch(
        /<svg class="chart chart--histogram" role="img" aria-labelledby="histogram-title histogram-desc"/,
      );
      expect(body).toContain('<title id="histogram-title">Verdeling van de cijfers</title>');
      expect(body).toContain(
        'Aantal stemmen per cijfer: 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 0, 8: 2, 9: 0, 10: 1.',
      );
      expect(body).toContain('<title id="trend-title">Gemiddelde per week</title>');
      expect(body).toMatch(/Gemiddeld cijfer per week: week van [^:]+: 8,0 \(4 stemmen\)/);
      // Comparison: this article 8,0; other articles of the author 4,0; site (4+1+1 votes) 38/6.
      expect(body).toMatch(/Dit artikel<\/th><td>8,0<\/td><td>4<\/td>/);
      expect(body).toMatch(
        /Andere artikelen van dezelfde auteur\(s\)<\/th><td>4,0<\/td><td>1<\/td>/,
      );
      expect(body).toMatch(/Hele site<\/th><td>6,3<\/td><td>6<\/td>/);
      await expectValidHtml(body);

      const notFound = await t.app.inject({
        url: '/beheer/waarderingen/999999',
        headers: { cookie: author.cookie },
      });
      expect(notFound.statusCode).toBe(404);
      const malformed = await t.app.inject({
        url: '/beheer/waarderingen/abc',
        headers: { cookie: author.cookie },
      });
      expect(malformed.statusCode).toBe(404);
    });

    it('pages through the articles, most graded first', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      for (let i = 0; i < 103; i++) {
        await createArticle(t.database.db, { title: `Stuk nummer ${i}` });
      }
      const top = await createArticle(t.database.db, { title: 'Meest gewaardeerd' });
      await grade(t, top.id, 'r1', 9);
      const rows = (html: string) => html.match(/Stuk nummer \d+|Meest gewaardeerd/g) ?? [];
      const open = (url: string) => t.app.inject({ url, headers: { cookie: editor.cookie } });
      const first = await open('/beheer/waarderingen');
      expect(rows(first.body)).toHaveLength(100);
      expect(rows(first.body)[0]).toBe('Meest gewaardeerd');
      expect(first.body).toContain('href="/beheer/waarderingen?pagina=2"');
      const second = await open('/beheer/waarderingen?pagina=2');
      expect(rows(second.body)).toHaveLength(4);
      expect(second.body).toContain('href="/beheer/waarderingen"');
      const seen = new Set([...rows(first.body), ...rows(second.body)]);
      expect(seen.size).toBe(104);
    });

    it('shows the oldest hundred held votes and says how many there are', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const article = await createArticle(t.database.db, { title: 'Veel verdacht' });
      const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      await t.database.db
        .insertInto('grades')
        .values(
          Array.from({ length: 103 }, (_, i) => ({
            article_id: article.id,
            reader_key: `held-${i}`,
            score: 9,
            address_hash: 'same-address',
            state: 'held' as const,
            created_at: at(i),
            updated_at: at(i),
          })),
        )
        .execute();
      for (const url of ['/beheer/waarderingen', `/beheer/waarderingen/${article.id}`]) {
        const page = await t.app.inject({ url, headers: { cookie: editor.cookie } });
        expect(page.body.match(/<time datetime="2026-01-01T/g)).toHaveLength(100);
        expect(page.body).toContain('Hier staan de oudste 100 van 103');
        expect(page.body).not.toContain('2026-01-01T01:42'); // the newest waits its turn
      }
    });

    it('sends an anonymous visitor to the login page', async () => {
      t = await buildTestApp(backend);
      const res = await t.app.inject('/beheer/waarderingen');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toContain('/beheer/inloggen');
    });

    it('lets an editor accept a held vote into the totals, and delete another', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const article = await createArticle(t.database.db, { title: 'Gestapeld' });
      for (let i = 0; i < 7; i++)
        await grade(t, article.id, `r${i}`, i === 5 ? 3 : 9, 'same-address');
      expect(await totalsOf(t.database.db, article.id)).toMatchObject({ count: 5, sum: 45 });
      const held = await t.database.db
        .selectFrom('grades')
        .select(['id', 'score'])
        .where('state', '=', 'held')
        .orderBy('id')
        .execute();
      expect(held.map((h) => h.score)).toEqual([3, 9]);

      const page = `/artikel/${article.id}/${article.slug}`;
      expect((await t.app.inject(page)).body).toContain('Waardering 9,0 (5 stemmen)');

      const overview = await t.app.inject({
        url: '/beheer/waarderingen',
        headers: { cookie: editor.cookie },
      });
      expect(overview.body).toContain('Achtergehouden waarderingen');
      expect(overview.body).toContain(`/beheer/waarderingen/stem/${held[0]!.id}/accepteren`);
      await expectValidHtml(overview.body);

      const accept = await t.app.inject({
        method: 'POST',
        url: `/beheer/waarderingen/stem/${held[0]!.id}/accepteren`,
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({
          csrf_token: editor.csrfToken,
          terug: `/beheer/waarderingen/${article.id}`,
        }),
      });
      expect(accept.statusCode).toBe(303);
      expect(accept.headers.location).toBe(`/beheer/waarderingen/${article.id}`);
      expect(await totalsOf(t.database.db, article.id)).toEqual({
        count: 6,
        sum: 48,
        histogram: [0, 0, 1, 0, 0, 0, 0, 0, 5, 0],
      });
      const after = await t.app.inject({
        url: accept.headers.location as string,
        headers: { cookie: cookiesFrom(accept, editor.cookie) },
      });
      expect(after.body).toContain('De waardering telt nu mee.');
      // The cached public page shows the accepted vote at once.
      expect((await t.app.inject(page)).body).toContain('Waardering 8,0 (6 stemmen)');

      // Accepting twice changes nothing.
      const again = await t.app.inject({
        method: 'POST',
        url: `/beheer/waarderingen/stem/${held[0]!.id}/accepteren`,
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({ csrf_token: editor.csrfToken }),
      });
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe('/beheer/waarderingen');
      expect((await totalsOf(t.database.db, article.id)).count).toBe(6);

      const discard = await t.app.inject({
        method: 'POST',
        url: `/beheer/waarderingen/stem/${held[1]!.id}/verwijderen`,
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({ csrf_token: editor.csrfToken, terug: 'https://evil.example/' }),
      });
      expect(discard.statusCode).toBe(303);
      expect(discard.headers.location).toBe('/beheer/waarderingen');
      expect(
        await t.database.db
          .selectFrom('grades')
          .select('id')
          .where('id', '=', held[1]!.id)
          .execute(),
      ).toHaveLength(0);
      expect((await totalsOf(t.database.db, article.id)).count).toBe(6);

      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'subject_id', 'user_id'])
        .orderBy('id')
        .execute();
      expect(audit.filter((a) => a.action.startsWith('grade.'))).toEqual([
        { action: 'grade.accept', subject_id: String(held[0]!.id), user_id: editor.user.id },
        { action: 'grade.discard', subject_id: String(held[1]!.id), user_id: editor.user.id },
      ]);

      // A counted vote cannot be deleted through this door.
      const counted = await t.database.db
        .selectFrom('grades')
        .select('id')
        .where('state', '=', 'counted')
        .executeTakeFirstOrThrow();
      await t.app.inject({
        method: 'POST',
        url: `/beheer/waarderingen/stem/${counted.id}/verwijderen`,
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({ csrf_token: editor.csrfToken }),
      });
      expect((await totalsOf(t.database.db, article.id)).count).toBe(6);
    });

    it('refuses authors and missing CSRF tokens on held votes', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const editor = await loginAs(t, 'editor');
      const article = await createArticle(t.database.db, { authorIds: [author.authorId!] });
      for (let i = 0; i < 6; i++) await grade(t, article.id, `r${i}`, 7, 'one-address');
      const held = await t.database.db
        .selectFrom('grades')
        .select('id')
        .where('state', '=', 'held')
        .executeTakeFirstOrThrow();
      const byAuthor = await t.app.inject({
        method: 'POST',
        url: `/beheer/waarderingen/stem/${held.id}/accepteren`,
        headers: { ...formHeaders, cookie: author.cookie },
        payload: form({ csrf_token: author.csrfToken }),
      });
      expect(byAuthor.statusCode).toBe(403);
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: `/beheer/waarderingen/stem/${held.id}/accepteren`,
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({}),
      });
      expect(noCsrf.statusCode).toBe(403);
      expect((await totalsOf(t.database.db, article.id)).count).toBe(5);
    });
  });
}
