import { generate } from 'otplib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSecret } from '../../src/features/accounts/two-factor.service.js';
import {
  buildTestApp,
  cookiesFrom,
  form,
  formHeaders,
  TEST_SECRET,
  type TestApp,
} from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { csrfTokenFor, hiddenField, loginAs, submitLogin } from '../helpers/login.js';

const NEW_PASSWORD = 'een ander lang wachtwoord';

for (const backend of backends) {
  describe(`security page on ${backend.name}`, { timeout: 300_000 }, () => {
    beforeAll(async () => {
      // Starting PGlite takes long on a busy machine; pay it outside the first test.
      await (await backend.open({ migrate: false })).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    const post = (url: string, cookie: string, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...formHeaders, cookie },
        payload: form(fields),
      });

    it('lists the sessions and ends one of them', async () => {
      t = await buildTestApp(backend);
      const me = await loginAs(t, 'author');
      const other = cookiesFrom(
        await submitLogin(t, me.user.email, me.user.password, {
          'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Firefox/130.0',
        }),
      );
      const page = await t.app.inject({
        url: '/beheer/beveiliging',
        headers: { cookie: me.cookie },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Deze sessie');
      expect(page.body).toContain('Firefox · Windows');
      const ids = [...page.body.matchAll(/sessies\/([0-9a-f]{64})\/beeindigen/g)].map((m) => m[1]!);
      expect(ids).toHaveLength(1);
      // Another user cannot end my session.
      const stranger = await loginAs(t, 'admin');
      expect(
        (
          await post(`/beheer/beveiliging/sessies/${ids[0]}/beeindigen`, stranger.cookie, {
            csrf_token: stranger.csrfToken,
          })
        ).statusCode,
      ).toBe(404);
      expect((await t.app.inject({ url: '/beheer', headers: { cookie: other } })).statusCode).toBe(
        200,
      );
      const ended = await post(`/beheer/beveiliging/sessies/${ids[0]}/beeindigen`, me.cookie, {
        csrf_token: me.csrfToken,
      });
      expect(ended.statusCode).toBe(303);
      expect((await t.app.inject({ url: '/beheer', headers: { cookie: other } })).statusCode).toBe(
        303,
      );
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } })).statusCode,
      ).toBe(200);
      expect(
        (
          await post('/beheer/beveiliging/sessies/zzz/beeindigen', me.cookie, {
            csrf_token: me.csrfToken,
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await post(`/beheer/beveiliging/sessies/${ids[0]}/beeindigen`, me.cookie, {})).statusCode,
      ).toBe(403);
    });

    it('changes the password and ends every other session', async () => {
      t = await buildTestApp(backend);
      const me = await loginAs(t, 'editor');
      const other = cookiesFrom(await submitLogin(t, me.user.email, me.user.password));
      const bad: [Record<string, string>, string][] = [
        [
          {
            current_password: 'fout wachtwoord hier',
            password: NEW_PASSWORD,
            password_confirm: NEW_PASSWORD,
          },
          'Het huidige wachtwoord klopt niet.',
        ],
        [
          { current_password: me.user.password, password: 'kort', password_confirm: 'kort' },
          'minstens 10 tekens',
        ],
        [
          {
            current_password: me.user.password,
            password: NEW_PASSWORD,
            password_confirm: 'anders',
          },
          'niet gelijk',
        ],
        [
          {
            current_password: me.user.password,
            password: me.user.email,
            password_confirm: me.user.email,
          },
          'gelijk zijn aan uw e-mailadres',
        ],
      ];
      for (const [fields, message] of bad) {
        const res = await post('/beheer/beveiliging/wachtwoord', me.cookie, {
          csrf_token: me.csrfToken,
          ...fields,
        });
        expect(res.statusCode).toBe(422);
        expect(res.body).toContain(message);
      }
      expect((await t.app.inject({ url: '/beheer', headers: { cookie: other } })).statusCode).toBe(
        200,
      );
      const ok = await post('/beheer/beveiliging/wachtwoord', me.cookie, {
        csrf_token: me.csrfToken,
        current_password: me.user.password,
        password: NEW_PASSWORD,
        password_confirm: NEW_PASSWORD,
      });
      expect(ok.statusCode).toBe(303);
      expect((await t.app.inject({ url: '/beheer', headers: { cookie: other } })).statusCode).toBe(
        303,
      );
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: me.cookie } })).statusCode,
      ).toBe(200);
      expect((await submitLogin(t, me.user.email, me.user.password)).statusCode).toBe(401);
      expect((await submitLogin(t, me.user.email, NEW_PASSWORD)).statusCode).toBe(303);
    });

    it('enrols in two-factor login, then asks for a code; a recovery code works once', async () => {
      t = await buildTestApp(backend);
      const me = await loginAs(t, 'admin');
      const start = await post('/beheer/beveiliging/2fa/starten', me.cookie, {
        csrf_token: me.csrfToken,
      });
      expect(start.headers.location).toBe('/beheer/beveiliging/2fa');
      const enrol = await t.app.inject({
        url: '/beheer/beveiliging/2fa',
        headers: { cookie: me.cookie },
      });
      expect(enrol.statusCode).toBe(200);
      expect(enrol.body).toMatch(/src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+"/);
      const secret = /<code class="totp-secret">([A-Z2-7]+)<\/code>/.exec(enrol.body)![1]!;
      const stored = await t.database.db
        .selectFrom('users')
        .select('totp_secret')
        .where('id', '=', me.user.id)
        .executeTakeFirstOrThrow();
      expect(stored.totp_secret).not.toContain(secret); // encrypted at rest
      expect(openSecret(TEST_SECRET, stored.totp_secret!)).toBe(secret);

      const wrong = await post('/beheer/beveiliging/2fa/bevestigen', me.cookie, {
        csrf_token: me.csrfToken,
        code: '000000',
      });
      expect(wrong.statusCode).toBe(422);
      const confirmedAt = Math.floor(Date.now() / 1000);
      const confirmed = await post('/beheer/beveiliging/2fa/bevestigen', me.cookie, {
        csrf_token: me.csrfToken,
        code: await generate({ secret, epoch: confirmedAt }),
      });
      expect(confirmed.statusCode).toBe(200);
      const codes = [
        ...confirmed.body.matchAll(/<li><code>([a-z0-9]{5}-[a-z0-9]{5})<\/code><\/li>/g),
      ].map((m) => m[1]!);
      expect(codes).toHaveLength(10);
      const hashes = await t.database.db
        .selectFrom('users')
        .select('recovery_codes')
        .where('id', '=', me.user.id)
        .executeTakeFirstOrThrow();
      for (const code of codes) expect(hashes.recovery_codes).not.toContain(code.replace('-', ''));

      // Login now stops at the second step: the pending session is not logged in.
      const step1 = await submitLogin(t, me.user.email, me.user.password);
      expect(step1.headers.location).toBe('/beheer/inloggen/code?terug=%2Fbeheer');
      const pending = cookiesFrom(step1);
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: pending } })).statusCode,
      ).toBe(303);
      const codePage = await t.app.inject({
        url: '/beheer/inloggen/code',
        headers: { cookie: pending },
      });
      const pendingCsrf = hiddenField(codePage.body, 'csrf_token');
      const bad = await post('/beheer/inloggen/code', pending, {
        csrf_token: pendingCsrf,
        code: '123456',
      });
      expect(bad.statusCode).toBe(401);
      expect(
        (await post('/beheer/inloggen/code', pending, { code: await generate({ secret }) }))
          .statusCode,
      ).toBe(403);
      // The code that confirmed the enrolment is spent: the login takes the app's next one
      // (accepted early, for phones whose clock runs a little ahead).
      const spent = await post('/beheer/inloggen/code', pending, {
        csrf_token: pendingCsrf,
        code: await generate({ secret, epoch: confirmedAt }),
      });
      expect(spent.statusCode).toBe(401);
      const nextCode = await generate({ secret, epoch: confirmedAt + 30 });
      const good = await post('/beheer/inloggen/code', pending, {
        csrf_token: pendingCsrf,
        code: nextCode,
      });
      expect(good.statusCode).toBe(303);
      const full = cookiesFrom(good, pending);
      expect(full).not.toBe(pending);
      expect((await t.app.inject({ url: '/beheer', headers: { cookie: full } })).statusCode).toBe(
        200,
      );
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: pending } })).statusCode,
      ).toBe(303);

      // A code works for one login: seen over a shoulder, it is no use within its minute.
      const again = cookiesFrom(await submitLogin(t, me.user.email, me.user.password));
      const againPage = await t.app.inject({
        url: '/beheer/inloggen/code',
        headers: { cookie: again },
      });
      const replayed = await post('/beheer/inloggen/code', again, {
        csrf_token: hiddenField(againPage.body, 'csrf_token'),
        code: nextCode,
      });
      expect(replayed.statusCode).toBe(401);

      // A recovery code works once.
      const viaRecovery = async () => {
        const s1 = cookiesFrom(await submitLogin(t, me.user.email, me.user.password));
        const page = await t.app.inject({ url: '/beheer/inloggen/code', headers: { cookie: s1 } });
        return post('/beheer/inloggen/code', s1, {
          csrf_token: hiddenField(page.body, 'csrf_token'),
          code: codes[0]!.toUpperCase(),
        });
      };
      const first = await viaRecovery();
      expect(first.statusCode).toBe(303);
      const shown = await t.app.inject({ url: '/beheer', headers: { cookie: cookiesFrom(first) } });
      expect(shown.body).toContain('nog 9 herstelcodes');
      expect((await viaRecovery()).statusCode).toBe(401);

      // Turning it off needs the password.
      const csrf = await csrfTokenFor(t, full);
      expect(
        (
          await post('/beheer/beveiliging/2fa/uitzetten', full, {
            csrf_token: csrf,
            current_password: 'fout',
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await post('/beheer/beveiliging/2fa/uitzetten', full, {
            csrf_token: csrf,
            current_password: me.user.password,
          })
        ).statusCode,
      ).toBe(303);
      expect((await submitLogin(t, me.user.email, me.user.password)).headers.location).toBe(
        '/beheer',
      );
    });

    it('sends visitors without a login to the login page', async () => {
      t = await buildTestApp(backend);
      const res = await t.app.inject('/beheer/beveiliging');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/beheer/inloggen?terug=%2Fbeheer%2Fbeveiliging');
      expect((await t.app.inject('/beheer/inloggen/code')).headers.location).toBe(
        '/beheer/inloggen',
      );
    });
  });
}
