import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createList } from '../helpers/factories.js';
import { hiddenField } from '../helpers/login.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { formToken, linkIn, pathOf, postSubscribe } from './newsletter-fixtures.js';

for (const backend of backends) {
  describe(`newsletter subscribe on ${backend.name}`, { timeout: 120_000 }, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    beforeEach(async () => {
      smtp = await startSmtpServer();
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
    }, 120_000);
    afterEach(async () => {
      await t?.close();
      await smtp?.close();
    });

    const db = () => t.database.db;

    async function subscription(email: string) {
      return db()
        .selectFrom('subscriptions as s')
        .innerJoin('addresses as a', 'a.id', 's.address_id')
        .selectAll('s')
        .where('a.email', '=', email)
        .executeTakeFirst();
    }

    it('shows public lists only and subscribes with double opt-in from the mail link', async () => {
      const list = await createList(db(), { name: 'Sales Ontwikkeling' });
      await createList(db(), { name: 'Interne lijst', isPublic: false });
      const page = await t.app.inject('/nieuwsbrief');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Sales Ontwikkeling');
      expect(page.body).not.toContain('Interne lijst');
      expect(page.body).toContain('name="form_token"');

      const res = await postSubscribe(t, {
        form_token: await formToken(t),
        email: '  Lezer@Example.NL ',
        list: list.id,
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/nieuwsbrief/aangemeld');
      const sub = await subscription('lezer@example.nl');
      expect(sub?.state).toBe('pending');
      // The consent record: time, list, hashed network address, the text shown.
      expect(sub?.consent_text).toContain('Sales Ontwikkeling');
      expect(page.body).toContain(sub!.consent_text);
      expect(sub?.consent_address_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(sub?.consent_address_hash).not.toContain('127.0.0.1');

      await t.app.jobs.drain();
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual(['lezer@example.nl']);
      expect(mail!.parsed.subject).toContain('Sales Ontwikkeling');
      const link = linkIn(mail!, 'http://podium.test/nieuwsbrief/bevestig/');

      // Following the link (as a mail scanner would) changes nothing.
      const shown = await t.app.inject(pathOf(link));
      expect(shown.statusCode).toBe(200);
      expect(shown.headers['cache-control']).toContain('no-store');
      expect((await subscription('lezer@example.nl'))?.state).toBe('pending');

      const confirmed = await t.app.inject({
        method: 'POST',
        url: pathOf(link),
        headers: formHeaders,
        payload: form({ form_token: hiddenField(shown.body, 'form_token') }),
      });
      expect(confirmed.statusCode).toBe(303);
      expect(confirmed.headers.location).toBe('/nieuwsbrief/bevestigd');
      const after = await subscription('lezer@example.nl');
      expect(after?.state).toBe('confirmed');
      expect(after?.confirmed_at).toBeTruthy();
      expect((await t.app.inject('/nieuwsbrief/bevestigd')).body).toContain('U bent aangemeld');

      // A used link is gone, on GET and on POST.
      expect((await t.app.inject(pathOf(link))).statusCode).toBe(410);
      const again = await t.app.inject({
        method: 'POST',
        url: pathOf(link),
        headers: formHeaders,
        payload: form({ form_token: await formToken(t) }),
      });
      expect(again.statusCode).toBe(410);
      expect(again.body).toContain('niet meer geldig');
    });

    it('refuses an expired confirmation link', async () => {
      const list = await createList(db());
      await postSubscribe(t, {
        form_token: await formToken(t),
        email: 'laat@example.nl',
        list: list.id,
      });
      await t.app.jobs.drain();
      const [mail] = await smtp.waitFor(1);
      const link = linkIn(mail!, 'http://podium.test/nieuwsbrief/bevestig/');
      await db()
        .updateTable('one_time_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .execute();
      expect((await t.app.inject(pathOf(link))).statusCode).toBe(410);
      const res = await t.app.inject({
        method: 'POST',
        url: pathOf(link),
        headers: formHeaders,
        payload: form({ form_token: await formToken(t) }),
      });
      expect(res.statusCode).toBe(410);
      expect((await subscription('laat@example.nl'))?.state).toBe('pending');
    });

    it('answers identically for new, pending, confirmed and suppressed addresses', async () => {
      const list = await createList(db(), { name: 'Weekbrief' });
      const token = await formToken(t);
      const first = await postSubscribe(t, {
        form_token: token,
        email: 'a@example.nl',
        list: list.id,
      });
      await t.app.jobs.drain();
      await smtp.waitFor(1);
      // Confirm a@ directly through its link.
      const link = linkIn(smtp.mails[0]!, 'http://podium.test/nieuwsbrief/bevestig/');
      await t.app.inject({
        method: 'POST',
        url: pathOf(link),
        headers: formHeaders,
        payload: form({ form_token: token }),
      });
      await postSubscribe(t, { form_token: token, email: 'b@example.nl', list: list.id });
      const now = new Date().toISOString();
      await db()
        .insertInto('addresses')
        .values({
          email: 'c@example.nl',
          created_at: now,
          suppressed_at: now,
          suppress_reason: 'bounce',
        })
        .execute();
      await t.app.jobs.drain();
      const before = smtp.mails.length;

      const confirmedAgain = await postSubscribe(t, {
        form_token: token,
        email: 'a@example.nl',
        list: list.id,
      });
      const pendingAgain = await postSubscribe(t, {
        form_token: token,
        email: 'b@example.nl',
        list: list.id,
      });
      const suppressed = await postSubscribe(t, {
        form_token: token,
        email: 'c@example.nl',
        list: list.id,
      });
      for (const res of [confirmedAgain, pendingAgain, suppressed]) {
        expect(res.statusCode).toBe(first.statusCode);
        expect(res.headers.location).toBe(first.headers.location);
        expect(res.body).toBe(first.body);
      }
      await t.app.jobs.drain();
      await smtp.waitFor(before + 2);
      await smtp.idle();
      const fresh = smtp.mails.slice(before);
      expect(fresh.map((m) => m.to[0]).sort()).toEqual(['a@example.nl', 'b@example.nl']);
      const toA = fresh.find((m) => m.to[0] === 'a@example.nl')!;
      // The confirmed subscriber gets a neutral note, without a confirmation link.
      expect(toA.parsed.text).not.toContain('/nieuwsbrief/bevestig/');
      expect(toA.parsed.text).toContain('/afmelden/');
      const toB = fresh.find((m) => m.to[0] === 'b@example.nl')!;
      expect(toB.parsed.text).toContain('/nieuwsbrief/bevestig/');
      expect((await subscription('a@example.nl'))?.state).toBe('confirmed');
      expect(await subscription('c@example.nl')).toBeUndefined();
    });

    it('refuses bad input with a 4xx and a message, storing nothing', async () => {
      const list = await createList(db());
      const hidden = await createList(db(), { isPublic: false });
      const token = await formToken(t);
      const cases: {
        fields: Record<string, string | number | undefined>;
        status: number;
        text: string;
        headers?: Record<string, string>;
      }[] = [
        {
          fields: { form_token: token, email: '', list: list.id },
          status: 422,
          text: 'Vul uw e-mailadres in',
        },
        {
          fields: { form_token: token, list: list.id },
          status: 422,
          text: 'Vul uw e-mailadres in',
        },
        {
          fields: { form_token: token, email: 'geen-adres', list: list.id },
          status: 422,
          text: 'geen geldig e-mailadres',
        },
        {
          fields: { form_token: token, email: `${'a'.repeat(10_000)}@example.nl`, list: list.id },
          status: 422,
          text: 'te lang',
        },
        {
          fields: { form_token: token, email: '<script>alert(1)</script>@x.nl', list: list.id },
          status: 422,
          text: 'geen geldig e-mailadres',
        },
        {
          fields: { form_token: token, email: 'ok@example.nl', list: 'abc' },
          status: 422,
          text: 'Kies een nieuwsbrief',
        },
        {
          fields: { form_token: token, email: 'ok@example.nl', list: hidden.id },
          status: 422,
          text: 'Kies een nieuwsbrief',
        },
        {
          fields: { form_token: token, email: 'ok@example.nl', list: 99999 },
          status: 422,
          text: 'Kies een nieuwsbrief',
        },
        {
          fields: { email: 'ok@example.nl', list: list.id },
          status: 403,
          text: 'verlopen of ongeldig',
        },
        {
          fields: { form_token: 'vervalst.token', email: 'ok@example.nl', list: list.id },
          status: 403,
          text: 'verlopen of ongeldig',
        },
        {
          fields: { form_token: token, email: 'ok@example.nl', list: list.id },
          headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
          status: 403,
          text: 'andere website',
        },
      ];
      for (const c of cases) {
        const res = await postSubscribe(t, c.fields, c.headers);
        expect(res.statusCode, JSON.stringify(c.fields).slice(0, 80)).toBe(c.status);
        expect(res.body).toContain(c.text);
        expect(res.body).not.toContain('<script>alert(1)');
      }
      // The refused form comes back filled in.
      const refused = await postSubscribe(t, {
        form_token: token,
        email: 'geen-adres',
        list: list.id,
      });
      expect(refused.body).toContain('value="geen-adres"');
      expect(refused.body).toContain('aria-invalid="true"');
      expect(await db().selectFrom('addresses').selectAll().execute()).toEqual([]);
      expect(await db().selectFrom('subscriptions').selectAll().execute()).toEqual([]);
      expect(await db().selectFrom('jobs').selectAll().execute()).toEqual([]);
    });

    it('limits requests per address and per network', async () => {
      const list = await createList(db());
      const token = await formToken(t);
      for (let i = 0; i < 5; i++) {
        const ok = await postSubscribe(t, {
          form_token: token,
          email: 'veel@example.nl',
          list: list.id,
        });
        expect(ok.statusCode).toBe(303);
      }
      const limited = await postSubscribe(t, {
        form_token: token,
        email: 'veel@example.nl',
        list: list.id,
      });
      expect(limited.statusCode).toBe(429);
      expect(limited.body).toContain('Te veel verzoeken');
      // Rate keys are hashes: neither the address nor the network is stored in the clear.
      const keys = await db().selectFrom('rate_counters').select('key').execute();
      expect(keys.map((k) => k.key).join(' ')).not.toMatch(/veel@|127\.0\.0\.1/);

      let status = 0;
      for (let i = 0; i < 40 && status !== 429; i++) {
        status = (
          await postSubscribe(t, { form_token: token, email: `n${i}@example.nl`, list: list.id })
        ).statusCode;
      }
      expect(status).toBe(429);
    });
  });
}
