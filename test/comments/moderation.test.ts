import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';
import { commentCount, commentsOf, postComment } from './comment-helpers.js';

for (const backend of backends) {
  describe(`moderating comments on ${backend.name}`, () => {
    let t: TestApp;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => t?.close());

    async function adminPost(
      cookie: string,
      url: string,
      fields: Record<string, string | undefined>,
      csrf: string,
    ) {
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...formHeaders, cookie },
        payload: form({ csrf_token: csrf, ...fields }),
      });
    }

    it('lets an editor approve, mark spam and delete in bulk, keeping the count right', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const article = await createArticle(t.database.db, { title: 'Wachtrij-artikel' });
      for (const n of ['Een', 'Twee', 'Drie'])
        await postComment(t, article.id, { name: n, body: `Reactie ${n}` });
      const queue = await t.app.inject({
        url: '/beheer/reacties',
        headers: { cookie: editor.cookie },
      });
      expect(queue.statusCode).toBe(200);
      expect(queue.body).toContain('Reactie Twee');
      const ids = (await commentsOf(t, article.id)).map((c) => String(c.id));
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/reacties/actie',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: `csrf_token=${encodeURIComponent(editor.csrfToken)}&action=approve&ids=${ids[0]}&ids=${ids[1]}&terug=%2Fbeheer%2Freacties`,
      });
      expect(res.statusCode).toBe(303);
      expect(await commentCount(t, article.id)).toBe(2);
      await adminPost(
        editor.cookie,
        '/beheer/reacties/actie',
        { action: 'spam', ids: ids[0] },
        editor.csrfToken,
      );
      expect(await commentCount(t, article.id)).toBe(1);
      await adminPost(
        editor.cookie,
        '/beheer/reacties/actie',
        { action: 'delete', ids: ids[1] },
        editor.csrfToken,
      );
      expect(await commentCount(t, article.id)).toBe(0);
      expect((await commentsOf(t, article.id)).map((c) => c.state)).toEqual([
        'spam',
        'deleted',
        'pending',
      ]);
      const filtered = await t.app.inject({
        url: `/beheer/reacties?status=spam&artikel=${article.id}`,
        headers: { cookie: editor.cookie },
      });
      expect(filtered.body).toContain('Reactie Een');
      expect(filtered.body).not.toContain('Reactie Drie');
      const noCsrf = await adminPost(
        editor.cookie,
        '/beheer/reacties/actie',
        { action: 'approve', ids: ids[2] },
        'fout',
      );
      expect(noCsrf.statusCode).toBe(403);
    });

    it('lets an author moderate only comments on their own articles', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const own = await createArticle(t.database.db, { authorIds: [author.authorId!] });
      const other = await createArticle(t.database.db, { title: 'Van een ander' });
      await postComment(t, own.id, { name: 'Lezer', body: 'Op eigen artikel.' });
      await postComment(t, other.id, { name: 'Lezer', body: 'Op ander artikel.' });
      const [mine] = await commentsOf(t, own.id);
      const [theirs] = await commentsOf(t, other.id);
      const queue = await t.app.inject({
        url: '/beheer/reacties',
        headers: { cookie: author.cookie },
      });
      expect(queue.body).toContain('Op eigen artikel.');
      expect(queue.body).not.toContain('Op ander artikel.');
      const ok = await adminPost(
        author.cookie,
        '/beheer/reacties/actie',
        { action: 'approve', ids: String(mine!.id) },
        author.csrfToken,
      );
      expect(ok.statusCode).toBe(303);
      const refused = await adminPost(
        author.cookie,
        '/beheer/reacties/actie',
        { action: 'approve', ids: String(theirs!.id) },
        author.csrfToken,
      );
      expect(refused.statusCode).toBe(403);
      expect((await commentsOf(t, other.id))[0]!.state).toBe('pending');
      expect(
        (
          await t.app.inject({
            url: `/beheer/reacties?artikel=${other.id}`,
            headers: { cookie: author.cookie },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.app.inject({
            url: `/beheer/reacties/${theirs!.id}/bewerken`,
            headers: { cookie: author.cookie },
          })
        ).statusCode,
      ).toBe(403);
      const anonymous = await t.app.inject('/beheer/reacties');
      expect(anonymous.statusCode).toBe(303);
    });

    it('labels replies by the login, never by a typed name', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const author = await loginAs(t, 'author', { name: 'Petra Auteur' });
      const editor = await loginAs(t, 'editor', { name: 'Eddy Redactie' });
      const article = await createArticle(t.database.db, { authorIds: [author.authorId!] });
      await postComment(t, article.id, { name: 'Lezer', body: 'Een vraag aan de auteur.' });
      const [question] = await commentsOf(t, article.id);
      const r1 = await adminPost(
        author.cookie,
        `/beheer/reacties/${question!.id}/antwoord`,
        { body: 'Dank voor uw vraag.' },
        author.csrfToken,
      );
      expect(r1.statusCode).toBe(303);
      const r2 = await adminPost(
        editor.cookie,
        `/beheer/reacties/${question!.id}/antwoord`,
        { body: 'Aanvulling van de redactie.' },
        editor.csrfToken,
      );
      expect(r2.statusCode).toBe(303);
      // A reader typing the author's name gets no label; a logged-in author posting on the page does.
      await postComment(t, article.id, { name: 'Petra Auteur', body: 'Ik ben echt de auteur.' });
      await postComment(
        t,
        article.id,
        { body: 'Vanaf de artikelpagina.', parent_id: String(question!.id) },
        { cookie: author.cookie },
      );
      const rows = await commentsOf(t, article.id);
      expect(rows.map((r) => [r.name, r.label, r.state, r.parent_id])).toEqual([
        ['Lezer', null, 'approved', null],
        ['Petra Auteur', 'author', 'approved', question!.id],
        ['Eddy Redactie', 'editor', 'approved', question!.id],
        ['Petra Auteur', null, 'approved', null],
        ['Petra Auteur', 'author', 'approved', question!.id],
      ]);
      const page = await t.app.inject('/reacties');
      expect(page.body.match(/class="badge">Auteur</g)).toHaveLength(2);
      expect(page.body.match(/class="badge">Redactie</g)).toHaveLength(1);
    });

    it('edits a comment, closes an article, and saves the settings with validation', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, { name: 'Lezer', body: 'Tikfoutje hier.' });
      const [c] = await commentsOf(t, article.id);
      const bad = await adminPost(
        editor.cookie,
        `/beheer/reacties/${c!.id}/bewerken`,
        { name: 'Lezer', body: 'x' },
        editor.csrfToken,
      );
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('te kort');
      const ok = await adminPost(
        editor.cookie,
        `/beheer/reacties/${c!.id}/bewerken`,
        { name: 'Lezer', body: 'Tikfout hersteld.' },
        editor.csrfToken,
      );
      expect(ok.statusCode).toBe(303);
      expect((await commentsOf(t, article.id))[0]!.body).toBe('Tikfout hersteld.');
      await adminPost(
        editor.cookie,
        `/beheer/reacties/artikel/${article.id}/reageren`,
        { open: '0' },
        editor.csrfToken,
      );
      expect(
        (await postComment(t, article.id, { name: 'Laat', body: 'Te laat.' })).res.statusCode,
      ).toBe(403);
      const settings = {
        moderation: 'all',
        closeAfterDays: '0',
        minSeconds: '0',
        maxLinks: '5',
        ratePerWindow: '10',
        duplicateHours: '0',
        blocklist: 'casino\nviagra',
      };
      const invalid = await adminPost(
        editor.cookie,
        '/beheer/reacties/instellingen',
        { ...settings, maxLinks: '-3' },
        editor.csrfToken,
      );
      expect(invalid.statusCode).toBe(422);
      expect(invalid.body).toContain('Vul een geheel getal');
      const saved = await adminPost(
        editor.cookie,
        '/beheer/reacties/instellingen',
        settings,
        editor.csrfToken,
      );
      expect(saved.statusCode).toBe(303);
      const rows = await t.database.db
        .selectFrom('settings')
        .selectAll()
        .where('key', 'like', 'comments.%')
        .execute();
      const map = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
      expect(map).toMatchObject({
        'comments.moderation': 'all',
        'comments.maxLinks': 5,
        'comments.honeypot': false,
        'comments.blocklist': ['casino', 'viagra'],
      });
      const author = await loginAs(t, 'author');
      const forbidden = await adminPost(
        author.cookie,
        '/beheer/reacties/instellingen',
        settings,
        author.csrfToken,
      );
      expect(forbidden.statusCode).toBe(403);
    });
  });
}
