// A mailed link is the only copy of its token: once the mail job has run, no table holds
// it (the queue's payload and error included), and the link in the mail still works.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { enqueue } from '../../src/jobs/queue.js';
import { JobRunner } from '../../src/jobs/runner.js';
import { formToken as commentFormToken, postComment } from '../comments/comment-helpers.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createList } from '../helpers/factories.js';
import { createUser, hiddenField, loginAs } from '../helpers/login.js';
import { linkWithToken, tablesHolding } from '../helpers/secrets.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import {
  formToken as newsletterFormToken,
  postSubscribe,
} from '../newsletters/newsletter-fixtures.js';

const silent = { info() {}, warn() {}, error() {} };

async function jobsOf(database: DatabaseHandle) {
  return database.db.selectFrom('jobs').selectAll().orderBy('id').execute();
}

for (const backend of backends) {
  describe(`secrets in mail jobs on ${backend.name}`, { timeout: 300_000 }, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    beforeAll(async () => {
      await (await backend.open()).close();
      smtp = await startSmtpServer();
    }, 300_000);
    afterAll(async () => smtp.close());
    afterEach(async () => {
      smtp.mails.length = 0;
      smtp.refuseWith = undefined;
      await t?.close();
    });

    async function expectOnlyInTheMail(token: string) {
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(await tablesHolding(t.database, token)).toEqual([]);
      for (const job of await jobsOf(t.database)) expect(['done', 'skipped']).toContain(job.state);
    }

    it('an invitation: the job keeps its subject only, and the link sets a password', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const admin = await loginAs(t, 'admin');
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/gebruikers/uitnodigen',
        headers: { ...formHeaders, cookie: admin.cookie },
        payload: form({
          csrf_token: admin.csrfToken,
          email: 'nina@example.nl',
          name: 'Nina Nieuw',
          role: 'author',
        }),
      });
      expect(res.statusCode).toBe(303);
      await t.app.jobs.drain();
      const [mail] = await smtp.waitFor(1);
      const link = linkWithToken(mail!, '/beheer/uitnodiging');
      await expectOnlyInTheMail(link.token);
      const job = (await jobsOf(t.database)).find((j) => j.kind === 'mail.send')!;
      expect(JSON.parse(job.payload)).toEqual({ redacted: true, subject: mail!.parsed.subject });
      const page = await t.app.inject(link.path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Hallo Nina Nieuw');
    });

    it('a password reset: the token is minted when the mail is sent, never queued', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const user = await createUser(t, 'editor');
      const formPage = await t.app.inject('/beheer/wachtwoord-vergeten');
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/wachtwoord-vergeten',
        headers: formHeaders,
        payload: form({ form_token: hiddenField(formPage.body, 'form_token'), email: user.email }),
      });
      expect(res.statusCode).toBe(303);
      await t.app.jobs.drain();
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual([user.email]);
      const link = linkWithToken(mail!, '/beheer/wachtwoord-herstellen');
      await expectOnlyInTheMail(link.token);
      expect((await jobsOf(t.database)).map((j) => j.kind)).toEqual(['accounts.password-reset']);
      expect((await t.app.inject(link.path)).statusCode).toBe(200);
    });

    it('without SMTP the mail, link and all, is kept in the dev mailbox, and only there', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'editor');
      const formPage = await t.app.inject('/beheer/wachtwoord-vergeten');
      await t.app.inject({
        method: 'POST',
        url: '/beheer/wachtwoord-vergeten',
        headers: formHeaders,
        payload: form({ form_token: hiddenField(formPage.body, 'form_token'), email: user.email }),
      });
      await t.app.jobs.drain();
      const stored = await t.database.db
        .selectFrom('mailbox')
        .selectAll()
        .executeTakeFirstOrThrow();
      const token = /wachtwoord-herstellen\/([A-Za-z0-9_-]+)/.exec(stored.text)![1]!;
      expect(await tablesHolding(t.database, token)).toEqual(['mailbox']);
    });

    it('an e-mail change: the confirmation link is gone from the queue once mailed', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const me = await loginAs(t, 'author');
      const asked = await t.app.inject({
        method: 'POST',
        url: '/beheer/beveiliging/email',
        headers: { ...formHeaders, cookie: me.cookie },
        payload: form({
          csrf_token: me.csrfToken,
          new_email: 'nieuw.adres@example.nl',
          email_password: me.user.password,
        }),
      });
      expect(asked.statusCode).toBe(303);
      await t.app.jobs.drain();
      const mails = await smtp.waitFor(2);
      const toNew = mails.find((m) => m.to.includes('nieuw.adres@example.nl'))!;
      const link = linkWithToken(toNew, '/beheer/email-bevestigen');
      await expectOnlyInTheMail(link.token);
      expect((await t.app.inject(link.path)).statusCode).toBe(200);
    });

    it('a newsletter confirmation and a “forget me” link: neither stays in the queue', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const list = await createList(t.database.db, { name: 'Sales' });
      const res = await postSubscribe(t, {
        form_token: await newsletterFormToken(t),
        email: 'lezer@example.nl',
        list: list.id,
      });
      expect(res.statusCode).toBe(303);
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      const article = await createArticle(t.database.db);
      await postComment(t, article.id, { name: 'Vera', email: 'vera@example.nl', body: 'Hoi.' });
      const forget = await t.app.inject({
        method: 'POST',
        url: '/reacties/vergeten',
        headers: formHeaders,
        payload: form({ form_token: commentFormToken(), email: 'vera@example.nl' }),
      });
      expect(forget.statusCode).toBe(303);
      await t.app.jobs.drain();
      const mails = await smtp.waitFor(2);
      const confirm = linkWithToken(
        mails.find((m) => m.to.includes('lezer@example.nl'))!,
        '/nieuwsbrief/bevestig',
      );
      const forgetLink = linkWithToken(
        mails.find((m) => m.to.includes('vera@example.nl'))!,
        '/reacties/vergeten',
      );
      await expectOnlyInTheMail(confirm.token);
      await expectOnlyInTheMail(forgetLink.token);
      expect((await t.app.inject(confirm.path)).statusCode).toBe(200);
      expect((await t.app.inject(forgetLink.path)).statusCode).toBe(200);
    });

    it('a mail given up on keeps no link; a mail still to be retried keeps its payload', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const admin = await loginAs(t, 'admin');
      smtp.refuseWith = 451;
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/gebruikers/uitnodigen',
        headers: { ...formHeaders, cookie: admin.cookie },
        payload: form({
          csrf_token: admin.csrfToken,
          email: 'otto@example.nl',
          name: 'Otto',
          role: 'author',
        }),
      });
      expect(res.statusCode).toBe(303);
      await t.app.jobs.drain();
      let [job] = await jobsOf(t.database);
      expect(job).toMatchObject({ state: 'queued', attempts: 1 });
      expect(job!.payload).toContain('/beheer/uitnodiging/');
      // The last attempt fails too: the job is given up on, and its link goes with it.
      await t.database.db
        .updateTable('jobs')
        .set({ max_attempts: 2, run_at: new Date(0).toISOString() })
        .execute();
      await t.app.jobs.drain();
      [job] = await jobsOf(t.database);
      expect(job).toMatchObject({ state: 'failed', attempts: 2 });
      expect(JSON.parse(job!.payload)).toEqual({
        redacted: true,
        subject: 'Uitnodiging voor Podium',
      });
      expect(job!.last_error).toContain('451');
      expect(job!.last_error).not.toContain('/beheer/uitnodiging/');
      expect(smtp.mails).toHaveLength(0);
      // Queued again by hand, it has nothing left to send: skipped, not an empty mail.
      smtp.refuseWith = undefined;
      await t.database.db
        .updateTable('jobs')
        .set({ state: 'queued', attempts: 0, run_at: new Date(0).toISOString() })
        .execute();
      await t.app.jobs.drain();
      [job] = await jobsOf(t.database);
      expect(job).toMatchObject({ state: 'skipped', last_error: null });
      expect(smtp.mails).toHaveLength(0);
    });
  });

  describe(`a job handler that redacts on ${backend.name}`, () => {
    let database: DatabaseHandle;
    afterEach(async () => database?.close());

    it('keeps the payload’s secrets out of the stored error, and redacts when finished', async () => {
      database = await backend.open();
      const secret = 'Zq8-geheim_token_van_43_tekens_lang_1234567';
      let fail = true;
      const runner = new JobRunner(database, silent);
      runner.register({
        kind: 'test.secret',
        async run(payload) {
          if (fail) throw new Error(`550 rejected: ${(payload as { link: string }).link}`);
          return 'done';
        },
        redact: () => ({ redacted: true }),
      });
      await enqueue(database.db, {
        kind: 'test.secret',
        key: 's1',
        payload: { link: `https://podium.test/x/${secret}` },
      });
      await enqueue(database.db, {
        kind: 'test.secret',
        key: 's2',
        payload: { link: `https://podium.test/y/${secret}` },
        maxAttempts: 1,
      });
      await runner.drain();
      expect(await tablesHolding(database, secret)).toEqual(['jobs']);
      let [retried, given] = await jobsOf(database);
      expect(retried).toMatchObject({ state: 'queued' });
      expect(retried!.payload).toContain(secret);
      expect(retried!.last_error).toBe('550 rejected: https://podium.test/x/[redacted]');
      expect(given).toMatchObject({ state: 'failed', payload: '{"redacted":true}' });
      expect(given!.last_error).not.toContain(secret);
      fail = false;
      await database.db
        .updateTable('jobs')
        .set({ run_at: new Date(0).toISOString() })
        .execute();
      await runner.drain();
      [retried, given] = await jobsOf(database);
      expect(retried).toMatchObject({
        state: 'done',
        payload: '{"redacted":true}',
        last_error: null,
      });
      expect(await tablesHolding(database, secret)).toEqual([]);
    });
  });
}
