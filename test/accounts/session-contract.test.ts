import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/features/accounts/secret-token.js';
import { buildTestApp, cookiesFrom, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { loginAs, submitLogin } from '../helpers/login.js';

for (const backend of backends) {
  describe(`sessions and access on ${backend.name}`, { timeout: 300_000 }, () => {
    beforeAll(async () => {
      // Starting PGlite takes long on a busy machine; pay it outside the first test.
      await (await backend.open({ migrate: false })).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    it('logs in through the form, stores only the hash of the cookie, and shows the dashboard', async () => {
      t = await buildTestApp(backend);
      const me = await loginAs(t, 'editor');
      const value = me.cookie
        .split('; ')
        .find((c) => c.startsWith('podium_session='))!
        .split('=')[1]!;
      const row = await t.database.db
        .selectFrom('sessions')
        .selectAll()
        .where('user_id', '=', me.user.id)
        .executeTakeFirstOrThrow();
      expect(row.id).toBe(sha256(value));
      expect(row.id).not.toBe(value);
      expect(row.csrf_token).toBe(me.csrfToken);
      const page = await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-store');
      expect(page.body).toContain('noindex');
      expect(page.body).toContain('href="/beheer/onderwerpen"');
      expect(page.body).not.toContain('href="/beheer/gebruikers"');
      expect(page.body).toContain('href="/beheer/mailbox"');
    });

    it('sets an HttpOnly SameSite=Lax cookie, __Host- and Secure on https', async () => {
      t = await buildTestApp(backend, { SITE_URL: 'https://podium.test' });
      const me = await loginAs(t, 'admin', {
        headers: { origin: 'https://podium.test' },
      });
      expect(me.cookie).toContain('__Host-podium_session=');
      const res = await submitLogin(t, me.user.email, me.user.password, {
        origin: 'https://podium.test',
      });
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(
        /__Host-podium_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
      );
      const page = await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/beheer/gebruikers"');
    });

    it('sends visitors without a login to the login page, and refuses their posts with 401', async () => {
      t = await buildTestApp(backend);
      const res = await t.app.inject({ url: '/beheer?x=1' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/beheer/inloggen?terug=%2Fbeheer%3Fx%3D1');
      const post = await t.app.inject({
        method: 'POST',
        url: '/beheer/uitloggen',
        headers: formHeaders,
        payload: form({ csrf_token: 'x' }),
      });
      expect(post.statusCode).toBe(401);
    });

    it('refuses back-office posts with a missing or wrong CSRF token', async () => {
      t = await buildTestApp(backend);
      const me = await loginAs(t, 'author');
      for (const payload of [form({}), form({ csrf_token: 'wrong' }), form({ csrf_token: '' })]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/beheer/uitloggen',
          headers: { ...formHeaders, cookie: me.cookie },
          payload,
        });
        expect(res.statusCode).toBe(403);
        expect(res.body).toContain('formulier');
      }
      // Still logged in: nothing was done.
      const page = await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } });
      expect(page.statusCode).toBe(200);
    });

    it('logs out with the right token and ends the session in the database', async () => {
      t = await buildTestApp(backend);
      const me = await loginAs(t, 'author');
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/uitloggen',
        headers: { ...formHeaders, cookie: me.cookie },
        payload: form({ csrf_token: me.csrfToken }),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/beheer/inloggen');
      const left = await t.database.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', me.user.id)
        .execute();
      expect(left).toHaveLength(0);
      const after = await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } });
      expect(after.statusCode).toBe(303);
      const loginPage = await t.app.inject({
        url: '/beheer/inloggen',
        headers: { cookie: cookiesFrom(res) },
      });
      expect(loginPage.body).toContain('U bent uitgelogd.');
    });
  });
}
