import { hash, parseOptions } from '@node-rs/argon2';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HASH_OPTIONS } from '../../src/features/accounts/passwords.js';
import { buildServer } from '../../src/server.js';
import { buildTestApp, cookiesFrom, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createUser, hiddenField, submitLogin } from '../helpers/login.js';

for (const backend of backends) {
  describe(`login on ${backend.name}`, { timeout: 300_000 }, () => {
    beforeAll(async () => {
      // Starting PGlite takes long on a busy machine; pay it outside the first test.
      await (await backend.open({ migrate: false })).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    it('logs in with the right password, rotates the session and goes back where it came from', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'editor');
      const page = await t.app.inject('/beheer/inloggen?terug=%2Fbeheer%2Fbeveiliging');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="terug" value="/beheer/beveiliging"');
      const first = await submitLogin(t, user.email, user.password);
      const cookie1 = cookiesFrom(first);
      const res = await t.app.inject({
        method: 'POST',
        url: '/beheer/inloggen',
        headers: { ...formHeaders, cookie: cookie1 },
        payload: form({
          form_token: hiddenField(page.body, 'form_token'),
          email: `  ${user.email.toUpperCase()} `,
          password: user.password,
          terug: '/beheer/beveiliging',
        }),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/beheer/beveiliging');
      const cookie2 = cookiesFrom(res, cookie1);
      expect(cookie2).not.toBe(cookie1);
      // The old session was ended at the new login: only one remains.
      const sessions = await t.database.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .execute();
      expect(sessions).toHaveLength(1);
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: cookie1 } })).statusCode,
      ).toBe(303);
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: cookie2 } })).statusCode,
      ).toBe(200);
    });

    it('refuses a wrong password and an unknown address with the same message', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'author');
      const wrong = await submitLogin(t, user.email, 'not the password at all');
      const unknown = await submitLogin(t, 'nobody@example.nl', 'not the password at all');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.body).toContain('Dit e-mailadres en wachtwoord horen niet bij elkaar.');
      expect(unknown.body).toContain('Dit e-mailadres en wachtwoord horen niet bij elkaar.');
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('locks after five failures, also for the right password, and the lock survives a restart', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'admin');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await submitLogin(t, user.email, `wrong-${i}-password`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const right = await submitLogin(t, user.email, user.password);
      expect(right.statusCode).toBe(429);
      expect(right.body).toContain('Te veel mislukte pogingen');
      expect(right.body).toContain('1 minuut');

      await t.app.close();
      const app2 = await buildServer({
        config: t.config,
        database: t.database,
        runJobs: false,
        logger: false,
        migrate: false,
      });
      await app2.ready();
      const database = t.database;
      t = {
        ...t,
        app: app2,
        close: async () => {
          await app2.close();
          await database.close();
        },
      };
      expect((await submitLogin(t, user.email, user.password)).statusCode).toBe(429);

      // Once the lock has run out the right password works and the counters are cleared.
      await t.database.db
        .updateTable('login_attempts')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .execute();
      expect((await submitLogin(t, user.email, user.password)).statusCode).toBe(303);
      const rows = await t.database.db.selectFrom('login_attempts').select('key').execute();
      expect(rows.map((r) => r.key.split(':')[0])).toEqual(['address']);
      // Address keys hold a keyed hash, never the address itself.
      expect(rows[0]!.key).not.toContain('127.0.0.1');
    });

    it('grows the lock with every further failure', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'author');
      for (let i = 0; i < 5; i++) await submitLogin(t, user.email, `wrong-${i}-password`);
      const lockOf = async () => {
        const row = await t.database.db
          .selectFrom('login_attempts')
          .selectAll()
          .where('key', 'like', 'pair:%')
          .executeTakeFirstOrThrow();
        return Date.parse(row.locked_until!) - Date.now();
      };
      const first = await lockOf();
      await t.database.db
        .updateTable('login_attempts')
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .execute();
      const sixth = await submitLogin(t, user.email, 'wrong-again-password');
      expect(sixth.statusCode).toBe(429);
      expect(sixth.body).toContain('2 minuten');
      expect(await lockOf()).toBeGreaterThan(first + 30_000);
    });

    it('upgrades a hash made with weaker parameters at login', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'editor');
      const weak = await hash(user.password, {
        algorithm: 2 as never,
        memoryCost: 4096,
        timeCost: 1,
        parallelism: 1,
      });
      await t.database.db
        .updateTable('users')
        .set({ password_hash: weak })
        .where('id', '=', user.id)
        .execute();
      expect((await submitLogin(t, user.email, user.password)).statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      const options = parseOptions(row.password_hash!);
      expect(options.memoryCost).toBe(HASH_OPTIONS.memoryCost);
      expect(options.timeCost).toBe(HASH_OPTIONS.timeCost);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
    });

    it('refuses disabled accounts and bad input without a 500', async () => {
      t = await buildTestApp(backend);
      const user = await createUser(t, 'editor');
      await t.database.db
        .updateTable('users')
        .set({ state: 'disabled' })
        .where('id', '=', user.id)
        .execute();
      expect((await submitLogin(t, user.email, user.password)).statusCode).toBe(401);
      const page = await t.app.inject('/beheer/inloggen');
      const token = hiddenField(page.body, 'form_token');
      const post = (payload: string) =>
        t.app.inject({ method: 'POST', url: '/beheer/inloggen', headers: formHeaders, payload });
      expect((await post(form({ form_token: token, email: '', password: '' }))).statusCode).toBe(
        400,
      );
      expect((await post(`form_token=${token}&email=a&email=b&password=x`)).statusCode).toBe(400);
      const long = await post(
        form({ form_token: token, email: 'x'.repeat(5000), password: 'y'.repeat(5000) }),
      );
      expect(long.statusCode).toBe(401);
      const script = await post(
        form({ form_token: token, email: '<script>alert(1)</script>', password: 'whatever-long' }),
      );
      expect(script.statusCode).toBe(401);
      expect(script.body).not.toContain('<script>alert(1)</script>');
      expect(script.body).toContain('&lt;script>');
      // Without the public form token the form is refused.
      expect((await post(form({ email: user.email, password: user.password }))).statusCode).toBe(
        403,
      );
      // An open redirect through terug is not possible.
      const evil = await post(
        form({ form_token: token, email: 'x@example.nl', password: 'y', terug: '//evil.example/' }),
      );
      expect(evil.body).toContain('name="terug" value="/beheer"');
    });
  });
}
