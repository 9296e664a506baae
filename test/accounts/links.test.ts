import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  issueFirstAdminLink,
  issueResetLink,
} from '../../src/features/accounts/credentials.service.js';
import { sha256 } from '../../src/features/accounts/secret-token.js';
import { buildTestApp, cookiesFrom, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createUser, hiddenField, loginAs, submitLogin } from '../helpers/login.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';

const NEW_PASSWORD = 'een lange zin als wachtwoord';

function linkIn(text: string, path: string): string {
  const match = new RegExp(`(https?://[^\\s]+${path}/[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`No ${path} link in:\n${text}`);
  return match[1]!;
}

async function postLinkForm(t: TestApp, path: string, fields: Record<string, string>, cookie = '') {
  const page = await t.app.inject({ url: path, headers: cookie ? { cookie } : {} });
  // A used or expired link shows no form; a browser would still post its earlier one.
  const formPage = page.statusCode === 200 ? page : await t.app.inject('/beheer/inloggen');
  const token = hiddenField(formPage.body, 'form_token');
  return t.app.inject({
    method: 'POST',
    url: path,
    headers: { ...formHeaders, ...(cookie ? { cookie } : {}) },
    payload: form({ form_token: token, ...fields }),
  });
}

for (const backend of backends) {
  describe(`setup, invite and reset links on ${backend.name}`, { timeout: 300_000 }, () => {
    beforeAll(async () => {
      // Starting PGlite takes long on a busy machine; pay it outside the first test.
      await (await backend.open({ migrate: false })).close();
      smtp = await startSmtpServer();
    }, 300_000);
    let t: TestApp;
    let smtp: TestSmtpServer;
    afterAll(async () => smtp.close());
    afterEach(async () => {
      smtp.mails.length = 0;
      await t?.close();
    });

    it('creates the first admin through the setup link, once only', async () => {
      t = await buildTestApp(backend);
      const token = await issueFirstAdminLink(t.database.db);
      expect(token).toBeDefined();
      const path = `/beheer/uitnodiging/${token}`;
      const page = await t.app.inject(path);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Welkom bij Podium');
      const res = await postLinkForm(t, path, {
        name: 'Anna Beheer',
        email: 'Anna@Example.nl',
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/beheer');
      const cookie = cookiesFrom(res);
      const home = await t.app.inject({ url: '/beheer', headers: { cookie } });
      expect(home.statusCode).toBe(200);
      expect(home.body).toContain('Ingesteld'.slice(0, 0) + 'Uw wachtwoord is ingesteld');
      expect(home.body).toContain('href="/beheer/gebruikers"');
      const admin = await t.database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(admin).toMatchObject({ email: 'anna@example.nl', role: 'admin', state: 'active' });
      // Used: the same link is refused, and no new link is issued now that an admin exists.
      expect((await t.app.inject(path)).statusCode).toBe(410);
      const again = await postLinkForm(t, path, {
        name: 'Mallory',
        email: 'mallory@example.nl',
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      expect(again.statusCode).toBe(410);
      expect(await issueFirstAdminLink(t.database.db)).toBeUndefined();
      expect((await submitLogin(t, 'anna@example.nl', NEW_PASSWORD)).statusCode).toBe(303);
    });

    it('refuses bad input on the setup form and stores nothing', async () => {
      t = await buildTestApp(backend);
      const token = await issueFirstAdminLink(t.database.db);
      const path = `/beheer/uitnodiging/${token}`;
      const cases: [Record<string, string>, string][] = [
        [{}, 'Vul een naam in.'],
        [
          {
            name: 'A',
            email: 'geen-adres',
            password: NEW_PASSWORD,
            password_confirm: NEW_PASSWORD,
          },
          'Dit is geen geldig e-mailadres.',
        ],
        [
          {
            name: '<script>alert(1)</script>',
            email: 'a@example.nl',
            password: NEW_PASSWORD,
            password_confirm: NEW_PASSWORD,
          },
          'De naam mag geen',
        ],
        [
          {
            name: 'x'.repeat(81),
            email: 'a@example.nl',
            password: NEW_PASSWORD,
            password_confirm: NEW_PASSWORD,
          },
          'hoogstens 80 tekens',
        ],
        [
          { name: 'A', email: 'a@example.nl', password: 'kort', password_confirm: 'kort' },
          'minstens 10 tekens',
        ],
        [
          {
            name: 'A',
            email: 'a@example.nl',
            password: 'p'.repeat(257),
            password_confirm: 'p'.repeat(257),
          },
          'hoogstens 256 tekens',
        ],
        [
          {
            name: 'A',
            email: 'a@example.nl',
            password: 'password123',
            password_confirm: 'password123',
          },
          'te bekend',
        ],
        [
          {
            name: 'A',
            email: 'a@example.nl',
            password: NEW_PASSWORD,
            password_confirm: 'iets anders dan dat',
          },
          'niet gelijk',
        ],
      ];
      for (const [fields, message] of cases) {
        const res = await postLinkForm(t, path, fields);
        expect(res.statusCode, message).toBe(422);
        expect(res.body).toContain(message);
        expect(res.body).not.toContain('<script>alert(1)</script>');
      }
      const arrays = await t.app.inject({
        method: 'POST',
        url: path,
        headers: formHeaders,
        payload: `form_token=${hiddenField((await t.app.inject(path)).body, 'form_token')}&name=a&name=b&email=a@example.nl&password=${encodeURIComponent(NEW_PASSWORD)}&password_confirm=${encodeURIComponent(NEW_PASSWORD)}`,
      });
      expect(arrays.statusCode).toBe(422);
      expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(0);
      const row = await t.database.db
        .selectFrom('one_time_tokens')
        .select('used_at')
        .where('id', '=', sha256(token!))
        .executeTakeFirstOrThrow();
      expect(row.used_at).toBeNull();
      // A 256-character password with spaces is fine.
      const long = 'lang wachtwoord '.repeat(16);
      const ok = await postLinkForm(t, path, {
        name: 'A',
        email: 'a@example.nl',
        password: long,
        password_confirm: long,
      });
      expect(ok.statusCode).toBe(303);
      expect((await submitLogin(t, 'a@example.nl', long)).statusCode).toBe(303);
    });

    it('invites by mail with a link from SITE_URL; the invitee sets a password and logs in', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const admin = await loginAs(t, 'admin');
      const form1 = await t.app.inject({
        url: '/beheer/gebruikers/uitnodigen',
        headers: { cookie: admin.cookie },
      });
      expect(form1.statusCode).toBe(200);
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/gebruikers/uitnodigen',
        headers: { ...formHeaders, cookie: admin.cookie, host: 'evil.example' },
        payload: form({
          csrf_token: admin.csrfToken,
          email: 'Nieuw@Example.nl',
          name: 'Nina Nieuw',
          role: 'author',
        }),
      });
      expect(res.statusCode).toBe(303);
      expect(smtp.mails).toHaveLength(0); // queued, not sent inside the request
      await t.app.jobs.drain();
      const [mail] = await smtp.waitFor(1);
      expect(mail!.to).toEqual(['nieuw@example.nl']);
      expect(mail!.parsed.subject).toBe('Uitnodiging voor Podium');
      const link = linkIn(mail!.parsed.text ?? '', '/beheer/uitnodiging');
      expect(link.startsWith('http://podium.test/beheer/uitnodiging/')).toBe(true);
      expect(mail!.parsed.html).toContain(link);
      const path = new URL(link).pathname;
      const user = await t.database.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'nieuw@example.nl')
        .executeTakeFirstOrThrow();
      expect(user).toMatchObject({ state: 'invited', role: 'author', password_hash: null });
      const author = await t.database.db
        .selectFrom('authors')
        .select(['user_id', 'name'])
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      expect(author?.name).toBe('Nina Nieuw');
      const page = await t.app.inject(path);
      expect(page.body).toContain('Hallo Nina Nieuw');
      const set = await postLinkForm(t, path, {
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      expect(set.statusCode).toBe(303);
      expect((await submitLogin(t, 'nieuw@example.nl', NEW_PASSWORD)).statusCode).toBe(303);
      expect((await t.app.inject(path)).statusCode).toBe(410);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'user.invite')
        .executeTakeFirstOrThrow();
      expect(audit.user_id).toBe(admin.user.id);
    });

    it('answers a reset request the same for a known and an unknown address, and mails only the known one', async () => {
      t = await buildTestApp(backend, { SMTP_URL: smtp.url });
      const user = await createUser(t, 'editor');
      const known = await postLinkForm(t, '/beheer/wachtwoord-vergeten', { email: user.email });
      const unknown = await postLinkForm(t, '/beheer/wachtwoord-vergeten', {
        email: 'niemand@example.nl',
      });
      expect(known.statusCode).toBe(303);
      expect(unknown.statusCode).toBe(303);
      expect(known.headers.location).toBe(unknown.headers.location);
      expect(known.body).toBe(unknown.body);
      const shown = await t.app.inject({
        url: '/beheer/wachtwoord-vergeten',
        headers: { cookie: cookiesFrom(unknown) },
      });
      expect(shown.body).toContain('Als er een account bij dit adres hoort');
      await t.app.jobs.drain();
      const mails = await smtp.waitFor(1);
      await smtp.idle();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual([user.email]);
      const link = linkIn(mails[0]!.parsed.text ?? '', '/beheer/wachtwoord-herstellen');
      expect(link.startsWith('http://podium.test/')).toBe(true);
      const path = new URL(link).pathname;
      const before = await loginAs(t, 'author'); // an unrelated session stays
      const oldSession = cookiesFrom(await submitLogin(t, user.email, user.password));
      const set = await postLinkForm(t, path, {
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      expect(set.statusCode).toBe(303);
      expect((await submitLogin(t, user.email, user.password)).statusCode).toBe(401);
      expect((await submitLogin(t, user.email, NEW_PASSWORD)).statusCode).toBe(303);
      // The reset ended the user's old sessions, not other people's.
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: oldSession } })).statusCode,
      ).toBe(303);
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: before.cookie } })).statusCode,
      ).toBe(200);
      // Used once: refused the second time.
      expect((await t.app.inject(path)).statusCode).toBe(410);
      const reuse = await postLinkForm(t, path, {
        password: 'nog een ander wachtwoord',
        password_confirm: 'nog een ander wachtwoord',
      });
      expect(reuse.statusCode).toBe(410);
      expect((await submitLogin(t, user.email, NEW_PASSWORD)).statusCode).toBe(303);
    });

    it('refuses expired links and links voided by a later password change', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'author');
      const expired = await issueResetLink(t.database.db, user.email);
      await t.database.db
        .updateTable('one_time_tokens')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', sha256(expired!))
        .execute();
      expect((await t.app.inject(`/beheer/wachtwoord-herstellen/${expired}`)).statusCode).toBe(410);

      const first = await issueResetLink(t.database.db, user.email);
      const second = await issueResetLink(t.database.db, user.email);
      const used = await postLinkForm(t, `/beheer/wachtwoord-herstellen/${first}`, {
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      expect(used.statusCode).toBe(303);
      // The password changed, so the other link issued before is void.
      const voided = await postLinkForm(t, `/beheer/wachtwoord-herstellen/${second}`, {
        password: 'weer iets nieuws erbij',
        password_confirm: 'weer iets nieuws erbij',
      });
      expect(voided.statusCode).toBe(410);
      expect((await submitLogin(t, user.email, NEW_PASSWORD)).statusCode).toBe(303);
      // Garbage and reset links used as invite links are refused.
      expect((await t.app.inject('/beheer/wachtwoord-herstellen/abc')).statusCode).toBe(410);
      const reset = await issueResetLink(t.database.db, user.email);
      expect((await t.app.inject(`/beheer/uitnodiging/${reset}`)).statusCode).toBe(410);
      // Nobody gets a reset link for an unknown address.
      expect(await issueResetLink(t.database.db, 'niemand@example.nl')).toBeUndefined();
    });

    it('refuses bad input on the reset request form', async () => {
      t = await buildTestApp(backend);
      for (const email of ['', 'geen-adres', `${'a'.repeat(300)}@example.nl`, '<script>@x.nl']) {
        const res = await postLinkForm(t, '/beheer/wachtwoord-vergeten', { email });
        expect(res.statusCode).toBe(422);
        expect(res.body).toMatch(/e-mailadres/);
      }
      expect(await t.database.db.selectFrom('jobs').select('id').execute()).toHaveLength(0);
    });
  });
}
