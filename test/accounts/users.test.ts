import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createUser, type LoggedIn, loginAs, submitLogin } from '../helpers/login.js';

for (const backend of backends) {
  describe(`users admin on ${backend.name}`, { timeout: 300_000 }, () => {
    beforeAll(async () => {
      // Starting PGlite takes long on a busy machine; pay it outside the first test.
      await (await backend.open({ migrate: false })).close();
    }, 300_000);
    let t: TestApp;
    afterEach(async () => t?.close());

    const post = (url: string, me: LoggedIn, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...formHeaders, cookie: me.cookie },
        payload: form({ csrf_token: me.csrfToken, ...fields }),
      });

    it('refuses authors and editors on admin-only routes with 403, and visitors with a login redirect or 401', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const editor = await loginAs(t, 'editor');
      const target = await createUser(t, 'author');
      const gets = ['/beheer/gebruikers', '/beheer/audit'];
      const posts = [
        `/beheer/gebruikers/${target.id}/rol`,
        `/beheer/gebruikers/${target.id}/blokkeren`,
        `/beheer/gebruikers/${target.id}/deblokkeren`,
      ];
      for (const me of [author, editor]) {
        for (const url of gets) {
          const res = await t.app.inject({ url, headers: { cookie: me.cookie } });
          expect(res.statusCode, `${me.user.role} GET ${url}`).toBe(403);
          expect(res.body).toContain('U hebt geen toegang tot deze pagina.');
        }
        for (const url of posts)
          expect(
            (await post(url, me, { role: 'admin' })).statusCode,
            `${me.user.role} POST ${url}`,
          ).toBe(403);
      }
      // Authors may not invite at all; the mailbox is for editors and admins.
      expect(
        (
          await t.app.inject({
            url: '/beheer/gebruikers/uitnodigen',
            headers: { cookie: author.cookie },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await post('/beheer/gebruikers/uitnodigen', author, {
            email: 'x@example.nl',
            name: 'X',
            role: 'author',
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (await t.app.inject({ url: '/beheer/mailbox', headers: { cookie: author.cookie } }))
          .statusCode,
      ).toBe(403);
      for (const url of [...gets, '/beheer/gebruikers/uitnodigen', '/beheer/mailbox']) {
        const res = await t.app.inject(url);
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe(`/beheer/inloggen?terug=${encodeURIComponent(url)}`);
      }
      for (const url of [...posts, '/beheer/gebruikers/uitnodigen']) {
        expect(
          (
            await t.app.inject({
              method: 'POST',
              url,
              headers: formHeaders,
              payload: form({ role: 'admin' }),
            })
          ).statusCode,
        ).toBe(401);
      }
      const row = await t.database.db
        .selectFrom('users')
        .select(['role', 'state'])
        .where('id', '=', target.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ role: 'author', state: 'active' });
      expect(await t.database.db.selectFrom('audit_log').select('id').execute()).toHaveLength(0);
    });

    it('lets editors invite authors and editors but not admins', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const page = await t.app.inject({
        url: '/beheer/gebruikers/uitnodigen',
        headers: { cookie: editor.cookie },
      });
      expect(page.body).not.toContain('value="admin"');
      const refused = await post('/beheer/gebruikers/uitnodigen', editor, {
        email: 'baas@example.nl',
        name: 'Baas',
        role: 'admin',
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('U mag geen gebruiker met deze rol uitnodigen.');
      const ok = await post('/beheer/gebruikers/uitnodigen', editor, {
        email: 'red@example.nl',
        name: 'Red Acteur',
        role: 'editor',
      });
      expect(ok.statusCode).toBe(303);
      expect(ok.headers.location).toBe('/beheer/gebruikers/uitnodigen');
      const users = await t.database.db
        .selectFrom('users')
        .select(['email', 'role'])
        .where('email', 'in', ['baas@example.nl', 'red@example.nl'])
        .execute();
      expect(users).toEqual([{ email: 'red@example.nl', role: 'editor' }]);
      // Without SMTP the invite lands in the dev mailbox, with a clickable link.
      await t.app.jobs.drain();
      const mailbox = await t.app.inject({
        url: '/beheer/mailbox',
        headers: { cookie: editor.cookie },
      });
      expect(mailbox.statusCode).toBe(200);
      expect(mailbox.body).toContain('Uitnodiging voor Podium');
      expect(mailbox.body).toMatch(
        /<a href="http:\/\/podium\.test\/beheer\/uitnodiging\/[A-Za-z0-9_-]+">/,
      );
    });

    it('refuses bad invite input with a message and stores nothing', async () => {
      t = await buildTestApp(backend);
      const admin = await loginAs(t, 'admin');
      const cases: [Record<string, string>, number, string][] = [
        [{}, 422, 'Vul een e-mailadres in.'],
        [{ email: 'x@example.nl', name: '', role: 'author' }, 422, 'Vul een naam in.'],
        [
          { email: 'x@example.nl', name: '<script>alert(1)</script>', role: 'author' },
          422,
          'De naam mag geen',
        ],
        [
          { email: 'x@example.nl', name: 'N'.repeat(81), role: 'author' },
          422,
          'hoogstens 80 tekens',
        ],
        [{ email: 'x@example.nl', name: 'N', role: 'koning' }, 422, 'Kies een rol.'],
        [{ email: 'geen adres', name: 'N', role: 'author' }, 422, 'geen geldig e-mailadres'],
        [
          { email: admin.user.email, name: 'N', role: 'author' },
          409,
          'Er is al een account met dit e-mailadres.',
        ],
      ];
      for (const [fields, status, message] of cases) {
        const res = await post('/beheer/gebruikers/uitnodigen', admin, fields);
        expect(res.statusCode, message).toBe(status);
        expect(res.body).toContain(message);
        expect(res.body).not.toContain('<script>alert(1)</script>');
      }
      expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(1);
      expect(await t.database.db.selectFrom('jobs').select('id').execute()).toHaveLength(0);
    });

    it('lists users with search, role filter and pagination', async () => {
      t = await buildTestApp(backend);
      const admin = await loginAs(t, 'admin', { name: 'Admin Zeta' });
      await createUser(t, 'author', { name: 'Bert 100% Auteur', email: 'bert@example.nl' });
      await createUser(t, 'editor', { name: 'Clara Redacteur', email: 'clara@example.nl' });
      const get = (q: string) =>
        t.app.inject({ url: `/beheer/gebruikers${q}`, headers: { cookie: admin.cookie } });
      const all = await get('');
      expect(all.statusCode).toBe(200);
      for (const name of ['Admin Zeta', 'Bert 100% Auteur', 'Clara Redacteur'])
        expect(all.body).toContain(name);
      const search = await get('?q=CLARA');
      expect(search.body).toContain('Clara Redacteur');
      expect(search.body).not.toContain('Bert 100% Auteur');
      const percent = await get('?q=100%25');
      expect(percent.body).toContain('Bert 100% Auteur');
      expect(percent.body).not.toContain('Clara Redacteur');
      const role = await get('?rol=author');
      expect(role.body).toContain('Bert 100% Auteur');
      expect(role.body).not.toContain('Clara Redacteur');
      expect((await get('?rol=keizer&q=' + 'x'.repeat(500) + '&pagina=abc')).statusCode).toBe(200);
      for (let i = 0; i < 25; i++)
        await createUser(t, 'author', { name: `Veel ${String(i).padStart(2, '0')}` });
      const page1 = await get('?rol=author');
      expect(page1.body).toContain('rel="next"');
      const page2 = await get('?rol=author&pagina=2');
      expect(page2.body).toContain('Veel 24');
      expect(page2.body).not.toContain('rel="next"');
    });

    it('changes roles and disables users (not themselves), audited', async () => {
      t = await buildTestApp(backend);
      const admin = await loginAs(t, 'admin');
      const other = await loginAs(t, 'author');
      const role = await post(`/beheer/gebruikers/${other.user.id}/rol`, admin, { role: 'editor' });
      expect(role.statusCode).toBe(303);
      // The new role holds at once, in the running session.
      expect(
        (await t.app.inject({ url: '/beheer/mailbox', headers: { cookie: other.cookie } }))
          .statusCode,
      ).toBe(200);
      const disable = await post(`/beheer/gebruikers/${other.user.id}/blokkeren`, admin, {});
      expect(disable.statusCode).toBe(303);
      expect(
        (await t.app.inject({ url: '/beheer', headers: { cookie: other.cookie } })).statusCode,
      ).toBe(303);
      expect((await submitLogin(t, other.user.email, other.user.password)).statusCode).toBe(401);
      expect(
        (await post(`/beheer/gebruikers/${other.user.id}/deblokkeren`, admin, {})).statusCode,
      ).toBe(303);
      expect((await submitLogin(t, other.user.email, other.user.password)).statusCode).toBe(303);
      // Not themselves; bad ids and roles are refused.
      expect(
        (await post(`/beheer/gebruikers/${admin.user.id}/rol`, admin, { role: 'author' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await post(`/beheer/gebruikers/${admin.user.id}/blokkeren`, admin, {})).statusCode,
      ).toBe(403);
      expect(
        (await post(`/beheer/gebruikers/${other.user.id}/rol`, admin, { role: 'keizer' }))
          .statusCode,
      ).toBe(422);
      expect(
        (await post('/beheer/gebruikers/999999/rol', admin, { role: 'author' })).statusCode,
      ).toBe(404);
      expect((await post('/beheer/gebruikers/abc/blokkeren', admin, {})).statusCode).toBe(404);
      const me = await t.database.db
        .selectFrom('users')
        .select(['role', 'state'])
        .where('id', '=', admin.user.id)
        .executeTakeFirstOrThrow();
      expect(me).toEqual({ role: 'admin', state: 'active' });
      const log = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'user_id', 'subject_id', 'detail'])
        .orderBy('id')
        .execute();
      expect(log.map((l) => l.action)).toEqual(['user.role', 'user.disable', 'user.enable']);
      expect(log[0]).toMatchObject({ user_id: admin.user.id, subject_id: String(other.user.id) });
      expect(JSON.parse(log[0]!.detail!)).toEqual({ from: 'author', to: 'editor' });
      const page = await t.app.inject({ url: '/beheer/audit', headers: { cookie: admin.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('user.disable');
      const filtered = await t.app.inject({
        url: '/beheer/audit?actie=user.role',
        headers: { cookie: admin.cookie },
      });
      expect(filtered.body).toContain('{&quot;from&quot;:&quot;author&quot;');
      expect(filtered.body).not.toContain('<code>user.enable</code>');
    });
  });
}
