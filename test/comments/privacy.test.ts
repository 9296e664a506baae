import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { commentCount, commentsOf, formToken, postComment } from './comment-helpers.js';

for (const backend of backends) {
  describe(`forgetting a commenter on ${backend.name}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    async function request(email: string) {
      return t.app.inject({
        method: 'POST',
        url: '/reacties/vergeten',
        headers: formHeaders,
        payload: form({ form_token: formToken(), email }),
      });
    }

    it('anonymises or removes a reader’s comments after the mailed link, and forgets the address', async () => {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, {
        name: 'Vergeet Mij',
        email: 'weg@example.nl',
        website: 'https://weg.example',
        body: 'Eerste.',
        notify: '1',
      });
      await postComment(t, article.id, {
        name: 'Blijf',
        email: 'blijf@example.nl',
        body: 'Tweede.',
      });
      await t.app.jobs.drain();
      smtp.mails.length = 0;

      const page = await t.app.inject('/reacties/vergeten');
      expect(page.statusCode).toBe(200);
      const invalid = await request('geen adres');
      expect(invalid.statusCode).toBe(422);
      // An unknown address gets the same answer and no mail.
      const unknown = await request('onbekend@example.nl');
      expect(unknown.statusCode).toBe(303);
      const known = await request('WEG@example.nl');
      expect(known.statusCode).toBe(303);
      await t.app.jobs.drain();
      expect(smtp.mails.map((m) => m.to)).toEqual([['weg@example.nl']]);
      const path = /http:\/\/podium\.test(\/reacties\/vergeten\/[A-Za-z0-9_-]+)/.exec(
        smtp.mails[0]!.parsed.text ?? '',
      )?.[1];
      expect(path).toBeDefined();
      const choice = await t.app.inject(path!);
      expect(choice.statusCode).toBe(200);
      expect(choice.body).toContain('weg@example.nl');
      // Opening the link changes nothing.
      expect((await commentsOf(t, article.id))[0]!.email).toBe('weg@example.nl');
      const done = await t.app.inject({
        method: 'POST',
        url: path!,
        headers: formHeaders,
        payload: form({ form_token: formToken(), how: 'anonymise' }),
      });
      expect(done.statusCode).toBe(303);
      const [gone, kept] = await commentsOf(t, article.id);
      expect(gone).toMatchObject({
        name: 'Anonieme lezer',
        email: null,
        website: null,
        body: 'Eerste.',
        state: 'approved',
      });
      expect(kept).toMatchObject({ name: 'Blijf', email: 'blijf@example.nl' });
      expect(await t.database.db.selectFrom('addresses').select('email').execute()).toEqual([]);
      expect(await t.database.db.selectFrom('followers').select('id').execute()).toEqual([]);
      // The link works once.
      const again = await t.app.inject({
        method: 'POST',
        url: path!,
        headers: formHeaders,
        payload: form({ form_token: formToken(), how: 'remove' }),
      });
      expect(again.statusCode).toBe(410);
    });

    it('lets an editor remove a reader’s comments from the back office', async () => {
      t = await buildTestApp(backend);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const editor = await loginAs(t, 'editor');
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, { name: 'Weg', email: 'weg@example.nl', body: 'Eén.' });
      await postComment(t, article.id, { name: 'Weg', email: 'weg@example.nl', body: 'Twee.' });
      expect(await commentCount(t, article.id)).toBe(2);
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/reacties/vergeten',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({ csrf_token: editor.csrfToken, email: 'weg@example.nl', how: 'remove' }),
      });
      expect(res.statusCode).toBe(303);
      const rows = await commentsOf(t, article.id);
      expect(rows.map((r) => [r.state, r.email, r.body])).toEqual([
        ['deleted', null, '-'],
        ['deleted', null, '-'],
      ]);
      expect(await commentCount(t, article.id)).toBe(0);
      const recent = await t.app.inject('/reacties');
      expect(recent.body).not.toContain('Eén.');
    });
  });
}
