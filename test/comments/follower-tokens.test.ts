// The links in follower mail: each mail's token is minted when it is sent, the database
// keeps only its hash, and every link ever mailed works until the follower is gone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { hiddenField } from '../helpers/login.js';
import { linkWithToken, tablesHolding } from '../helpers/secrets.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { postComment } from './comment-helpers.js';

for (const backend of backends) {
  describe(`follower link tokens on ${backend.name}`, { timeout: 300_000 }, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      await (await backend.open()).close();
      smtp = await startSmtpServer();
    }, 300_000);
    afterAll(async () => smtp.close());
    afterEach(async () => {
      smtp.mails.length = 0;
      await t?.close();
    });

    async function expectOnlyInTheMail(token: string) {
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(await tablesHolding(t.database, token)).toEqual([]);
      const jobs = await t.database.db.selectFrom('jobs').select('state').execute();
      for (const job of jobs) expect(['done', 'skipped']).toContain(job.state);
    }

    it('mints a token per mail at send time, keeps only its hash, and every mailed link works', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      await saveCommentSetting(t.database.db, 'batchMinutes', 0);
      const article = await createArticle(t.database.db);
      const anna = await postComment(t, article.id, {
        name: 'Anna',
        email: 'anna@example.nl',
        body: 'Ik volg dit.',
        notify: '1',
      });
      await t.app.jobs.drain();
      const [confirmMail] = await smtp.waitFor(1);
      const confirm = linkWithToken(confirmMail!, '/reacties/volgen');
      await expectOnlyInTheMail(confirm.token);
      const page = await t.app.inject({ url: confirm.path, headers: { cookie: anna.cookie } });
      expect(page.statusCode).toBe(200);
      const confirmed = await t.app.inject({
        method: 'POST',
        url: confirm.path,
        headers: { ...formHeaders, cookie: anna.cookie },
        payload: form({ form_token: hiddenField(page.body, 'form_token') }),
      });
      expect(confirmed.statusCode).toBe(303);
      await postComment(t, article.id, { name: 'Bert', body: 'Een nieuwe reactie.' });
      await t.app.jobs.drain();
      const mails = await smtp.waitFor(2);
      const unsubscribe = linkWithToken(mails[1]!, '/reacties/afmelden');
      expect(unsubscribe.token).not.toBe(confirm.token);
      await expectOnlyInTheMail(unsubscribe.token);
      const hashes = await t.database.db.selectFrom('follower_tokens').selectAll().execute();
      expect(hashes).toHaveLength(2);
      for (const row of hashes) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      // The first mail's link works as well as the newest; a made-up one does not.
      expect((await t.app.inject(`/reacties/afmelden/${confirm.token}`)).statusCode).toBe(200);
      expect((await t.app.inject(unsubscribe.path)).statusCode).toBe(200);
      expect((await t.app.inject(`/reacties/afmelden/${'x'.repeat(43)}`)).statusCode).toBe(404);
      // Unsubscribing removes the follower and every token it was given.
      const res = await t.app.inject({
        method: 'POST',
        url: unsubscribe.path,
        headers: formHeaders,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(200);
      expect(await t.database.db.selectFrom('follower_tokens').selectAll().execute()).toEqual([]);
      expect((await t.app.inject(confirm.path)).statusCode).toBe(404);
    });
  });
}
