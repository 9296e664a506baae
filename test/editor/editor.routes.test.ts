import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { recordChanges } from '../helpers/changes.js';
import { createAuthor, createTopic } from '../helpers/factories.js';
import { type LoggedIn, loginAs } from '../helpers/login.js';
import { warmUp } from './warm-up.js';

type Fields = Record<string, string | number | (string | number)[] | undefined>;

function encode(fields: Fields): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
  }
  return params.toString();
}

function post(t: TestApp, who: LoggedIn | undefined, url: string, fields: Fields) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...formHeaders, ...(who ? { cookie: who.cookie } : {}) },
    payload: encode({ csrf_token: who?.csrfToken, ...fields }),
  });
}

function articleFields(overrides: Fields = {}): Fields {
  return {
    title: 'Zo plant u een verkoopgesprek',
    slug: '',
    lead: 'Voorbereiding is het halve werk.',
    body: '## Stap 1\n\nBel op tijd.',
    comments_open: '1',
    ...overrides,
  };
}

function idFrom(location: string | string[] | number | undefined): number {
  const match = /\/beheer\/artikelen\/(\d+)$/.exec(String(location));
  if (!match) throw new Error(`unexpected redirect ${String(location)}`);
  return Number(match[1]);
}

async function articleCount(t: TestApp): Promise<number> {
  return (await t.database.db.selectFrom('articles').select('id').execute()).length;
}

for (const backend of backends) {
  describe(`editor routes on ${backend.name}`, () => {
    warmUp(backend);
    let t: TestApp;
    afterEach(async () => t?.close());

    it('sends anonymous visitors to the login page and refuses their posts', async () => {
      t = await buildTestApp(backend);
      const page = await t.app.inject('/beheer/artikelen/nieuw');
      expect(page.statusCode).toBe(303);
      expect(page.headers.location).toContain('/beheer/inloggen');
      const res = await post(t, undefined, '/beheer/artikelen/nieuw', articleFields());
      expect(res.statusCode).toBe(401);
      expect(await articleCount(t)).toBe(0);
    });

    it('lets an author write a draft as themself, preview it, and see it in their list', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const form = await t.app.inject({
        url: '/beheer/artikelen/nieuw',
        headers: { cookie: author.cookie },
      });
      expect(form.statusCode).toBe(200);
      expect(form.body).not.toContain('name="status"');

      const preview = await post(
        t,
        author,
        '/beheer/artikelen/nieuw',
        articleFields({ action: 'preview' }),
      );
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('<h2>Stap 1</h2>');
      expect(await articleCount(t)).toBe(0);

      const saved = await post(t, author, '/beheer/artikelen/nieuw', articleFields());
      expect(saved.statusCode).toBe(303);
      const id = idFrom(saved.headers.location);
      const edit = await t.app.inject({
        url: `/beheer/artikelen/${id}`,
        headers: {
          cookie: saved.headers['set-cookie']
            ? `${author.cookie}; ${String(saved.headers['set-cookie']).split(';')[0]}`
            : author.cookie,
        },
      });
      expect(edit.statusCode).toBe(200);
      expect(edit.body).toContain('Het artikel is aangemaakt.');
      expect(edit.body).toContain('value="zo-plant-u-een-verkoopgesprek"');
      const byline = await t.database.db
        .selectFrom('article_authors')
        .selectAll()
        .where('article_id', '=', id)
        .execute();
      expect(byline.map((b) => b.author_id)).toEqual([author.authorId]);

      const list = await t.app.inject({
        url: '/beheer/artikelen',
        headers: { cookie: author.cookie },
      });
      expect(list.body).toContain('Zo plant u een verkoopgesprek');
      const other = await loginAs(t, 'author');
      const otherList = await t.app.inject({
        url: '/beheer/artikelen',
        headers: { cookie: other.cookie },
      });
      expect(otherList.body).not.toContain('Zo plant u een verkoopgesprek');
    });

    it("refuses an author another's article (403) and publishing (403); an editor publishes", async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const other = await loginAs(t, 'author');
      const editor = await loginAs(t, 'editor');
      const topic = await createTopic(t.database.db);
      const saved = await post(t, author, '/beheer/artikelen/nieuw', articleFields());
      const id = idFrom(saved.headers.location);

      const foreignGet = await t.app.inject({
        url: `/beheer/artikelen/${id}`,
        headers: { cookie: other.cookie },
      });
      expect(foreignGet.statusCode).toBe(403);
      const foreignPost = await post(
        t,
        other,
        `/beheer/artikelen/${id}`,
        articleFields({ version: 1, title: 'Gekaapt' }),
      );
      expect(foreignPost.statusCode).toBe(403);
      const asOther = await post(
        t,
        author,
        '/beheer/artikelen/nieuw',
        articleFields({ slug: 'namens', author_ids: [other.authorId!] }),
      );
      expect(asOther.statusCode).toBe(403);
      expect(asOther.body).toContain('U kunt alleen als uzelf schrijven.');

      const publishTry = await post(
        t,
        author,
        `/beheer/artikelen/${id}`,
        articleFields({ version: 1, status: 'published' }),
      );
      expect(publishTry.statusCode).toBe(403);
      expect(publishTry.body).toContain('Alleen redacteuren kunnen publiceren');
      let row = await t.database.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('draft');
      expect(row.title).toBe('Zo plant u een verkoopgesprek');

      const invalidated = recordChanges(t);
      const published = await post(
        t,
        editor,
        `/beheer/artikelen/${id}`,
        articleFields({
          version: 1,
          status: 'published',
          author_ids: [author.authorId!],
          topic_ids: [topic.id],
        }),
      );
      expect(published.statusCode).toBe(303);
      row = await t.database.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
      expect(row.publish_at).not.toBeNull();
      // Exactly what the published article shows up on: nothing more.
      expect(invalidated.map((tags) => [...tags].sort())).toEqual([
        [
          'articles',
          `article:${id}`,
          `author:${author.authorId}`,
          'authors',
          `topic:${topic.id}`,
        ].sort(),
      ]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'article.publish')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]!.user_id).toBe(editor.user.id);
    });

    it('refuses a stale form with 409 showing both texts, and stores nothing', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const author = await createAuthor(t.database.db);
      const saved = await post(
        t,
        editor,
        '/beheer/artikelen/nieuw',
        articleFields({ author_ids: [author.id] }),
      );
      const id = idFrom(saved.headers.location);
      const theirs = await post(
        t,
        editor,
        `/beheer/artikelen/${id}`,
        articleFields({ version: 1, author_ids: [author.id], body: 'Tekst van de collega' }),
      );
      expect(theirs.statusCode).toBe(303);
      const mine = await post(
        t,
        editor,
        `/beheer/artikelen/${id}`,
        articleFields({ version: 1, author_ids: [author.id], body: 'Mijn eigen tekst' }),
      );
      expect(mine.statusCode).toBe(409);
      expect(mine.body).toContain('Tekst van de collega');
      expect(mine.body).toContain('Mijn eigen tekst');
      expect(mine.body).toContain('name="version" value="2"');
      const row = await t.database.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      expect(row.body_source).toBe('Tekst van de collega');
    });

    it('refuses bad input with a message and stores nothing', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const author = await createAuthor(t.database.db);
      const base = articleFields({ author_ids: [author.id] });
      const cases: [Fields, number, string][] = [
        [{ ...base, title: '   ' }, 422, 'Vul een titel in.'],
        [{ ...base, slug: 'a'.repeat(10_000) }, 422, 'Het adres mag alleen kleine letters'],
        [{ ...base, slug: 'Geen Slug!' }, 422, 'Het adres mag alleen kleine letters'],
        [{ ...base, title: ['een', 'twee'] }, 422, 'Controleer de gemarkeerde velden.'],
        [{ ...base, status: 'live' }, 422, 'Kies een geldige status.'],
        [{ ...base, status: 'scheduled', publish_at: '' }, 422, 'heeft een publicatietijd nodig'],
        [
          { ...base, status: 'scheduled', publish_at: '2026-02-31T10:00' },
          422,
          'Vul een geldige datum en tijd in.',
        ],
        [{ ...base, author_ids: ['abc'] }, 422, 'Kies auteurs uit de lijst.'],
        [{ ...base, author_ids: [999999] }, 422, 'bestaat niet (meer)'],
        [{ ...base, author_ids: [] }, 422, 'Kies ten minste één auteur.'],
        [{ ...base, topic_ids: [999999] }, 422, 'Een gekozen onderwerp bestaat niet'],
        [{ ...base, cover_image: '../../etc/passwd' }, 422, 'omslagafbeelding bestaat niet'],
      ];
      for (const [fields, status, message] of cases) {
        const res = await post(t, editor, '/beheer/artikelen/nieuw', fields);
        expect(res.statusCode, JSON.stringify(fields).slice(0, 80)).toBe(status);
        expect(res.body).toContain(message);
      }
      const script = await post(t, editor, '/beheer/artikelen/nieuw', {
        ...base,
        title: '<script>alert(1)</script>',
        slug: 'NOPE',
      });
      expect(script.statusCode).toBe(422);
      expect(script.body).not.toContain('<script>alert(1)</script>');
      expect(script.body).toContain('&lt;script>alert(1)&lt;/script>');

      const noToken = await t.app.inject({
        method: 'POST',
        url: '/beheer/artikelen/nieuw',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: encode(base),
      });
      expect(noToken.statusCode).toBe(403);
      const wrongToken = await post(
        t,
        { ...editor, csrfToken: 'x'.repeat(43) },
        '/beheer/artikelen/nieuw',
        base,
      );
      expect(wrongToken.statusCode).toBe(403);
      expect(await articleCount(t)).toBe(0);
    });

    it('refuses a slug that is taken with a clear message', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const author = await createAuthor(t.database.db);
      const first = await post(
        t,
        editor,
        '/beheer/artikelen/nieuw',
        articleFields({ author_ids: [author.id] }),
      );
      expect(first.statusCode).toBe(303);
      const clash = await post(
        t,
        editor,
        '/beheer/artikelen/nieuw',
        articleFields({ author_ids: [author.id] }),
      );
      expect(clash.statusCode).toBe(422);
      expect(clash.body).toContain('Dit adres is al in gebruik.');
      expect(clash.body).toContain('Voorbereiding is het halve werk.');
      expect(await articleCount(t)).toBe(1);
    });

    it('keeps a revision per save, shows one and restores it as a new save', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const author = await createAuthor(t.database.db);
      const saved = await post(
        t,
        editor,
        '/beheer/artikelen/nieuw',
        articleFields({ author_ids: [author.id], body: 'Eerste versie' }),
      );
      const id = idFrom(saved.headers.location);
      await post(
        t,
        editor,
        `/beheer/artikelen/${id}`,
        articleFields({ version: 1, author_ids: [author.id], body: 'Tweede versie' }),
      );
      const list = await t.app.inject({
        url: `/beheer/artikelen/${id}/versies`,
        headers: { cookie: editor.cookie },
      });
      expect(list.statusCode).toBe(200);
      const revisions = await t.database.db
        .selectFrom('revisions')
        .selectAll()
        .orderBy('id')
        .execute();
      expect(revisions.map((r) => r.body_source)).toEqual(['Eerste versie', 'Tweede versie']);
      const first = revisions[0]!;
      const view = await t.app.inject({
        url: `/beheer/artikelen/${id}/versies/${first.id}`,
        headers: { cookie: editor.cookie },
      });
      expect(view.statusCode).toBe(200);
      expect(view.body).toContain('Eerste versie');
      const restored = await post(
        t,
        editor,
        `/beheer/artikelen/${id}/versies/${first.id}/terugzetten`,
        { version: 2 },
      );
      expect(restored.statusCode).toBe(303);
      const row = await t.database.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      expect(row.body_source).toBe('Eerste versie');
      expect(row.version).toBe(3);
      const stale = await post(
        t,
        editor,
        `/beheer/artikelen/${id}/versies/${first.id}/terugzetten`,
        { version: 2 },
      );
      expect(stale.statusCode).toBe(409);
      const missing = await t.app.inject({
        url: `/beheer/artikelen/${id}/versies/999999`,
        headers: { cookie: editor.cookie },
      });
      expect(missing.statusCode).toBe(404);
    });

    it('publishes a scheduled article from the job runner, without any request', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const author = await createAuthor(t.database.db);
      const saved = await post(
        t,
        editor,
        '/beheer/artikelen/nieuw',
        articleFields({
          author_ids: [author.id],
          status: 'scheduled',
          publish_at: '2099-01-01T09:00',
        }),
      );
      const id = idFrom(saved.headers.location);
      let row = await t.database.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      expect(row.status).toBe('scheduled');
      expect(row.publish_at).toBe('2099-01-01T08:00:00.000Z');
      await t.database.db
        .updateTable('articles')
        .set({ publish_at: new Date(Date.now() - 1000).toISOString() })
        .execute();
      const invalidated = recordChanges(t);

      t.app.jobs.start();
      const deadline = Date.now() + 10_000;
      while (row.status !== 'published' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        row = await t.database.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      }
      await t.app.jobs.stop();
      expect(row.status).toBe('published');
      // Other features' periodic tasks may invalidate too; this one names exactly these.
      expect(invalidated.map((tags) => [...tags].sort())).toContainEqual(
        // The authors sidebar lists authors with published work.
        ['articles', `article:${id}`, `author:${author.id}`, 'authors'].sort(),
      );
      if (t.app.hasRoute({ method: 'GET', url: '/artikel/:id/:slug' })) {
        const page = await t.app.inject(`/artikel/${id}/${row.slug}`);
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('Zo plant u een verkoopgesprek');
      }
    });

    it('deletes: an author their own draft, not a published one; an editor any, audited', async () => {
      t = await buildTestApp(backend);
      const author = await loginAs(t, 'author');
      const editor = await loginAs(t, 'editor');
      const draft = idFrom(
        (await post(t, author, '/beheer/artikelen/nieuw', articleFields())).headers.location,
      );
      const other = idFrom(
        (await post(t, author, '/beheer/artikelen/nieuw', articleFields({ slug: 'tweede' })))
          .headers.location,
      );
      await post(
        t,
        editor,
        `/beheer/artikelen/${other}`,
        articleFields({
          slug: 'tweede',
          version: 1,
          status: 'published',
          author_ids: [author.authorId!],
        }),
      );

      expect((await post(t, author, `/beheer/artikelen/${draft}/verwijderen`, {})).statusCode).toBe(
        400,
      );
      expect(
        (await post(t, author, `/beheer/artikelen/${draft}/verwijderen`, { confirm: 1 }))
          .statusCode,
      ).toBe(303);
      expect(
        (await post(t, author, `/beheer/artikelen/${other}/verwijderen`, { confirm: 1 }))
          .statusCode,
      ).toBe(403);
      expect(
        (await post(t, editor, `/beheer/artikelen/${other}/verwijderen`, { confirm: 1 }))
          .statusCode,
      ).toBe(303);
      expect(await articleCount(t)).toBe(0);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'article.delete')
        .execute();
      expect(audit).toHaveLength(2);
    });

    it('lists with search, status, author and topic filters and pagination', async () => {
      t = await buildTestApp(backend);
      const editor = await loginAs(t, 'editor');
      const a1 = await createAuthor(t.database.db, { name: 'Anna Alfa' });
      const a2 = await createAuthor(t.database.db, { name: 'Bert Beta' });
      const topic = await createTopic(t.database.db, { name: 'Onderhandelen' });
      for (let i = 1; i <= 27; i++) {
        const res = await post(
          t,
          editor,
          '/beheer/artikelen/nieuw',
          articleFields({
            title: `Stuk ${i}`,
            author_ids: [i % 2 ? a1.id : a2.id],
            topic_ids: i === 5 ? [topic.id] : [],
            status: i === 3 ? 'published' : 'draft',
          }),
        );
        expect(res.statusCode).toBe(303);
      }
      const get = (qs: string) =>
        t.app.inject({ url: `/beheer/artikelen${qs}`, headers: { cookie: editor.cookie } });
      const page1 = await get('');
      expect(page1.body).toContain('rel="next"');
      const page2 = await get('?pagina=2');
      expect((page2.body.match(/<tr>/g) ?? []).length).toBe(1 + 2);
      expect((await get('?q=stuk+1')).body).toContain('Stuk 12');
      const byStatus = await get('?status=published');
      expect(byStatus.body).toContain('Stuk 3<');
      expect(byStatus.body).not.toContain('Stuk 4<');
      const byAuthor = await get(`?author=${a2.id}`);
      expect(byAuthor.body).toContain('Stuk 2<');
      expect(byAuthor.body).not.toContain('Stuk 1<');
      const byTopic = await get(`?topic=${topic.id}`);
      expect(byTopic.body).toContain('Stuk 5<');
      expect(byTopic.body).not.toContain('Stuk 6<');
      expect((await get('?status=%3Cx%3E&author=abc&pagina=-3')).statusCode).toBe(200);
    });
  });
}
