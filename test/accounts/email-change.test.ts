// A user changes the address they log in with: proven through a link to the new address,
// the old address told, earlier links voided; every refusal changes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { issueResetLink } from '../../src/features/accounts/credentials.service.js';
import { buildTestApp, cookiesFrom, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createUser, hiddenField, loginAs, submitLogin } from '../helpers/login.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

function linkIn(text: string): string {
  const match = /(https?:\/\/\S+\/beheer\/email-bevestigen\/[A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`No confirmation link in:\n${text}`);
  return match[1]!;
}

for (const backend of backends) {
  describe(`changing one's e-mail address on ${backend.name}`, { timeout: 300_000 }, () => {
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

    const ask = (who: { cookie: string; csrfToken: string }, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/beheer/beveiliging/email',
        headers: { ...formHeaders, cookie: who.cookie },
        payload: form({ csrf_token: who.csrfToken, ...fields }),
      });

    async function emailOf(userId: number): Promise<string> {
      const row = await t.database.db
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      return row.email;
    }

    async function confirm(path: string, cookie = '') {
      const page = await t.app.inject({ url: path, headers: cookie ? { cookie } : {} });
      const token =
        page.statusCode === 200
          ? hiddenField(page.body, 'form_token')
          : hiddenField((await t.app.inject('/beheer/inloggen')).body, 'form_token');
      return {
        page,
        result: await t.app.inject({
          method: 'POST',
          url: path,
          headers: { ...formHeaders, ...(cookie ? { cookie } : {}) },
          payload: form({ form_token: token }),
        }),
      };
    }

    it('changes the address only through the link mailed to it, and tells the old one', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const me = await loginAs(t, 'author');
      const oldEmail = me.user.email;
      const resetToken = await issueResetLink(t.database.db, oldEmail);

      const asked = await ask(me, {
        new_email: ' Nieuw.Adres@Example.NL ',
        email_password: me.user.password,
      });
      expect(asked.statusCode).toBe(303);
      const page = await t.app.inject({
        url: '/beheer/beveiliging',
        headers: { cookie: cookiesFrom(asked, me.cookie) },
      });
      expect(page.body).toContain('nieuw.adres@example.nl');
      // Nothing changes before the link is used.
      expect((await submitLogin(t, oldEmail, me.user.password)).statusCode).toBe(303);

      await t.app.jobs.drain();
      const mails = await smtp.waitFor(2);
      const toNew = mails.find((m) => m.to.includes('nieuw.adres@example.nl'))!;
      const toOld = mails.find((m) => m.to.includes(oldEmail))!;
      expect(toNew.parsed.subject).toContain('Bevestig uw nieuwe e-mailadres');
      expect(toOld.parsed.text).toContain('nieuw.adres@example.nl');
      expect(toOld.parsed.text).not.toContain('/beheer/email-bevestigen/');
      const path = new URL(linkIn(toNew.parsed.text ?? '')).pathname;

      // Opening the link shows a button; it changes nothing by itself.
      const { page: confirmPage, result } = await confirm(path);
      expect(confirmPage.statusCode).toBe(200);
      expect(confirmPage.body).toContain('nieuw.adres@example.nl');
      expect(result.statusCode).toBe(303);
      expect(result.headers.location).toBe('/beheer/inloggen');

      const user = await t.database.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', me.user.id)
        .executeTakeFirstOrThrow();
      expect(user.email).toBe('nieuw.adres@example.nl');
      expect((await submitLogin(t, 'nieuw.adres@example.nl', me.user.password)).statusCode).toBe(
        303,
      );
      expect((await submitLogin(t, oldEmail, me.user.password)).statusCode).toBe(401);
      // The link works once; a reset link mailed to the old address is void now.
      expect((await confirm(path)).result.statusCode).toBe(410);
      expect((await t.app.inject(`/beheer/wachtwoord-herstellen/${resetToken}`)).statusCode).toBe(
        410,
      );
      const audit = await t.database.db.selectFrom('audit_log').select('action').execute();
      expect(audit.map((r) => r.action)).toContain('user.email_change');
      await t.app.jobs.drain();
      const notice = await smtp.waitFor(3);
      expect(notice.filter((m) => m.to.includes(oldEmail))).toHaveLength(2);
    });

    it('refuses a wrong password, a bad or taken address, its own address and forged links', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const me = await loginAs(t, 'editor');
      const other = await createUser(t, 'author');
      const cases: [Record<string, string>, number, string][] = [
        [{ new_email: 'goed@example.nl', email_password: 'fout' }, 422, 'klopt niet'],
        [{ new_email: 'geen-adres', email_password: me.user.password }, 422, 'geen geldig'],
        [{ new_email: '<script>@x.nl', email_password: me.user.password }, 422, 'geen geldig'],
        [{ new_email: 'x'.repeat(300), email_password: me.user.password }, 422, 'te lang'],
        [{ new_email: me.user.email, email_password: me.user.password }, 422, 'al uw'],
        [{ new_email: other.email, email_password: me.user.password }, 409, 'ander account'],
      ];
      for (const [fields, status, text] of cases) {
        const res = await ask(me, fields);
        expect(res.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(status);
        expect(res.body).toContain(text);
        expect(res.body).not.toContain('<script>@');
      }
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/beheer/beveiliging/email',
        headers: { ...formHeaders, cookie: me.cookie },
        payload: form({ new_email: 'x@example.nl', email_password: me.user.password }),
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/beheer/beveiliging/email',
            headers: formHeaders,
            payload: form({ new_email: 'x@example.nl' }),
          })
        ).statusCode,
      ).toBe(401); // not logged in
      for (const token of ['kort', 'A'.repeat(43), "x' or '1'='1"]) {
        const res = await t.app.inject(`/beheer/email-bevestigen/${encodeURIComponent(token)}`);
        expect(res.statusCode).toBe(410);
      }
      // Three requests an hour, then no more mail.
      for (const n of [1, 2, 3]) {
        const res = await ask(me, {
          new_email: `n${n}@example.nl`,
          email_password: me.user.password,
        });
        expect(res.statusCode).toBe(303);
      }
      const fourth = await ask(me, {
        new_email: 'n4@example.nl',
        email_password: me.user.password,
      });
      expect(fourth.statusCode).toBe(429);
      expect(await emailOf(me.user.id)).toBe(me.user.email);
    });

    it('refuses the link when the address was taken in the meantime', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const me = await loginAs(t, 'author');
      await ask(me, { new_email: 'gewild@example.nl', email_password: me.user.password });
      await t.app.jobs.drain();
      const mails = await smtp.waitFor(2);
      const toNew = mails.find((m) => m.to.includes('gewild@example.nl'))!;
      const path = new URL(linkIn(toNew.parsed.text ?? '')).pathname;
      await createUser(t, 'author', { email: 'gewild@example.nl' });
      const { result } = await confirm(path, me.cookie);
      expect(result.statusCode).toBe(409);
      expect(result.body).toContain('ander account');
      expect(await emailOf(me.user.id)).toBe(me.user.email);
    });
  });
}
