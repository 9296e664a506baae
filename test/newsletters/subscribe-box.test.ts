import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { announce } from '../helpers/changes.js';
import { createArticle, createAuthor, createList } from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';

for (const backend of backends) {
  describe(`subscribe box on article pages on ${backend.name}`, { timeout: 120_000 }, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await buildTestApp(backend);
    }, 120_000);
    afterEach(async () => t?.close());

    it('follows the placement setting, and a change shows at once', async () => {
      const author = await createAuthor(t.database.db);
      const article = await createArticle(t.database.db, { authorIds: [author.id] });
      const url = `/artikel/${article.id}/${article.slug}`;
      // No public list: no box.
      expect((await t.app.inject(url)).body).not.toContain('subscribe-box');
      await createList(t.database.db, { name: 'Persoonlijke Sales Ontwikkeling' });
      announce(t, ['lists']);

      const atEnd = await t.app.inject(url);
      expect(atEnd.statusCode).toBe(200);
      expect(atEnd.body).toContain('id="subscribe-article-end-heading"');
      expect(atEnd.body).toContain('action="/nieuwsbrief"');
      expect(atEnd.body).toContain('Abonneer');

      const editor = await loginAs(t, 'editor');
      const save = async (box: string) =>
        t.app.inject({
          method: 'POST',
          url: '/beheer/nieuwsbrieven/instellingen',
          headers: { ...formHeaders, cookie: editor.cookie },
          payload: form({ csrf_token: editor.csrfToken, rate: 600, box }),
        });
      expect((await save('sidebar')).statusCode).toBe(303);
      const sidebar = await t.app.inject(url);
      expect(sidebar.body).toContain('id="subscribe-sidebar-heading"');
      expect(sidebar.body).not.toContain('id="subscribe-article-end-heading"');
      expect((await save('none')).statusCode).toBe(303);
      expect((await t.app.inject(url)).body).not.toContain('subscribe-box');
    });
  });
}
