import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { moderate } from '../../src/features/comments/comments.service.js';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { createUser } from '../helpers/login.js';
import { type ReceivedMail, startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { formToken, postComment } from './comment-helpers.js';

function linkIn(mail: ReceivedMail, path: RegExp): string {
  const match = new RegExp(`http://podium\\.test(${path.source})`).exec(mail.parsed.text ?? '');
  if (!match) throw new Error(`no ${path} link in: ${mail.parsed.text}`);
  return match[1]!;
}

/** A raw header's value (mailparser folds List-* headers into one object). */
function header(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name)?.line;
  return line?.slice(line.indexOf(':') + 1).trim();
}

function to(mails: ReceivedMail[], address: string): ReceivedMail[] {
  return mails.filter((m) => m.to.includes(address));
}

for (const backend of backends) {
  describe(`following a discussion by e-mail on ${backend.name}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    async function setup() {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      await saveCommentSetting(t.database.db, 'moderation', 'open');
      await saveCommentSetting(t.database.db, 'batchMinutes', 0);
      const author = await createUser(t, 'author', { email: 'auteur@example.nl' });
      const article = await createArticle(t.database.db, {
        title: 'Verkopen <zonder> trucs',
        authorIds: [author.authorId!],
      });
      return { author, article };
    }

    async function confirmFrom(mail: ReceivedMail, cookie = '') {
      const path = linkIn(mail, /\/reacties\/volgen\/[A-Za-z0-9_-]+/);
      const page = await t.app.inject({ url: path, headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Ja, houd mij op de hoogte');
      expect(page.body).not.toContain('__PODIUM_FORM_TOKEN__');
      const res = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { ...formHeaders, cookie },
        payload: form({ form_token: formToken() }),
      });
      expect(res.statusCode).toBe(303);
      return path.split('/').pop()!;
    }

    it('double opt-in, then one mail per approved comment, never about one’s own or a held one', async () => {
      const { article } = await setup();
      const a = await postComment(t, article.id, {
        name: 'Anna',
        email: 'anna@example.nl',
        body: 'Ik volg dit graag.',
        notify: '1',
      });
      expect(a.res.statusCode).toBe(303);
      await t.app.jobs.drain();
      const confirm = to(smtp.mails, 'anna@example.nl');
      expect(confirm).toHaveLength(1);
      expect(confirm[0]!.parsed.subject).toContain('Bevestig');
      expect(header(confirm[0]!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(header(confirm[0]!, 'list-unsubscribe')).toMatch(
        /^<http:\/\/podium\.test\/reacties\/afmelden\/[A-Za-z0-9_-]+>$/,
      );
      // The author hears of the new comment, with a link to moderate.
      const authorMails = to(smtp.mails, 'auteur@example.nl');
      expect(authorMails).toHaveLength(1);
      expect(authorMails[0]!.parsed.text).toContain('/beheer/reacties?artikel=');

      // Before confirming, nothing is sent about new comments.
      await postComment(t, article.id, { name: 'Bert', body: 'Eerste andere reactie.' });
      await t.app.jobs.drain();
      expect(to(smtp.mails, 'anna@example.nl')).toHaveLength(1);

      await confirmFrom(confirm[0]!, a.cookie);
      await postComment(t, article.id, {
        name: 'Bert',
        website: 'https://bert.example',
        body: 'Kijk op https://evil.example/x en <b>vet</b> <img src=x onerror=alert(1)>',
      });
      await t.app.jobs.drain();
      const news = to(smtp.mails, 'anna@example.nl');
      expect(news).toHaveLength(2);
      const mail = news[1]!;
      expect(mail.parsed.subject).toBe('Nieuwe reactie op “Verkopen <zonder> trucs”');
      expect(mail.parsed.text).toContain('Kijk op https://evil.example/x');
      expect(mail.parsed.html).not.toContain('href="https://evil.example');
      expect(mail.parsed.html).not.toContain('href="https://bert.example');
      expect(mail.parsed.html).not.toContain('<img src=x');
      expect(mail.parsed.html).toContain('&lt;b>vet&lt;/b>');
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');

      // Anna's own comment is not mailed to her.
      await postComment(
        t,
        article.id,
        { name: 'Anna', email: 'anna@example.nl', body: 'Mijn eigen.' },
        { cookie: a.cookie },
      );
      // A held comment is never mailed about.
      await saveCommentSetting(t.database.db, 'moderation', 'all');
      await postComment(t, article.id, { name: 'Cor', body: 'Wacht nog even.' });
      await t.app.jobs.drain();
      expect(to(smtp.mails, 'anna@example.nl')).toHaveLength(2);
      // Approving it sends it.
      const held = await t.database.db
        .selectFrom('comments')
        .select('id')
        .where('name', '=', 'Cor')
        .executeTakeFirstOrThrow();
      await moderate(t.database.db, { id: 0, role: 'editor' }, [held.id], 'approve');
      await t.app.jobs.drain();
      const after = to(smtp.mails, 'anna@example.nl');
      expect(after).toHaveLength(3);
      expect(after[2]!.parsed.text).toContain('Wacht nog even.');
    });

    it('unsubscribes with one click (RFC 8058), and a GET alone changes nothing', async () => {
      const { article } = await setup();
      const a = await postComment(t, article.id, {
        name: 'Anna',
        email: 'anna@example.nl',
        body: 'Volgen.',
        notify: '1',
      });
      await t.app.jobs.drain();
      const token = await confirmFrom(to(smtp.mails, 'anna@example.nl')[0]!, a.cookie);
      const page = await t.app.inject(`/reacties/afmelden/${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Afmelden voor deze discussie');
      expect(await t.database.db.selectFrom('followers').select('id').execute()).toHaveLength(1);
      const res = await t.app.inject({
        method: 'POST',
        url: `/reacties/afmelden/${token}`,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'cross-site',
          origin: 'https://mail.example',
        },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('U bent afgemeld');
      expect(await t.database.db.selectFrom('followers').select('id').execute()).toHaveLength(0);
      await postComment(t, article.id, { name: 'Bert', body: 'Na het afmelden.' });
      await t.app.jobs.drain();
      expect(to(smtp.mails, 'anna@example.nl')).toHaveLength(1);
      const gone = await t.app.inject(`/reacties/afmelden/${token}`);
      expect(gone.statusCode).toBe(404);
    });

    it('stops every discussion at once when asked', async () => {
      const { article } = await setup();
      const second = await createArticle(t.database.db);
      const a = await postComment(t, article.id, {
        name: 'Anna',
        email: 'anna@example.nl',
        body: 'Volgen een.',
        notify: '1',
      });
      await t.app.jobs.drain();
      const token = await confirmFrom(to(smtp.mails, 'anna@example.nl')[0]!, a.cookie);
      await postComment(
        t,
        second.id,
        { name: 'Anna', email: 'anna@example.nl', body: 'Volgen twee.', notify: '1' },
        { cookie: a.cookie },
      );
      expect(await t.database.db.selectFrom('followers').select('id').execute()).toHaveLength(2);
      const res = await t.app.inject({
        method: 'POST',
        url: `/reacties/afmelden/${token}`,
        headers: formHeaders,
        payload: 'scope=all',
      });
      expect(res.statusCode).toBe(200);
      expect(await t.database.db.selectFrom('followers').select('id').execute()).toHaveLength(0);
    });

    it('does not ask this browser again for a confirmed address, but does ask another browser', async () => {
      const { article } = await setup();
      const second = await createArticle(t.database.db);
      const a = await postComment(t, article.id, {
        name: 'Anna',
        email: 'anna@example.nl',
        body: 'Volgen een.',
        notify: '1',
      });
      await t.app.jobs.drain();
      await confirmFrom(to(smtp.mails, 'anna@example.nl')[0]!, a.cookie);
      const same = await postComment(
        t,
        second.id,
        { name: 'Anna', email: 'anna@example.nl', body: 'Zelfde browser.', notify: '1' },
        { cookie: a.cookie },
      );
      expect(same.res.statusCode).toBe(303);
      const third = await createArticle(t.database.db);
      const other = await postComment(t, third.id, {
        name: 'Nep',
        email: 'anna@example.nl',
        body: 'Andere browser.',
        notify: '1',
      });
      expect(other.res.statusCode).toBe(303);
      await t.app.jobs.drain();
      const mails = to(smtp.mails, 'anna@example.nl');
      expect(mails.map((m) => m.parsed.subject?.startsWith('Bevestig'))).toEqual([true, true]);
      const rows = await t.database.db
        .selectFrom('followers')
        .select(['article_id', 'confirmed_at'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.confirmed_at !== null)).toEqual([true, true, false]);
    });

    it('gathers comments approved within the batch window into one mail', async () => {
      const { article } = await setup();
      await saveCommentSetting(t.database.db, 'batchMinutes', 5);
      const a = await postComment(t, article.id, {
        name: 'Anna',
        email: 'anna@example.nl',
        body: 'Volgen.',
        notify: '1',
      });
      await t.app.jobs.drain();
      await confirmFrom(to(smtp.mails, 'anna@example.nl')[0]!, a.cookie);
      // Two approvals in the same window (pinned, so the test never straddles a boundary).
      await saveCommentSetting(t.database.db, 'moderation', 'all');
      await postComment(t, article.id, { name: 'Bert', body: 'Eerste van twee.' });
      await postComment(t, article.id, { name: 'Cor', body: 'Tweede van twee.' });
      const ids = (
        await t.database.db
          .selectFrom('comments')
          .select('id')
          .where('state', '=', 'pending')
          .execute()
      ).map((r) => r.id);
      await moderate(t.database.db, { id: 0, role: 'editor' }, ids, 'approve');
      await t.database.db
        .updateTable('comments')
        .set({
          approved_at: new Date(Math.floor(Date.now() / 300_000) * 300_000 + 1000).toISOString(),
        })
        .where('id', 'in', ids)
        .execute();
      await t.app.jobs.drain();
      const batch = await t.database.db
        .selectFrom('jobs')
        .select(['key', 'run_at'])
        .where('kind', '=', 'followers.batch')
        .execute();
      expect(batch).toHaveLength(1);
      expect(to(smtp.mails, 'anna@example.nl')).toHaveLength(1);
      await t.database.db
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('kind', '=', 'followers.batch')
        .execute();
      await t.app.jobs.drain();
      const mails = to(smtp.mails, 'anna@example.nl');
      expect(mails).toHaveLength(2);
      expect(mails[1]!.parsed.subject).toBe('2 nieuwe reacties op “Verkopen <zonder> trucs”');
      expect(mails[1]!.parsed.text).toContain('Eerste van twee.');
      expect(mails[1]!.parsed.text).toContain('Tweede van twee.');
    });

    it('retries when the SMTP server refuses, and exactly one copy arrives', async () => {
      const { article } = await setup();
      smtp.refuseWith = 451;
      await postComment(t, article.id, {
        name: 'Anna',
        email: 'anna@example.nl',
        body: 'Volgen.',
        notify: '1',
      });
      await t.app.jobs.drain();
      expect(smtp.mails).toHaveLength(0);
      const queued = await t.database.db
        .selectFrom('jobs')
        .select(['state', 'attempts'])
        .where('kind', '=', 'followers.confirm')
        .executeTakeFirstOrThrow();
      expect(queued).toMatchObject({ state: 'queued', attempts: 1 });
      smtp.refuseWith = undefined;
      await t.database.db
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('state', '=', 'queued')
        .execute();
      await t.app.jobs.drain();
      await t.app.jobs.drain();
      expect(to(smtp.mails, 'anna@example.nl')).toHaveLength(1);
      const done = await t.database.db
        .selectFrom('jobs')
        .select('state')
        .where('kind', '=', 'followers.confirm')
        .executeTakeFirstOrThrow();
      expect(done.state).toBe('done');
    });

    it('lets an author turn comment notices off through the link in the mail', async () => {
      const { article } = await setup();
      await postComment(t, article.id, { name: 'Bert', body: 'Voor de auteur.' });
      await t.app.jobs.drain();
      const mail = to(smtp.mails, 'auteur@example.nl')[0]!;
      expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      const path = linkIn(mail, /\/reacties\/auteur-afmelden\/\d+\/[A-Za-z0-9_-]+/);
      expect((await t.app.inject(path)).statusCode).toBe(200);
      const forged = await t.app.inject({
        method: 'POST',
        url: `${path}x`,
        headers: formHeaders,
        payload: '',
      });
      expect(forged.statusCode).toBe(404);
      const res = await t.app.inject({
        method: 'POST',
        url: path,
        headers: formHeaders,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(res.statusCode).toBe(200);
      await postComment(t, article.id, { name: 'Cor', body: 'Niet meer gemeld.' });
      await t.app.jobs.drain();
      expect(to(smtp.mails, 'auteur@example.nl')).toHaveLength(1);
    });
  });
}
