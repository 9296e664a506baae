import { afterEach, describe, expect, it } from 'vitest';
import { warmUp } from '../editor/warm-up.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { recordChanges } from '../helpers/changes.js';
import { createAuthor } from '../helpers/factories.js';
import { type LoggedIn, loginAs } from '../helpers/login.js';

function post(t: TestApp, who: LoggedIn, url: string, fields: Record<string, string | undefined>) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...formHeaders, cookie: who.cookie },
    payload: form({ csrf_token: who.csrfToken, ...fields }),
  });
}

const profile = {
  name: 'Ellen de Vries',
  company: 'Verkoopkracht BV',
  role_line: 'Trainer',
  bio: 'Ik train **accountmanagers**.',
  website: 'https://verkoopkracht.example',
  linkedin: 'https://www.linkedin.com/in/ellen-de-vries',
};

for (const backend of backends) {
  describe(`profiles on ${backend.name}`, () => {
    warmUp(backend);
    let t: TestApp;
    afterEach(async () => t?.close());

    it('lets an author keep their own profile, with Markdown bio and checked links', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const page = await t.app.inject({
        url: '/beheer/profiel',
        headers: { cookie: author.cookie },
      });
      expect(page.statusCode).toBe(200);
      const invalidated = recordChanges(t);
      const saved = await post(t, author, '/beheer/profiel', profile);
      expect(saved.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom('authors')
        .selectAll()
        .where('id', '=', author.authorId!)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe('Ellen de Vries');
      expect(row.bio_html).toContain('<strong>accountmanagers</strong>');
      expect(row.linkedin).toBe(profile.linkedin);
      expect(invalidated).toEqual([[`author:${author.authorId}`, 'authors']]);

      const cases: [Record<string, string>, string][] = [
        [{ ...profile, name: '' }, 'Vul een naam in.'],
        [{ ...profile, website: 'javascript:alert(1)' }, 'begint met https://'],
        [{ ...profile, website: 'ftp://example.nl' }, 'begint met https://'],
        [{ ...profile, linkedin: 'https://evil.example/in/x' }, 'LinkedIn-pagina'],
        [{ ...profile, bio: 'x'.repeat(5001) }, 'te lang'],
        [{ ...profile, name: '<script>alert(1)</script>', website: 'nee' }, '&lt;script>'],
      ];
      for (const [fields, message] of cases) {
        const res = await post(t, author, '/beheer/profiel', fields);
        expect(res.statusCode).toBe(422);
        expect(res.body).toContain(message);
        expect(res.body).not.toContain('<script>alert(1)</script>');
      }
      const after = await t.database.db
        .selectFrom('authors')
        .selectAll()
        .where('id', '=', author.authorId!)
        .executeTakeFirstOrThrow();
      expect(after.name).toBe('Ellen de Vries');
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: '/beheer/profiel',
        headers: { ...formHeaders, cookie: author.cookie },
        payload: form({ ...profile, name: 'Zonder token' }),
      });
      expect(noCsrf.statusCode).toBe(403);
    });

    it('keeps authors out of other profiles and the authors admin', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const other = await createAuthor(t.database.db, { name: 'Iemand Anders' });
      expect(
        (await t.app.inject({ url: '/beheer/auteurs', headers: { cookie: author.cookie } }))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await t.app.inject({
            url: `/beheer/auteurs/${other.id}`,
            headers: { cookie: author.cookie },
          })
        ).statusCode,
      ).toBe(403);
      expect((await post(t, author, `/beheer/auteurs/${other.id}`, profile)).statusCode).toBe(403);
      expect((await post(t, author, '/beheer/auteurs', profile)).statusCode).toBe(403);
      const row = await t.database.db
        .selectFrom('authors')
        .selectAll()
        .where('id', '=', other.id)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe('Iemand Anders');
    });

    it('lets an editor list and search authors, create a guest expert, edit any profile', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      for (let i = 1; i <= 27; i++)
        await createAuthor(t.database.db, { name: `Expert ${String(i).padStart(2, '0')}` });
      const list = await t.app.inject({
        url: '/beheer/auteurs',
        headers: { cookie: editor.cookie },
      });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('rel="next"');
      const search = await t.app.inject({
        url: '/beheer/auteurs?q=expert+07',
        headers: { cookie: editor.cookie },
      });
      expect(search.body).toContain('Expert 07');
      expect(search.body).not.toContain('Expert 08');

      const created = await post(t, editor, '/beheer/auteurs', { ...profile, name: 'Gast Expert' });
      expect(created.statusCode).toBe(303);
      const id = Number(/\/beheer\/auteurs\/(\d+)$/.exec(String(created.headers.location))![1]);
      const guest = await t.database.db
        .selectFrom('authors')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(guest.user_id).toBeNull();
      expect(guest.slug).toBe('gast-expert');
      const again = await post(t, editor, '/beheer/auteurs', { ...profile, name: 'Gast Expert' });
      expect(again.statusCode).toBe(303);
      const slugs = await t.database.db
        .selectFrom('authors')
        .select('slug')
        .where('name', '=', 'Gast Expert')
        .execute();
      expect(slugs.map((s) => s.slug).sort()).toEqual(['gast-expert', 'gast-expert-2']);
      const bad = await post(t, editor, '/beheer/auteurs', { ...profile, name: '' });
      expect(bad.statusCode).toBe(422);

      const edit = await post(t, editor, `/beheer/auteurs/${id}`, {
        ...profile,
        name: 'Gast Expert Jr.',
      });
      expect(edit.statusCode).toBe(303);
      const page = await t.app.inject({
        url: `/beheer/auteurs/${id}`,
        headers: { cookie: editor.cookie },
      });
      expect(page.body).toContain('Gast Expert Jr.');
      expect(page.body).toContain('/beheer/auteurs/' + id + '/uitnodigen');
    });

    it('invites someone to claim a guest profile through the accounts invitation', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const guest = await createAuthor(t.database.db, { name: 'Gert Gast' });
      const bad = await post(t, editor, `/beheer/auteurs/${guest.id}/uitnodigen`, {
        email: 'geen-adres',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.body).toContain('Vul een geldig e-mailadres in.');
      const res = await post(t, editor, `/beheer/auteurs/${guest.id}/uitnodigen`, {
        email: 'Gert@Example.nl',
      });
      expect(res.statusCode).toBe(303);
      const user = await t.database.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', 'gert@example.nl')
        .executeTakeFirstOrThrow();
      expect(user.state).toBe('invited');
      expect(user.role).toBe('author');
      const linked = await t.database.db
        .selectFrom('authors')
        .selectAll()
        .where('user_id', '=', user.id)
        .execute();
      expect(linked.map((a) => a.id)).toEqual([guest.id]);
      const mail = await t.database.db
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', 'mail.send')
        .execute();
      expect(mail).toHaveLength(1);
      expect(mail[0]!.payload).toContain('gert@example.nl');
      const twice = await post(t, editor, `/beheer/auteurs/${guest.id}/uitnodigen`, {
        email: 'ander@example.nl',
      });
      expect(twice.statusCode).toBe(422);
      expect(twice.body).toContain('hoort al bij een account');
    });
  });
}
