import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { recordChanges } from '../helpers/changes.js';
import { createArticle, createTopic } from '../helpers/factories.js';
import { type LoggedIn, loginAs } from '../helpers/login.js';
import { warmUp } from './warm-up.js';

function post(t: TestApp, who: LoggedIn, url: string, fields: Record<string, string | number>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...formHeaders, cookie: who.cookie },
    payload: form({ csrf_token: who.csrfToken, ...fields }),
  });
}

for (const backend of backends) {
  describe(`topics admin on ${backend.name}`, () => {
    warmUp(backend);
    let t: TestApp;
    afterEach(async () => t?.close());

    it('is for editors only', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      expect(
        (await t.app.inject({ url: '/beheer/onderwerpen', headers: { cookie: author.cookie } }))
          .statusCode,
      ).toBe(403);
      expect((await post(t, author, '/beheer/onderwerpen', { name: 'Verboden' })).statusCode).toBe(
        403,
      );
      expect(await t.database.db.selectFrom('topics').select('id').execute()).toHaveLength(0);
    });

    it('creates topics and refuses bad names and taken slugs', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      expect(
        (await post(t, editor, '/beheer/onderwerpen', { name: 'Koude acquisitie' })).statusCode,
      ).toBe(303);
      const list = await t.app.inject({
        url: '/beheer/onderwerpen',
        headers: { cookie: editor.cookie },
      });
      expect(list.body).toContain('koude-acquisitie');
      const cases: [Record<string, string>, string][] = [
        [{ name: '' }, 'Vul een naam in.'],
        [{ name: 'x'.repeat(61) }, 'hoogstens 60 tekens'],
        [{ name: 'Goed', slug: 'a'.repeat(10_000) }, 'Het adres mag alleen'],
        [{ name: 'Koude acquisitie' }, 'al in gebruik door een ander onderwerp'],
        [{ name: '<script>alert(1)</script>', slug: 'Fout!' }, '&lt;script>'],
      ];
      for (const [fields, message] of cases) {
        const res = await post(t, editor, '/beheer/onderwerpen', fields);
        expect(res.statusCode).toBe(422);
        expect(res.body).toContain(message);
        expect(res.body).not.toContain('<script>alert(1)</script>');
      }
      expect(await t.database.db.selectFrom('topics').select('id').execute()).toHaveLength(1);
    });

    it('renames with a redirect from the old slug, invalidating the topic and its articles', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const topic = await createTopic(t.database.db, { name: 'Sales', slug: 'sales' });
      const article = await createArticle(t.database.db, { topicIds: [topic.id] });
      const invalidated = recordChanges(t);
      const res = await post(t, editor, `/beheer/onderwerpen/${topic.id}`, {
        name: 'Verkoop',
        slug: 'verkoop',
      });
      expect(res.statusCode).toBe(303);
      expect(invalidated).toEqual([['topics', `topic:${topic.id}`, `article:${article.id}`]]);
      const redirect = await t.database.db.selectFrom('topic_redirects').selectAll().execute();
      expect(redirect).toEqual([{ old_slug: 'sales', topic_id: topic.id }]);
      if (t.app.hasRoute({ method: 'GET', url: '/onderwerp/:slug' })) {
        const old = await t.app.inject('/onderwerp/sales');
        expect(old.statusCode).toBe(301);
        expect(old.headers.location).toBe('/onderwerp/verkoop');
      }
      // Taking the old slug back removes the redirect instead of looping.
      expect(
        (await post(t, editor, `/beheer/onderwerpen/${topic.id}`, { name: 'Sales', slug: 'sales' }))
          .statusCode,
      ).toBe(303);
      const after = await t.database.db.selectFrom('topic_redirects').selectAll().execute();
      expect(after).toEqual([{ old_slug: 'verkoop', topic_id: topic.id }]);
      const other = await createTopic(t.database.db, { name: 'Ander', slug: 'ander' });
      const clash = await post(t, editor, `/beheer/onderwerpen/${other.id}`, {
        name: 'Ander',
        slug: 'verkoop',
      });
      expect(clash.statusCode).toBe(422);
    });

    it('merges one topic into another and deletes topics, keeping the articles', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const a = await createTopic(t.database.db, { name: 'Acquisitie', slug: 'acquisitie' });
      const b = await createTopic(t.database.db, { name: 'Prospectie', slug: 'prospectie' });
      const both = await createArticle(t.database.db, { topicIds: [a.id, b.id] });
      const onlyB = await createArticle(t.database.db, { topicIds: [b.id] });
      expect(
        (await post(t, editor, `/beheer/onderwerpen/${b.id}/samenvoegen`, { merge_into: b.id }))
          .statusCode,
      ).toBe(422);
      expect(
        (await post(t, editor, `/beheer/onderwerpen/${b.id}/samenvoegen`, { merge_into: 999999 }))
          .statusCode,
      ).toBe(422);
      const merged = await post(t, editor, `/beheer/onderwerpen/${b.id}/samenvoegen`, {
        merge_into: a.id,
      });
      expect(merged.statusCode).toBe(303);
      const links = await t.database.db
        .selectFrom('article_topics')
        .selectAll()
        .orderBy('article_id')
        .execute();
      expect(links).toEqual([
        { article_id: both.id, topic_id: a.id },
        { article_id: onlyB.id, topic_id: a.id },
      ]);
      const redirects = await t.database.db.selectFrom('topic_redirects').selectAll().execute();
      expect(redirects).toEqual([{ old_slug: 'prospectie', topic_id: a.id }]);

      expect(
        (await post(t, editor, `/beheer/onderwerpen/${a.id}/verwijderen`, {})).statusCode,
      ).toBe(303);
      expect(await t.database.db.selectFrom('topics').select('id').execute()).toHaveLength(0);
      expect(await t.database.db.selectFrom('articles').select('id').execute()).toHaveLength(2);
      expect(
        (await post(t, editor, `/beheer/onderwerpen/${a.id}/verwijderen`, {})).statusCode,
      ).toBe(404);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'topic.%')
        .execute();
      expect(audit.map((r) => r.action).sort()).toEqual(['topic.delete', 'topic.merge']);
    });
  });
}
