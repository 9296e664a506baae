import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { commentsOf, postComment } from './comment-helpers.js';

for (const backend of backends) {
  describe(`spam and flood defences on ${backend.name}`, () => {
    let t: TestApp;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => t?.close());

    it('refuses a filled-in honeypot with a clear message, and accepts it when switched off', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const fields = { name: 'Bot', body: 'Koop nu!', fax: '0123' };
      const { res } = await postComment(t, article.id, fields);
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('verborgen veld');
      expect(await commentsOf(t, article.id)).toHaveLength(0);
      await saveCommentSetting(t.database.db, 'honeypot', false);
      expect((await postComment(t, article.id, fields)).res.statusCode).toBe(303);
    });

    it('refuses a post sent too soon after the form was loaded', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const fields = { name: 'Snel', body: 'Heel snel getypt.' };
      const { res } = await postComment(t, article.id, fields, { ageMs: 500 });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('automatisch');
      await saveCommentSetting(t.database.db, 'minSeconds', 0);
      expect((await postComment(t, article.id, fields, { ageMs: 500 })).res.statusCode).toBe(303);
    });

    it('limits the number of links, as configured', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      await saveCommentSetting(t.database.db, 'maxLinks', 0);
      const { res } = await postComment(t, article.id, { name: 'L', body: 'Zie example.org' });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('te veel links');
      await saveCommentSetting(t.database.db, 'maxLinks', 1);
      expect(
        (await postComment(t, article.id, { name: 'L', body: 'Zie example.org' })).res.statusCode,
      ).toBe(303);
    });

    it('refuses the same text twice on one article', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const other = await createArticle(t.database.db);
      const fields = { name: 'D', body: 'Precies dezelfde tekst.' };
      expect((await postComment(t, article.id, fields)).res.statusCode).toBe(303);
      const again = await postComment(t, article.id, { ...fields, name: 'E' });
      expect(again.res.statusCode).toBe(422);
      expect(again.res.body).toContain('al geplaatst');
      expect((await postComment(t, other.id, fields)).res.statusCode).toBe(303);
    });

    it('refuses words and addresses on the blocklist', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'blocklist', ['casino', 'spam.example']);
      const article = await createArticle(t.database.db);
      for (const fields of [
        { name: 'A', body: 'Beste CASINO bonus' },
        { name: 'B', email: 'x@spam.example', body: 'Onschuldige tekst' },
        { name: 'C', website: 'https://spam.example/', body: 'Nog een tekst' },
      ]) {
        const { res } = await postComment(t, article.id, fields);
        expect(res.statusCode).toBe(422);
        expect(res.body).toContain('niet zijn toegestaan');
      }
      expect(await commentsOf(t, article.id)).toHaveLength(0);
    });

    it('limits comments per address, and a forged X-Forwarded-For does not escape it', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'ratePerWindow', 2);
      const article = await createArticle(t.database.db);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const { res } = await postComment(
          t,
          article.id,
          { name: 'R', body: `Reactie nummer ${i}` },
          {
            headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
          },
        );
        statuses.push(res.statusCode);
        if (res.statusCode === 429) expect(res.body).toContain('te veel reacties');
      }
      expect(statuses).toEqual([303, 303, 429, 429]);
      expect(await commentsOf(t, article.id)).toHaveLength(2);
      const stored = await t.database.db.selectFrom('comments').select('address_hash').execute();
      for (const row of stored) expect(row.address_hash).not.toContain('127.0.0.1');
    });

    it('counts behind a trusted proxy per real client address', async () => {
      t = await buildTestApp(backend, { TRUST_PROXY: '1' });
      await saveCommentSetting(t.database.db, 'ratePerWindow', 1);
      const article = await createArticle(t.database.db);
      const a = await postComment(
        t,
        article.id,
        { name: 'P', body: 'Van adres een' },
        {
          headers: { 'x-forwarded-for': '198.51.100.1' },
        },
      );
      const b = await postComment(
        t,
        article.id,
        { name: 'Q', body: 'Van adres twee' },
        {
          headers: { 'x-forwarded-for': '198.51.100.2' },
        },
      );
      const c = await postComment(
        t,
        article.id,
        { name: 'Q', body: 'Weer adres twee' },
        {
          headers: { 'x-forwarded-for': '198.51.100.2' },
        },
      );
      expect([a.res.statusCode, b.res.statusCode, c.res.statusCode]).toEqual([303, 303, 429]);
    });
  });
}
