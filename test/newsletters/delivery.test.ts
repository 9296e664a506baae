import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BATCH_JOB,
  createEdition,
  EDITION_JOB,
  schedule,
  sendNow,
  startDueEditions,
} from '../../src/features/newsletters/editions.service.js';
import {
  type NewsletterDeps,
  recordBounce,
} from '../../src/features/newsletters/subscriptions.service.js';
import { enqueue } from '../../src/jobs/queue.js';
import { catalogs } from '../../src/views/messages/index.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { addConfirmedSubscribers, createArticle, createList } from '../helpers/factories.js';
import { hiddenField } from '../helpers/login.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { linkIn, pathOf } from './newsletter-fixtures.js';

for (const backend of backends) {
  describe(`newsletter delivery on ${backend.name}`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let deps: NewsletterDeps;
    beforeEach(async () => {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      deps = { db: t.database.db, config: t.config, t: catalogs.nl.newsletters };
    }, 120_000);
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    async function editionWithArticles(listId: number) {
      const a1 = await createArticle(t.database.db, {
        title: 'Verkopen met vragen',
        lead: 'Open vragen werken.',
      });
      const a2 = await createArticle(t.database.db, { title: 'Pijplijn op orde' });
      const draft = await createArticle(t.database.db, { title: 'Nog geheim', status: 'draft' });
      const id = await createEdition(
        deps,
        {
          listId,
          subject: 'Editie november',
          intro: 'Beste lezer,\n\nDit is de editie.',
          articleIds: [a2.id, a1.id],
        },
        null,
      );
      return { id, a1, a2, draft };
    }

    it('sends one mail per confirmed, non-suppressed subscriber with one-click headers', async () => {
      const list = await createList(t.database.db, { name: 'Weekbrief' });
      await addConfirmedSubscribers(t.database.db, list.id, [
        'a@example.nl',
        'b@example.nl',
        'c@example.nl',
        'weg@example.nl',
      ]);
      await recordBounce(t.database.db, 'weg@example.nl', 'bounce');
      const { id, a1, a2, draft } = await editionWithArticles(list.id);
      await expect(
        createEdition(
          deps,
          { listId: list.id, subject: 'x', intro: '', articleIds: [draft.id] },
          null,
        ),
      ).rejects.toMatchObject({ code: 'validation' });

      // Not public before it is sent.
      expect((await t.app.inject(`/nieuwsbrief/editie/${id}`)).statusCode).toBe(404);
      await sendNow(deps, id);
      await t.app.jobs.drain();
      await smtp.waitFor(3);
      await smtp.idle();
      expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([
        'a@example.nl',
        'b@example.nl',
        'c@example.nl',
      ]);

      const mail = smtp.mails.find((m) => m.to[0] === 'a@example.nl')!;
      expect(mail.parsed.subject).toBe('Editie november');
      const token = (
        await t.database.db
          .selectFrom('subscriptions as s')
          .innerJoin('addresses as ad', 'ad.id', 's.address_id')
          .select('s.token')
          .where('ad.email', '=', 'a@example.nl')
          .executeTakeFirstOrThrow()
      ).token;
      // Headers may be folded over lines; unfold before reading.
      const rawHeaders = mail.raw.replace(/\r?\n[ \t]+/g, ' ');
      expect(rawHeaders).toContain(`List-Unsubscribe: <http://podium.test/afmelden/${token}>`);
      expect(rawHeaders).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      const html = String(mail.parsed.html);
      expect(html).toContain(`http://podium.test/artikel/${a1.id}/${a1.slug}`);
      expect(html.indexOf(a2.title)).toBeLessThan(html.indexOf(a1.title));
      expect(html).toContain(`http://podium.test/nieuwsbrief/editie/${id}`);
      expect(html).toContain(`http://podium.test/afmelden/${token}`);
      expect(mail.parsed.text).toContain(`http://podium.test/artikel/${a2.id}/${a2.slug}`);
      expect(mail.parsed.text).toContain('Dit is de editie.');

      const deliveries = await t.database.db
        .selectFrom('deliveries')
        .selectAll()
        .where('edition_id', '=', id)
        .execute();
      expect(deliveries).toHaveLength(3);
      expect(deliveries.every((d) => d.state === 'sent' && d.message_id)).toBe(true);
      const edition = await t.database.db
        .selectFrom('editions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(edition.state).toBe('sent');

      const online = await t.app.inject(`/nieuwsbrief/editie/${id}`);
      expect(online.statusCode).toBe(200);
      expect(online.body).toContain('Editie november');
      expect(online.body).toContain(`/artikel/${a1.id}/${a1.slug}`);

      // Running the edition job again adds nobody and sends nothing.
      await t.database.db
        .updateTable('editions')
        .set({ state: 'sending' })
        .where('id', '=', id)
        .execute();
      await enqueue(t.database.db, {
        kind: EDITION_JOB,
        key: `newsletter.edition:${id}:again`,
        payload: { editionId: id },
      });
      await t.app.jobs.drain();
      await smtp.idle();
      expect(smtp.mails).toHaveLength(3);
      expect(
        (
          await t.database.db
            .selectFrom('jobs')
            .select('kind')
            .where('kind', '=', BATCH_JOB)
            .execute()
        ).length,
      ).toBeGreaterThanOrEqual(2);
    });

    it('starts a scheduled edition when its time has come', async () => {
      const list = await createList(t.database.db);
      await addConfirmedSubscribers(t.database.db, list.id, ['p@example.nl']);
      const { id } = await editionWithArticles(list.id);
      await expect(schedule(deps, id, new Date(Date.now() - 1000))).rejects.toMatchObject({
        code: 'validation',
      });
      await schedule(deps, id, new Date(Date.now() + 3_600_000));
      expect(await startDueEditions(deps)).toBe(0);
      await t.database.db
        .updateTable('editions')
        .set({ send_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', id)
        .execute();
      expect(await startDueEditions(deps)).toBe(1);
      await t.app.jobs.drain();
      await smtp.waitFor(1);
      expect(smtp.mails[0]!.to).toEqual(['p@example.nl']);
      await expect(sendNow(deps, id)).rejects.toMatchObject({ code: 'validation' });
    });

    it('unsubscribes on POST only: page form, one click from the mail client, and forgetting', async () => {
      const list = await createList(t.database.db, { name: 'Maandbrief' });
      const other = await createList(t.database.db, { name: 'Extra' });
      await addConfirmedSubscribers(t.database.db, list.id, [
        'u@example.nl',
        'v@example.nl',
        'w@example.nl',
      ]);
      await addConfirmedSubscribers(t.database.db, other.id, ['u@example.nl', 'w@example.nl']);
      const { id } = await editionWithArticles(list.id);
      await sendNow(deps, id);
      await t.app.jobs.drain();
      await smtp.waitFor(3);
      const mailTo = (who: string) => smtp.mails.find((m) => m.to[0] === who)!;
      const state = async (email: string, listId: number) =>
        (
          await t.database.db
            .selectFrom('subscriptions as s')
            .innerJoin('addresses as a', 'a.id', 's.address_id')
            .select('s.state')
            .where('a.email', '=', email)
            .where('s.list_id', '=', listId)
            .executeTakeFirst()
        )?.state;

      // GET shows the page and changes nothing.
      const uLink = linkIn(mailTo('u@example.nl'), 'http://podium.test/afmelden/');
      const page = await t.app.inject(pathOf(uLink));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('u@example.nl');
      expect(page.headers['cache-control']).toContain('no-store');
      expect(await state('u@example.nl', list.id)).toBe('confirmed');

      // The page's own form: leave this list, then all.
      const leave = await t.app.inject({
        method: 'POST',
        url: pathOf(uLink),
        headers: formHeaders,
        payload: form({ form_token: hiddenField(page.body, 'form_token'), action: 'list' }),
      });
      expect(leave.statusCode).toBe(303);
      expect(await state('u@example.nl', list.id)).toBe('unsubscribed');
      expect(await state('u@example.nl', other.id)).toBe('confirmed');
      const all = await t.app.inject({
        method: 'POST',
        url: pathOf(uLink),
        headers: formHeaders,
        payload: form({ form_token: hiddenField(page.body, 'form_token'), action: 'all' }),
      });
      expect(all.statusCode).toBe(303);
      expect(await state('u@example.nl', other.id)).toBe('unsubscribed');

      // Without the form token, or cross-site with any other body: refused, nothing changes.
      const vLink = linkIn(mailTo('v@example.nl'), 'http://podium.test/afmelden/');
      const noToken = await t.app.inject({
        method: 'POST',
        url: pathOf(vLink),
        headers: formHeaders,
        payload: form({ action: 'list' }),
      });
      expect(noToken.statusCode).toBe(403);
      const crossSiteForm = await t.app.inject({
        method: 'POST',
        url: pathOf(vLink),
        headers: { ...formHeaders, origin: 'https://mail.example', 'sec-fetch-site': 'cross-site' },
        payload: form({ form_token: hiddenField(page.body, 'form_token'), action: 'forget' }),
      });
      expect(crossSiteForm.statusCode).toBe(403);
      expect(await state('v@example.nl', list.id)).toBe('confirmed');

      // RFC 8058 one-click: exactly this body, cross-site, no form token.
      const oneClick = await t.app.inject({
        method: 'POST',
        url: pathOf(vLink),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'https://mail.example',
          'sec-fetch-site': 'cross-site',
        },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(oneClick.statusCode).toBe(200);
      expect(await state('v@example.nl', list.id)).toBe('unsubscribed');

      // Unknown token: 404 either way.
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/afmelden/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(unknown.statusCode).toBe(404);
      expect((await t.app.inject('/afmelden/<script>')).statusCode).toBe(404);

      // Forget: the address and all it carries are gone.
      const wLink = linkIn(mailTo('w@example.nl'), 'http://podium.test/afmelden/');
      const forget = await t.app.inject({
        method: 'POST',
        url: pathOf(wLink),
        headers: formHeaders,
        payload: form({ form_token: hiddenField(page.body, 'form_token'), action: 'forget' }),
      });
      expect(forget.statusCode).toBe(303);
      expect(forget.headers.location).toBe('/nieuwsbrief');
      const gone = await t.database.db
        .selectFrom('addresses')
        .select('id')
        .where('email', '=', 'w@example.nl')
        .execute();
      expect(gone).toEqual([]);
      expect((await t.app.inject(pathOf(wLink))).statusCode).toBe(404);

      // Unsubscribed and forgotten readers get nothing from the next edition.
      const next = await editionWithArticles(list.id);
      const before = smtp.mails.length;
      await sendNow(deps, next.id);
      await t.app.jobs.drain();
      await smtp.idle();
      expect(smtp.mails.length).toBe(before);
    });

    it('records bounces and complaints: a suppressed address gets nothing', async () => {
      const list = await createList(t.database.db);
      await addConfirmedSubscribers(t.database.db, list.id, ['x@example.nl', 'y@example.nl']);
      const { id } = await editionWithArticles(list.id);
      await sendNow(deps, id);
      // Suppressed after queuing but before the batch ran: still nothing.
      await t.app.jobs.runDue(); // the edition job queues the deliveries
      await recordBounce(t.database.db, 'X@Example.nl', 'complaint');
      await t.app.jobs.drain();
      await smtp.waitFor(1);
      await smtp.idle();
      expect(smtp.mails.map((m) => m.to[0])).toEqual(['y@example.nl']);
      const x = await t.database.db
        .selectFrom('addresses')
        .selectAll()
        .where('email', '=', 'x@example.nl')
        .executeTakeFirstOrThrow();
      expect(x.suppressed_at).toBeTruthy();
      expect(x.suppress_reason).toBe('complaint');
    });
  });
}
