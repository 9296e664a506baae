// The writing screens are valid HTML (the same checker rules as the public pages).
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, formHeaders, type TestApp } from '../helpers/app.js';
import { sqliteOnly } from '../helpers/backends.js';
import { createArticle, createAuthor, createTopic } from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';
import { expectValidHtml } from '../site/site-fixtures.js';

for (const backend of sqliteOnly) {
  describe('writing screens', () => {
    let t: TestApp;
    afterEach(async () => t?.close());

    it('render valid HTML', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const author = await createAuthor(t.database.db, { name: 'Gast' });
      const topic = await createTopic(t.database.db);
      const article = await createArticle(t.database.db, {
        authorIds: [author.id],
        topicIds: [topic.id],
      });
      await t.database.db
        .insertInto('revisions')
        .values({
          article_id: article.id,
          user_id: editor.user.id,
          title: 'Oud',
          lead: '',
          body_source: 'Oude tekst',
          created_at: new Date().toISOString(),
        })
        .execute();
      const revision = await t.database.db
        .selectFrom('revisions')
        .select('id')
        .executeTakeFirstOrThrow();
      const pages = [
        '/beheer/artikelen',
        '/beheer/artikelen/nieuw',
        `/beheer/artikelen/${article.id}`,
        `/beheer/artikelen/${article.id}/versies`,
        `/beheer/artikelen/${article.id}/versies/${revision.id}`,
        '/beheer/profiel',
        '/beheer/auteurs',
        `/beheer/auteurs/${author.id}`,
        '/beheer/onderwerpen',
        `/beheer/onderwerpen/${topic.id}`,
      ];
      for (const url of pages) {
        const res = await t.app.inject({ url, headers: { cookie: editor.cookie } });
        expect(res.statusCode, url).toBe(200);
        await expectValidHtml(res.body);
      }
      const refused = await t.app.inject({
        method: 'POST',
        url: '/beheer/artikelen/nieuw',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: new URLSearchParams({
          csrf_token: editor.csrfToken,
          title: '',
          body: 'x',
        }).toString(),
      });
      expect(refused.statusCode).toBe(422);
      await expectValidHtml(refused.body);
    });
  });
}
