// The whole app over real HTTP: the front door answers cookieless readers from the page
// cache with what the route itself would send, and a write shows at once.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle, storeGrades } from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';

function withoutDate(headers: Headers): Record<string, string> {
  const { date: _date, ...rest } = Object.fromEntries(headers);
  return rest;
}

for (const backend of backends) {
  describe(`front door on ${backend.name}`, () => {
    beforeAll(async () => {
      await (await backend.open()).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    async function listening(): Promise<string> {
      t = await buildTestApp(backend);
      return t.app.listen({ host: '127.0.0.1', port: 0 });
    }

    it('answers a repeat visit with the same page and headers, and a grade at once', async () => {
      const base = await listening();
      const article = await createArticle(t.database.db, { title: 'Luisteren loont' });
      await storeGrades(t.database.db, article.id, [6, 8]);
      const url = `${base}/artikel/${article.id}/${article.slug}`;

      const first = await fetch(url);
      const firstBody = await first.text();
      expect(firstBody).toContain('Waardering 7,0 (2 stemmen)');
      const hits = t.app.pageCache.stats.hits;
      const second = await fetch(url);
      const secondBody = await second.text();
      expect(t.app.pageCache.stats.hits).toBe(hits + 1);
      expect(withoutDate(second.headers)).toEqual(withoutDate(first.headers));
      expect(second.headers.get('content-security-policy')).toContain("default-src 'self'");
      // The page is the same but for the form token of this second.
      // Every form on the page carries it; the two answers may fall in different seconds.
      const token = /name="form_token" value="([^"]+)"/;
      const tokens = /name="form_token" value="[^"]+"/g;
      expect(secondBody.replace(tokens, '')).toBe(firstBody.replace(tokens, ''));
      const formToken = token.exec(secondBody)?.[1];
      expect(formToken).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{32}$/);

      const graded = await fetch(`${base}/artikel/${article.id}/waardering`, {
        method: 'POST',
        headers: { ...formHeaders, origin: base },
        body: form({ score: 10, form_token: formToken }),
        redirect: 'manual',
      });
      expect(graded.status).toBe(303);
      const after = await (await fetch(url)).text();
      expect(after).toContain('Waardering 8,0 (3 stemmen)');
    });

    it('never answers a reader who carries a session', async () => {
      const base = await listening();
      const article = await createArticle(t.database.db, { title: 'Luisteren loont' });
      const url = `${base}/artikel/${article.id}/${article.slug}`;
      await fetch(url);
      await fetch(url);
      const editor = await loginAs(t, 'editor');
      const personal = await fetch(url, { headers: { cookie: editor.cookie } });
      expect(personal.headers.get('cache-control')).toBe('private, no-store');
    });

    it('leaves old /?p= addresses to their redirect, even with the home page stored', async () => {
      const base = await listening();
      const article = await createArticle(t.database.db, { title: 'Luisteren loont' });
      expect((await fetch(`${base}/?p=77`)).status).toBe(200);
      expect((await fetch(`${base}/?p=77`)).status).toBe(200);
      await t.database.db
        .insertInto('legacy_redirects')
        .values({
          legacy_path: '?p=77',
          target_path: `/artikel/${article.id}/${article.slug}`,
          created_at: new Date().toISOString(),
        })
        .execute();
      const moved = await fetch(`${base}/?p=77`, { redirect: 'manual' });
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe(`/artikel/${article.id}/${article.slug}`);
    });
  });
}
