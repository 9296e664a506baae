import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { commentCount, commentsOf, postComment } from './comment-helpers.js';

for (const backend of backends) {
  describe(`posting comments on ${backend.name}`, () => {
    let t: TestApp;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => t?.close());

    it('places a comment in open mode, updates the count and redirects to it', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      const { res } = await postComment(t, article.id, {
        name: 'Christiaan',
        email: 'c@example.nl',
        website: 'voorbeeld.nl',
        body: 'Goed stuk.\n\nTweede alinea met https://example.org/a link.',
      });
      expect(res.statusCode).toBe(303);
      const [comment] = await commentsOf(t, article.id);
      expect(res.headers.location).toBe(
        `/artikel/${article.id}/${article.slug}#reactie-${comment!.id}`,
      );
      expect(comment).toMatchObject({ state: 'approved', website: 'https://voorbeeld.nl/' });
      expect(comment!.approved_at).not.toBeNull();
      expect(await commentCount(t, article.id)).toBe(1);
      const recent = await t.app.inject('/reacties');
      expect(recent.statusCode).toBe(200);
      expect(recent.body).toContain('Christiaan');
      expect(recent.body).toContain('<a href="https://example.org/a" rel="nofollow ugc noopener">');
      expect(recent.body).not.toContain('c@example.nl');
    });

    it('holds a first-time commenter and lets a known name and address pass (default mode)', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const fields = { name: 'Anouk', email: 'anouk@example.nl', body: 'Eerste reactie.' };
      await postComment(t, article.id, fields);
      let rows = await commentsOf(t, article.id);
      expect(rows[0]!.state).toBe('pending');
      expect(await commentCount(t, article.id)).toBe(0);
      await t.database.db.updateTable('comments').set({ state: 'approved' }).execute();
      await postComment(t, article.id, { ...fields, body: 'Tweede reactie.' });
      await postComment(t, article.id, { ...fields, name: 'Iemand anders', body: 'Derde.' });
      rows = await commentsOf(t, article.id);
      expect(rows.map((r) => r.state)).toEqual(['approved', 'approved', 'pending']);
    });

    it('holds everything in mode all', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'all');
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, { name: 'A', body: 'Tekst hier.' });
      expect((await commentsOf(t, article.id))[0]!.state).toBe('pending');
    });

    it('refuses every invalid field with 422, keeps the form filled in and stores nothing', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const ok = { name: 'Bram', email: '', website: '', body: 'Een geldige reactie.' };
      const cases: [Record<string, string>, string][] = [
        [{ name: '' }, 'Vul uw naam in.'],
        [{ name: 'x'.repeat(81) }, 'hoogstens 80 tekens'],
        [{ email: 'geen-adres' }, 'geen geldig e-mailadres'],
        [{ website: 'javascript:alert(1)' }, 'http:// of https://'],
        [{ website: 'data:text/html,<script>alert(1)</script>' }, 'http:// of https://'],
        [{ body: 'x' }, 'te kort'],
        [{ body: 'x'.repeat(5001) }, 'te lang'],
        [{ body: 'a\u0000b en meer' }, 'NUL'],
        [{ notify: '1' }, 'Vul een e-mailadres in'],
        [{ body: 'https://a.nl https://b.nl https://c.nl' }, 'te veel links'],
      ];
      for (const [change, message] of cases) {
        const { res } = await postComment(t, article.id, { ...ok, ...change });
        expect(res.statusCode, JSON.stringify(change)).toBe(422);
        expect(res.body).toContain(message);
        expect(res.headers['cache-control']).toBe('private, no-store');
      }
      const { res } = await postComment(t, article.id, { ...ok, name: 'Bram "B" <x>', body: '' });
      expect(res.body).toContain('value="Bram &quot;B&quot; &lt;x>"');
      // The form comes back with the token it carried, so it can be sent again at once.
      const token = /name="form_token" value="([^"]+)"/.exec(res.body)?.[1];
      expect(token).toMatch(/^[0-9a-z]+\.[A-Za-z0-9_-]{32}$/);
      const resend = await postComment(
        t,
        article.id,
        {},
        {
          raw: `form_token=${encodeURIComponent(token!)}&name=Bram&body=${encodeURIComponent('Nu wel goed.')}`,
        },
      );
      expect(resend.res.statusCode).toBe(303);
      expect(await commentsOf(t, article.id)).toHaveLength(1);
    });

    it('counts limits in code points: an emoji at the limit is stored whole, one over is refused', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      const name = `${'n'.repeat(79)}😀`;
      const body = `${'b'.repeat(4999)}😀`;
      const { res } = await postComment(t, article.id, { name, body });
      expect(res.statusCode).toBe(303);
      const [row] = await commentsOf(t, article.id);
      expect(row!.name).toBe(name);
      expect(row!.body).toBe(body);
      const over = await postComment(t, article.id, { name: `${name}😀`, body: `${body}x` });
      expect(over.res.statusCode).toBe(422);
      expect(await commentsOf(t, article.id)).toHaveLength(1);
    });

    it('refuses invalid UTF-8 with 400 and stores nothing', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const { res } = await postComment(
        t,
        article.id,
        {},
        {
          raw: `form_token=x&name=B&body=caf%C3%28`,
        },
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('ongeldige tekens');
      expect(await commentsOf(t, article.id)).toHaveLength(0);
    });

    it('strips right-to-left overrides and control characters from names, normalises to NFC', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, {
        name: 'Jo\u202Egnp.exe\u0007 Cafe\u0301',
        body: 'Tekst\u202E omgekeerd?',
      });
      const [row] = await commentsOf(t, article.id);
      expect(row!.name).toBe('Jognp.exe Café');
      expect(row!.body).toBe('Tekst omgekeerd?');
    });

    it('renders hostile payloads as inert text', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      await saveCommentSetting(t.database.db, 'maxLinks', 10);
      await saveCommentSetting(t.database.db, 'duplicateHours', 0);
      const article = await createArticle(t.database.db);
      const payloads = [
        { name: '<script>alert(1)</script>', body: '<img src=x onerror=alert(1)>' },
        {
          name: `"><svg onload=alert(1)>`,
          body: 'javascript:alert(1) en <a href="javascript:x">k</a>',
        },
        {
          name: "x' onmouseover='alert(1)",
          website: "http://x.com/?'onmouseover='alert(1)'x='",
          body: 'Quote-uitbraak.',
        },
      ];
      for (const p of payloads) {
        const { res } = await postComment(t, article.id, p);
        expect(res.statusCode).toBe(303);
      }
      const page = await t.app.inject('/reacties');
      expect(page.body).not.toContain('<script>alert');
      expect(page.body).not.toContain('<img src=x');
      expect(page.body).not.toContain('<svg');
      expect(page.body).not.toMatch(/href="javascript:/i);
      expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
      const rows = await commentsOf(t, article.id);
      expect(rows[2]!.website).toBe('http://x.com/?%27onmouseover=%27alert(1)%27x=%27');
    });

    it('refuses posts to unknown, unpublished and closed articles', async () => {
      t = await buildTestApp(backend);
      const draft = await createArticle(t.database.db, { status: 'draft' });
      const closed = await createArticle(t.database.db, { commentsOpen: false });
      const fields = { name: 'A', body: 'Tekst hier.' };
      expect((await postComment(t, 999999, fields)).res.statusCode).toBe(404);
      expect((await postComment(t, draft.id, fields)).res.statusCode).toBe(404);
      const res = (await postComment(t, closed.id, fields)).res;
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('gesloten');
      await saveCommentSetting(t.database.db, 'closeAfterDays', 30);
      const old = await createArticle(t.database.db, { publishAt: '2020-01-01T00:00:00.000Z' });
      expect((await postComment(t, old.id, fields)).res.statusCode).toBe(403);
      expect(await t.database.db.selectFrom('comments').select('id').execute()).toHaveLength(0);
    });

    it('refuses a missing or forged form token and a cross-site post', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const missing = await postComment(t, article.id, {}, { raw: 'name=A&body=Tekst' });
      expect(missing.res.statusCode).toBe(403);
      const cross = await postComment(
        t,
        article.id,
        { name: 'A', body: 'Tekst hier.' },
        {
          headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        },
      );
      expect(cross.res.statusCode).toBe(403);
      expect(await commentsOf(t, article.id)).toHaveLength(0);
    });

    it('answers the enhancing script with JSON: the rendered comment or the field messages', async () => {
      t = await buildTestApp(backend);
      const article = await createArticle(t.database.db);
      const bad = await postComment(t, article.id, { name: '', body: 'x' }, { json: true });
      expect(bad.res.statusCode).toBe(422);
      expect(bad.res.json()).toMatchObject({
        fields: { name: 'Vul uw naam in.', body: expect.stringContaining('te kort') },
      });
      const good = await postComment(
        t,
        article.id,
        { name: 'Eva', body: 'Met script.' },
        { json: true },
      );
      expect(good.res.statusCode).toBe(201);
      const json = good.res.json();
      expect(json.state).toBe('pending');
      expect(json.html).toContain('Wacht op goedkeuring');
      expect(json.html).toContain('Met script.');
    });
  });
}
