import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { commentCount, commentsOf, formToken, postComment } from './comment-helpers.js';

for (const backend of backends) {
  describe(`comments on the article page on ${backend.name}`, () => {
    let t: TestApp;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => t?.close());

    it('shows the form with the privacy notice, and a held comment only to its writer', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const url = `/artikel/${article.id}/${article.slug}`;
      const empty = await t.app.inject(url);
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain(
        'Uw naam en eventueel uw website worden getoond boven uw reactie',
      );
      expect(empty.body).toContain('href="/privacy"');
      expect(empty.body).toContain(`action="/artikel/${article.id}/reacties"`);
      expect(empty.headers['cache-control']).toContain('public');

      const { res, cookie } = await postComment(t, article.id, {
        name: 'Wachter',
        body: 'Ik wacht op goedkeuring.',
      });
      expect(res.statusCode).toBe(303);
      const own = await t.app.inject({ url, headers: { cookie } });
      expect(own.body).toContain('Ik wacht op goedkeuring.');
      expect(own.body).toContain('Wacht op goedkeuring');
      expect(own.body).toContain('wacht op goedkeuring en is tot dan alleen voor u zichtbaar');
      expect(own.headers['cache-control']).toBe('private, no-store');
      expect(own.body).toContain('Reacties (0)');
      // The flash is shown once; the comment stays visible for its writer.
      const again = await t.app.inject({
        url,
        headers: { cookie: cookie.replace(/podium_flash=[^;]*;?\s?/, '') },
      });
      expect(again.body).toContain('Ik wacht op goedkeuring.');
      expect(again.headers['cache-control']).toBe('private, no-store');
      const stranger = await t.app.inject(url);
      expect(stranger.body).not.toContain('Ik wacht op goedkeuring.');
    });

    it('remembers name, e-mail and website only when asked, and the page is then personal', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      const other = await createArticle(t.database.db);
      const fields = {
        name: 'Onthoud Mij',
        email: 'mij@example.nl',
        website: 'https://mij.example',
        body: 'Eerste.',
      };
      const plain = await postComment(t, article.id, fields);
      const page1 = await t.app.inject({
        url: `/artikel/${other.id}/${other.slug}`,
        headers: { cookie: plain.cookie },
      });
      expect(page1.body).not.toContain('value="Onthoud Mij"');
      const remembered = await postComment(t, article.id, {
        ...fields,
        body: 'Tweede.',
        remember: '1',
      });
      const page2 = await t.app.inject({
        url: `/artikel/${other.id}/${other.slug}`,
        headers: { cookie: remembered.cookie },
      });
      expect(page2.body).toContain('value="Onthoud Mij"');
      expect(page2.body).toContain('value="mij@example.nl"');
      expect(page2.headers['cache-control']).toBe('private, no-store');
      // Posting again without the box forgets it.
      const forget = await postComment(
        t,
        other.id,
        { ...fields, body: 'Derde.' },
        { cookie: remembered.cookie },
      );
      const page3 = await t.app.inject({
        url: `/artikel/${article.id}/${article.slug}`,
        headers: { cookie: forget.cookie },
      });
      expect(page3.body).not.toContain('value="Onthoud Mij"');
    });

    it('lets a reader edit and delete their own comment for 15 minutes from the same browser', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      const { cookie } = await postComment(t, article.id, {
        name: 'Schrijver',
        body: 'Eerste versie.',
      });
      const [c] = await commentsOf(t, article.id);
      const page = await t.app.inject({
        url: `/artikel/${article.id}/${article.slug}`,
        headers: { cookie },
      });
      expect(page.body).toContain(`href="/reacties/${c!.id}/bewerken"`);
      expect(
        (await t.app.inject({ url: `/reacties/${c!.id}/bewerken`, headers: { cookie } }))
          .statusCode,
      ).toBe(200);
      const edit = (body: string, who = cookie) =>
        t.app.inject({
          method: 'POST',
          url: `/reacties/${c!.id}/bewerken`,
          headers: { ...formHeaders, cookie: who },
          payload: form({ form_token: formToken(), body }),
        });
      // Another browser may not.
      expect(
        (await edit('Van een ander.', 'podium_reader=AAAAAAAAAAAAAAAAAAAAAA')).statusCode,
      ).toBe(403);
      // The same checks apply to an edit.
      const tooShort = await edit('x');
      expect(tooShort.statusCode).toBe(422);
      expect(tooShort.body).toContain('te kort');
      expect((await edit('Verbeterde versie.')).statusCode).toBe(303);
      expect((await commentsOf(t, article.id))[0]).toMatchObject({
        body: 'Verbeterde versie.',
        state: 'approved',
      });
      // Adding a link sends an approved comment back to the queue.
      const withLink = await edit('Nu met https://example.org erbij.');
      expect(withLink.statusCode).toBe(303);
      expect((await commentsOf(t, article.id))[0]!.state).toBe('pending');
      expect(await commentCount(t, article.id)).toBe(0);
      // After 15 minutes it is too late.
      await t.database.db
        .updateTable('comments')
        .set({ created_at: new Date(Date.now() - 16 * 60_000).toISOString() })
        .execute();
      const late = await edit('Te laat.');
      expect(late.statusCode).toBe(403);
      expect(late.body).toContain('voorbij');
      await t.database.db
        .updateTable('comments')
        .set({ created_at: new Date().toISOString(), state: 'approved' })
        .execute();
      const del = await t.app.inject({
        method: 'POST',
        url: `/reacties/${c!.id}/verwijderen`,
        headers: { ...formHeaders, cookie },
        payload: form({ form_token: formToken() }),
      });
      expect(del.statusCode).toBe(303);
      expect((await commentsOf(t, article.id))[0]!.state).toBe('deleted');
      expect(await commentCount(t, article.id)).toBe(0);
    });

    it('checks an edit like a new comment: copies refused, bursts limited, no-ops stored nowhere', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      await saveCommentSetting(t.database.db, 'ratePerWindow', 3);
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, { name: 'Eerste', body: 'Dit stond er al.' });
      const { cookie } = await postComment(t, article.id, {
        name: 'Tweede',
        body: 'Mijn eigen woorden.',
      });
      const mine = (await commentsOf(t, article.id)).find((c) => c.name === 'Tweede')!;
      const edit = (body: string) =>
        t.app.inject({
          method: 'POST',
          url: `/reacties/${mine.id}/bewerken`,
          headers: { ...formHeaders, cookie },
          payload: form({ form_token: formToken(), body }),
        });
      const copy = await edit('Dit stond er al.');
      expect(copy.statusCode).toBe(422);
      expect(copy.body).toContain('Dit stond er al.'); // the text is kept in the form

      // Saving the same text drops no cached page and counts as no edit.
      const path = `/artikel/${article.id}/${article.slug}`;
      await t.app.inject(path);
      const invalidations = t.app.pageCache.stats.invalidations;
      expect((await edit('Mijn eigen woorden.')).statusCode).toBe(303);
      expect(t.app.pageCache.stats.invalidations).toBe(invalidations);

      for (const n of [1, 2, 3]) expect((await edit(`Versie ${n}.`)).statusCode).toBe(303);
      const burst = await edit('Versie 4.');
      expect(burst.statusCode).toBe(429);
      expect(burst.body).toContain('Versie 4.');
      expect(mine.body).toBe('Mijn eigen woorden.');
      expect((await commentsOf(t, article.id)).find((c) => c.id === mine.id)!.body).toBe(
        'Versie 3.',
      );
    });

    it('replies one level deep and shows the reply under its comment', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, { name: 'Vraag', body: 'Een vraag.' });
      const [q] = await commentsOf(t, article.id);
      const form1 = await t.app.inject(`/artikel/${article.id}/reacties?antwoord=${q!.id}`);
      expect(form1.statusCode).toBe(200);
      expect(form1.body).toContain(`name="parent_id" value="${q!.id}"`);
      expect(
        (
          await postComment(t, article.id, {
            name: 'Antwoord',
            body: 'Een antwoord.',
            parent_id: String(q!.id),
          })
        ).res.statusCode,
      ).toBe(303);
      const [, a] = await commentsOf(t, article.id);
      const nested = await postComment(t, article.id, {
        name: 'Dieper',
        body: 'Nog dieper.',
        parent_id: String(a!.id),
      });
      expect(nested.res.statusCode).toBe(422);
      const wrong = await postComment(t, article.id, {
        name: 'Fout',
        body: 'Bestaat niet.',
        parent_id: '99999',
      });
      expect(wrong.res.statusCode).toBe(422);
      const page = await t.app.inject(`/artikel/${article.id}/${article.slug}`);
      expect(page.body).toMatch(/class="comment-replies"[^>]*>.*Een antwoord\./s);
      expect(page.body).toContain('Reacties (2)');
    });
  });
}
