// Grading through HTTP on every backend: the form without script (post, redirect, see),
// the JSON flow of the enhancing script, one changeable grade per reader, ballot stuffing
// held back, refusals of every kind, and the page cache around it all.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { totalsOf } from '../../src/features/grades/grades.repository.js';
import { createFormToken } from '../../src/infra/form-token.js';
import {
  buildTestApp,
  cookiesFrom,
  form,
  formHeaders,
  TEST_SECRET,
  type TestApp,
} from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { expectValidHtml } from '../site/site-fixtures.js';

const token = () => createFormToken(TEST_SECRET);

function tokenFrom(html: string): string {
  const match = /name="form_token" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no form token in page');
  return match[1];
}

function checkedScore(html: string): string | undefined {
  const match = /<input type="radio" name="score" value="(\d+)" checked/.exec(html);
  return match?.[1];
}

async function gradeRows(t: TestApp, articleId: number) {
  return t.database.db
    .selectFrom('grades')
    .select(['reader_key', 'score', 'state', 'address_hash'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
}

for (const backend of backends) {
  describe(`grading on ${backend.name}`, () => {
    // Starting a backend (PGlite above all) may take long on a busy machine: not inside a test.
    beforeAll(async () => {
      await (await backend.open()).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    async function post(
      articleId: number | string,
      fields: Record<string, string | number | undefined>,
      options: {
        cookie?: string;
        json?: boolean;
        headers?: Record<string, string>;
        remoteAddress?: string;
      } = {},
    ) {
      return t.app.inject({
        method: 'POST',
        url: `/artikel/${articleId}/waardering`,
        headers: {
          ...formHeaders,
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.json ? { accept: 'application/json' } : {}),
          ...options.headers,
        },
        remoteAddress: options.remoteAddress,
        payload: form(fields),
      });
    }

    it('grades without script: post, 303 to #waardering, thank-you and own grade shown', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db, { title: 'Verkopen zonder script' });
      const path = `/artikel/${article.id}/${article.slug}`;

      const page = await t.app.inject(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Nog geen waardering');
      expect(page.body).toContain(`action="/artikel/${article.id}/waardering"`);
      expect(page.body.match(/name="score"/g)).toHaveLength(10);
      expect(checkedScore(page.body)).toBeUndefined();

      const res = await post(article.id, { score: 7, form_token: tokenFrom(page.body) });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${path}#waardering`);
      const cookie = cookiesFrom(res);
      expect(cookie).toContain('podium_reader=');
      const readerCookie = res.cookies.find((c) => c.name === 'podium_reader');
      expect(readerCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(readerCookie?.maxAge).toBe(365 * 24 * 60 * 60);

      const after = await t.app.inject({ url: path, headers: { cookie } });
      expect(after.statusCode).toBe(200);
      expect(after.headers['cache-control']).toBe('private, no-store');
      expect(after.body).toContain('Bedankt voor uw waardering.');
      expect(after.body).toContain('Waardering 7,0 (1 stem)');
      expect(after.body).toContain('Uw cijfer: 7');
      expect(checkedScore(after.body)).toBe('7');
      await expectValidHtml(after.body);

      // Later visits: the flash is gone, the own grade stays, still never cached.
      const later = await t.app.inject({
        url: path,
        headers: { cookie: cookiesFrom(after, cookie) },
      });
      expect(later.body).not.toContain('Bedankt voor uw waardering.');
      expect(checkedScore(later.body)).toBe('7');
      expect(later.headers['cache-control']).toBe('private, no-store');

      // Everyone else sees the numbers but no chosen grade.
      const anonymous = await t.app.inject(path);
      expect(anonymous.body).toContain('Waardering 7,0 (1 stem)');
      expect(checkedScore(anonymous.body)).toBeUndefined();
      expect(anonymous.body).not.toContain('Uw cijfer:');
    });

    it('answers the enhancing script with JSON, and a changed grade keeps the count', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const first = await post(article.id, { score: 6, form_token: token() }, { json: true });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({
        score: 6,
        state: 'counted',
        change: 'created',
        count: 1,
        mean: 6,
        summary: 'Waardering 6,0 (1 stem)',
        own: 'Uw cijfer: 6',
        message: 'Bedankt voor uw waardering.',
      });
      const cookie = cookiesFrom(first);
      const other = await post(article.id, { score: 9, form_token: token() }, { json: true });
      expect(other.json()).toMatchObject({ count: 2, summary: 'Waardering 7,5 (2 stemmen)' });

      const changed = await post(
        article.id,
        { score: 8, form_token: token() },
        { cookie, json: true },
      );
      expect(changed.json()).toMatchObject({
        change: 'changed',
        count: 2,
        summary: 'Waardering 8,5 (2 stemmen)',
        message: 'Uw waardering is gewijzigd.',
      });
      // A replay of the same post changes nothing.
      const replay = await post(
        article.id,
        { score: 8, form_token: token() },
        { cookie, json: true },
      );
      expect(replay.json()).toMatchObject({ change: 'unchanged', count: 2 });

      const totals = await totalsOf(t.database.db, article.id);
      expect(totals).toEqual({ count: 2, sum: 17, histogram: [0, 0, 0, 0, 0, 0, 0, 1, 1, 0] });
      expect(await gradeRows(t, article.id)).toHaveLength(2);
    });

    it('shows the mean in English with the English catalog', async () => {
      t = await buildTestApp(backend, { SITE_LOCALE: 'en' });
      const article = await createArticle(t.database.db);
      const res = await post(article.id, { score: 7, form_token: token() }, { json: true });
      expect(res.json().summary).toBe('Rating 7.0 (1 vote)');
      await post(article.id, { score: 6, form_token: token() }, { json: true });
      const page = await t.app.inject(`/artikel/${article.id}/${article.slug}`);
      expect(page.body).toContain('Rating 6.5 (2 votes)');
    });

    it('holds back many grades from one address, until an editor accepts them', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const states: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await post(
          article.id,
          { score: 10, form_token: token() },
          { json: true, remoteAddress: '203.0.113.9' },
        );
        expect(res.statusCode).toBe(200);
        states.push(res.json().state);
      }
      expect(states).toEqual([
        'counted',
        'counted',
        'counted',
        'counted',
        'counted',
        'held',
        'held',
      ]);
      const held = await post(
        article.id,
        { score: 10, form_token: token() },
        { remoteAddress: '203.0.113.9' },
      );
      expect(held.statusCode).toBe(303);
      const page = await t.app.inject({
        url: held.headers.location as string,
        headers: { cookie: cookiesFrom(held) },
      });
      expect(page.body).toContain('Uw waardering telt mee zodra de redactie haar heeft bekeken.');
      expect(page.body).toContain('Waardering 10,0 (5 stemmen)');
      // Another address is not affected.
      const other = await post(
        article.id,
        { score: 2, form_token: token() },
        { json: true, remoteAddress: '198.51.100.1' },
      );
      expect(other.json()).toMatchObject({ state: 'counted', count: 6 });
      const rows = await gradeRows(t, article.id);
      expect(rows.filter((r) => r.state === 'held')).toHaveLength(3);
      // No raw address is stored.
      expect(rows.some((r) => r.address_hash.includes('203.0.113'))).toBe(false);
    });

    it('does not let a forged X-Forwarded-For escape the limit without TRUST_PROXY', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const states: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await post(
          article.id,
          { score: 5, form_token: token() },
          {
            json: true,
            remoteAddress: '203.0.113.50',
            headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
          },
        );
        states.push(res.json().state);
      }
      expect(states.filter((s) => s === 'held')).toHaveLength(2);
    });

    it('honours X-Forwarded-For from the proxy with TRUST_PROXY=1', async () => {
      t = await buildTestApp(backend, { TRUST_PROXY: '1' });
      const article = await createArticle(t.database.db);
      const states: string[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await post(
          article.id,
          { score: 5, form_token: token() },
          {
            json: true,
            remoteAddress: '10.0.0.2',
            headers: { 'x-forwarded-for': `192.0.2.${i + 1}` },
          },
        );
        states.push(res.json().state);
      }
      expect(states.every((s) => s === 'counted')).toBe(true);
      // The same client behind the proxy still hits its limit.
      for (let i = 0; i < 6; i++) {
        const res = await post(
          article.id,
          { score: 5, form_token: token() },
          {
            json: true,
            remoteAddress: '10.0.0.2',
            headers: { 'x-forwarded-for': '192.0.2.200' },
          },
        );
        states.push(res.json().state);
      }
      expect(states.slice(7)).toEqual([
        'counted',
        'counted',
        'counted',
        'counted',
        'counted',
        'held',
      ]);
    });

    it('refuses a missing, forged or expired form token and a cross-site post', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const expired = createFormToken(TEST_SECRET, Date.now() - 3 * 24 * 60 * 60 * 1000);
      const forged = createFormToken('another-secret-another-secret-another-0');
      for (const formToken of [undefined, '', 'nonsense', forged, expired]) {
        const res = await post(article.id, { score: 7, form_token: formToken });
        expect(res.statusCode).toBe(403);
        expect(res.body).toContain('Dit formulier is verlopen of ongeldig');
        const json = await post(article.id, { score: 7, form_token: formToken }, { json: true });
        expect(json.statusCode).toBe(403);
        expect(json.json()).toMatchObject({ error: 'form_token' });
      }
      const crossSite = await t.app.inject({
        method: 'POST',
        url: `/artikel/${article.id}/waardering`,
        headers: { ...formHeaders, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        payload: form({ score: 7, form_token: token() }),
      });
      expect(crossSite.statusCode).toBe(403);
      const foreignOrigin = await t.app.inject({
        method: 'POST',
        url: `/artikel/${article.id}/waardering`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://evil.example',
        },
        payload: form({ score: 7, form_token: token() }),
      });
      expect(foreignOrigin.statusCode).toBe(403);
      expect(await gradeRows(t, article.id)).toHaveLength(0);
    });

    it('refuses every bad score with a clear 4xx and stores nothing', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const bad = [
        '0',
        '11',
        '7.5',
        '',
        'abc',
        ' 7',
        '07',
        '-1',
        '1e1',
        '７',
        '10 ',
        '9999999999999',
      ];
      for (const score of bad) {
        const res = await post(article.id, { score, form_token: token() });
        expect(res.statusCode, `score ${JSON.stringify(score)}`).toBe(422);
        expect(res.body).toContain('Kies een cijfer van 1 tot en met 10.');
        expect(res.body).toContain(`action="/artikel/${article.id}/waardering"`);
        if (score === '0') await expectValidHtml(res.body);
        const json = await post(article.id, { score, form_token: token() }, { json: true });
        expect(json.statusCode).toBe(422);
        expect(json.json()).toMatchObject({
          error: 'validation',
          fields: { score: 'Kies een cijfer van 1 tot en met 10.' },
        });
      }
      const missing = await post(article.id, { form_token: token() });
      expect(missing.statusCode).toBe(422);
      const repeated = await t.app.inject({
        method: 'POST',
        url: `/artikel/${article.id}/waardering`,
        headers: formHeaders,
        payload: `score=7&score=8&form_token=${encodeURIComponent(token())}`,
      });
      expect(repeated.statusCode).toBe(422);
      const asJson = await t.app.inject({
        method: 'POST',
        url: `/artikel/${article.id}/waardering`,
        headers: { ...formHeaders, 'content-type': 'application/json', accept: 'application/json' },
        payload: JSON.stringify({ score: 7, form_token: token() }),
      });
      expect(asJson.statusCode).toBe(422);
      expect(await gradeRows(t, article.id)).toHaveLength(0);
      expect((await totalsOf(t.database.db, article.id)).count).toBe(0);
    });

    it('refuses unknown, unpublished and malformed articles', async () => {
      t = await buildTestApp(backend);
      const draft = await createArticle(t.database.db, { status: 'draft' });
      const scheduled = await createArticle(t.database.db, {
        status: 'scheduled',
        publishAt: '2099-01-01T00:00:00.000Z',
      });
      for (const id of [
        draft.id,
        scheduled.id,
        999999,
        'abc',
        '0',
        '1.5',
        '-3',
        '99999999999999',
      ]) {
        const res = await post(id, { score: 7, form_token: token() });
        expect(res.statusCode, `article ${id}`).toBe(404);
        const json = await post(id, { score: 7, form_token: token() }, { json: true });
        expect(json.statusCode).toBe(404);
      }
      const rows = await t.database.db.selectFrom('grades').selectAll().execute();
      expect(rows).toHaveLength(0);
    });

    it('serves the anonymous page from the cache, and new numbers at once after a grade', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const path = `/artikel/${article.id}/${article.slug}`;
      const first = await t.app.inject(path);
      expect(first.headers['cache-control']).toContain('public');
      const hits = t.app.pageCache.stats.hits;
      const second = await t.app.inject(path);
      expect(t.app.pageCache.stats.hits).toBe(hits + 1);
      expect(second.headers.etag).toBe(first.headers.etag);
      // Cached pages still carry a fresh, valid form token.
      expect(tokenFrom(second.body)).not.toBe('__PODIUM_FORM_TOKEN__');

      await post(article.id, { score: 4, form_token: tokenFrom(second.body) }, { json: true });
      const third = await t.app.inject(path);
      expect(third.body).toContain('Waardering 4,0 (1 stem)');
      expect(third.headers.etag).not.toBe(first.headers.etag);
    });

    it("never shows reader A's chosen grade in reader B's page", async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const path = `/artikel/${article.id}/${article.slug}`;
      const a = await post(article.id, { score: 3, form_token: token() });
      const cookieA = cookiesFrom(a);
      const pageA = await t.app.inject({ url: path, headers: { cookie: cookieA } });
      expect(checkedScore(pageA.body)).toBe('3');

      // Reader B has a reader cookie (from elsewhere) but no grade: the shared page.
      const b = await post(article.id, { score: 'x', form_token: token() });
      expect(b.statusCode).toBe(422);
      const other = await createArticle(t.database.db);
      const bElsewhere = await post(other.id, { score: 9, form_token: token() });
      const cookieB = cookiesFrom(bElsewhere);
      for (let i = 0; i < 2; i++) {
        const pageB = await t.app.inject({
          url: path,
          headers: { cookie: cookieB.replace(/podium_flash=[^;]*;? ?/, '') },
        });
        expect(checkedScore(pageB.body)).toBeUndefined();
        expect(pageB.body).not.toContain('Uw cijfer:');
        expect(pageB.body).toContain('Waardering 3,0 (1 stem)');
      }
      const bGrades = await post(
        article.id,
        { score: 8, form_token: token() },
        { cookie: cookieB },
      );
      const pageB = await t.app.inject({
        url: path,
        headers: { cookie: cookiesFrom(bGrades, cookieB) },
      });
      expect(checkedScore(pageB.body)).toBe('8');
      expect(pageB.body).toContain('Waardering 5,5 (2 stemmen)');
      const pageAAgain = await t.app.inject({
        url: path,
        headers: { cookie: cookieA.replace(/podium_flash=[^;]*;? ?/, '') },
      });
      expect(checkedScore(pageAAgain.body)).toBe('3');
    });
  });
}
