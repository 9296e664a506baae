// One mailbox is one address row, whichever form wrote it, and forgetting a reader removes
// every row of their mailbox with all that hangs on it.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { commentsOf, formToken, postComment } from '../comments/comment-helpers.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createList } from '../helpers/factories.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { postSubscribe } from '../newsletters/newsletter-fixtures.js';

// "Renée" typed on two keyboards: with a combining accent, and as one character.
const DECOMPOSED = '  Rene\u0301e@Example.NL ';
const COMPOSED = 'REN\u00c9E@example.nl';
const STORED = 'ren\u00e9e@example.nl';

for (const backend of backends) {
  describe(`one mailbox, one address row, on ${backend.name}`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    // The first open on a backend starts it (PGlite takes long on a busy machine); not a test.
    beforeAll(async () => (await backend.open()).close(), 300_000);
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    const db = () => t.database.db;

    async function followAndSubscribe() {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      await saveCommentSetting(db(), 'moderation', 'open');
      const article = await createArticle(db());
      const list = await createList(db(), { name: 'Verkoopbrief' });
      const { res } = await postComment(t, article.id, {
        name: 'Renée',
        email: DECOMPOSED,
        body: 'Goed stuk.',
        notify: '1',
      });
      expect(res.statusCode).toBe(303);
      const subscribed = await postSubscribe(t, {
        form_token: formToken(),
        email: COMPOSED,
        list: list.id,
      });
      expect(subscribed.statusCode).toBe(303);
      return { article, list };
    }

    it('keeps a comment follower and a newsletter subscriber typed differently as one row', async () => {
      const { article } = await followAndSubscribe();
      const addresses = await db().selectFrom('addresses').select(['id', 'email']).execute();
      expect(addresses.map((a) => a.email)).toEqual([STORED]);
      const [address] = addresses;
      const follower = await db().selectFrom('followers').select('address_id').execute();
      const subscription = await db().selectFrom('subscriptions').select('address_id').execute();
      expect(follower).toEqual([{ address_id: address!.id }]);
      expect(subscription).toEqual([{ address_id: address!.id }]);
      expect((await commentsOf(t, article.id))[0]!.email).toBe(STORED);
    });

    it('forgets every row of the mailbox: comments, follows, subscriptions and links', async () => {
      const { article } = await followAndSubscribe();
      // A row in the decomposed form, as a process from before the one normaliser wrote it.
      const now = new Date().toISOString();
      const legacy = await db()
        .insertInto('addresses')
        .values({ email: 'rene\u0301e@example.nl', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const other = await createList(db(), { name: 'Oude lijst' });
      await db()
        .insertInto('subscriptions')
        .values({
          list_id: other.id,
          address_id: legacy.id,
          state: 'confirmed',
          token: randomBytes(32).toString('base64url'),
          consent_at: now,
          consent_address_hash: null,
          consent_text: 'test',
          confirmed_at: now,
          created_at: now,
        })
        .execute();
      await t.app.jobs.drain();
      smtp.mails.length = 0;

      const asked = await t.app.inject({
        method: 'POST',
        url: '/reacties/vergeten',
        headers: formHeaders,
        payload: form({ form_token: formToken(), email: ' renée@EXAMPLE.nl' }),
      });
      expect(asked.statusCode).toBe(303);
      await t.app.jobs.drain();
      expect(smtp.mails.map((m) => m.to)).toEqual([[STORED]]);
      const path = /http:\/\/podium\.test(\/reacties\/vergeten\/[A-Za-z0-9_-]+)/.exec(
        smtp.mails[0]!.parsed.text ?? '',
      )?.[1];
      const done = await t.app.inject({
        method: 'POST',
        url: path!,
        headers: formHeaders,
        payload: form({ form_token: formToken(), how: 'remove' }),
      });
      expect(done.statusCode).toBe(303);

      expect(await db().selectFrom('addresses').select('email').execute()).toEqual([]);
      expect(await db().selectFrom('followers').select('id').execute()).toEqual([]);
      expect(await db().selectFrom('subscriptions').select('id').execute()).toEqual([]);
      const links = await db()
        .selectFrom('one_time_tokens')
        .select('purpose')
        .where('email', 'is not', null)
        .execute();
      expect(links).toEqual([]);
      const [comment] = await commentsOf(t, article.id);
      expect(comment).toMatchObject({ email: null, state: 'deleted' });
    });

    it('sends the forget link to a reader who is only on a newsletter list', async () => {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const list = await createList(db());
      await postSubscribe(t, { form_token: formToken(), email: 'lezer@example.nl', list: list.id });
      await t.app.jobs.drain();
      smtp.mails.length = 0;
      const asked = await t.app.inject({
        method: 'POST',
        url: '/reacties/vergeten',
        headers: formHeaders,
        payload: form({ form_token: formToken(), email: 'Lezer@example.nl' }),
      });
      expect(asked.statusCode).toBe(303);
      await t.app.jobs.drain();
      expect(smtp.mails.map((m) => m.to)).toEqual([['lezer@example.nl']]);
    });
  });
}
