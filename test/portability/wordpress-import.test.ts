import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import type { Database } from '../../src/db/schema.js';
import { ImportError } from '../../src/features/portability/import-error.js';
import { importErrorMessage, summaryLines } from '../../src/features/portability/import-summary.js';
import { importWordpress } from '../../src/features/portability/wordpress-import.service.js';
import { catalogs } from '../../src/views/messages/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';

export const fixture = path.resolve('test/portability/fixtures/wordpress.xml');
const fixtureText = readFileSync(fixture, 'utf8');

const counted: (keyof Database)[] = [
  'users',
  'authors',
  'topics',
  'articles',
  'article_authors',
  'article_topics',
  'comments',
  'grades',
  'grade_totals',
  'legacy_redirects',
  'import_map',
];

async function counts(database: DatabaseHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of counted) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** Feeds text in small chunks, so records straddle chunk borders as in a big file. */
function chunked(text: string | Buffer, size = 257): Readable {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

const t = catalogs.nl.portability;

for (const backend of backends) {
  describe(`WordPress import on ${backend.name}`, { timeout: 300_000 }, () => {
    let database: DatabaseHandle | undefined;
    let app: TestApp | undefined;
    afterEach(async () => {
      await database?.close();
      await app?.close();
      database = undefined;
      app = undefined;
    });

    it('imports authors, topics, posts, pages, comments and ratings with every count right', async () => {
      database = await backend.open();
      const summary = await importWordpress(database.db, createReadStream(fixture), {
        pages: true,
      });
      expect(summary.source).toBe('wordpress:https://oud.voorbeeld.nl');
      expect(summary.authors).toEqual({ created: 4, existing: 0 });
      expect(summary.users).toBe(3);
      expect(summary.topics).toEqual({ created: 6, existing: 1 });
      expect(summary.articles).toEqual({
        created: 5,
        existing: 0,
        byStatus: { published: 2, scheduled: 1, draft: 2, archived: 0 },
      });
      expect(summary.pages).toEqual({ created: 1, existing: 0 });
      expect(summary.comments).toEqual({
        created: 6,
        existing: 0,
        byState: { approved: 3, pending: 1, spam: 1, deleted: 1 },
        flattened: 1,
        authorReplies: 1,
      });
      expect(summary.ratings).toEqual({ articles: 2, votes: 14, stars: 5 });
      expect(summary.redirects).toBe(19);
      expect(summary.images).toEqual([
        'https://oud.voorbeeld.nl/wp-content/uploads/2019/05/inkoper.png',
      ]);
      expect(summary.skipped).toEqual(
        expect.arrayContaining([
          { kind: 'author', id: 'gastschrijver', reason: 'no_email' },
          { kind: 'item', id: '301', reason: 'attachment' },
          { kind: 'item', id: '106', reason: 'trashed' },
          { kind: 'comment', id: '507', reason: 'pingback' },
        ]),
      );
      expect(summary.skipped).toHaveLength(4);

      expect(await counts(database)).toEqual({
        users: 3,
        authors: 4,
        topics: 6,
        articles: 6,
        article_authors: 6,
        article_topics: 8,
        comments: 6,
        grades: 14,
        grade_totals: 2,
        legacy_redirects: 19,
        // 3 users + 4 authors + 7 terms + 6 articles + 6 comments
        import_map: 26,
      });

      const db = database.db;
      const users = await db.selectFrom('users').selectAll().orderBy('id').execute();
      expect(users.map((u) => [u.email, u.name, u.role, u.state, u.password_hash])).toEqual([
        ['anneke@voorbeeld.nl', 'Anneke de Vriés', 'author', 'invited', null],
        ['joost@voorbeeld.nl', 'Joost Müller', 'author', 'invited', null],
        ['li.wei@voorbeeld.nl', '李伟 (Li Wei)', 'author', 'invited', null],
      ]);
      const authors = await db.selectFrom('authors').selectAll().orderBy('id').execute();
      expect(authors.map((a) => [a.slug, a.name, a.user_id === null])).toEqual([
        ['anneke-de-vries', 'Anneke de Vriés', false],
        ['joost-muller', 'Joost Müller', false],
        ['li-wei', '李伟 (Li Wei)', false],
        ['gastschrijver-bram', 'Gastschrijver Bram', true],
      ]);
      expect(authors[0]?.bio_source).toBe(
        'Trainer bij Verkoopwerkplaats. Schrijft over onderhandelen.',
      );

      const topics = await db.selectFrom('topics').select(['slug', 'name']).orderBy('id').execute();
      expect(topics.map((x) => x.slug)).toEqual([
        'verkoop',
        'leiderschap',
        'coaching',
        expect.stringMatching(/^onderwerp-[0-9a-f]{8}$/),
        'onderhandelen',
        'feedback',
      ]);
      expect(topics.find((x) => x.slug === 'leiderschap')?.name).toBe('Leiderschap & team');
      expect(topics.some((x) => x.name === '日本')).toBe(true);

      const articles = await db.selectFrom('articles').selectAll().orderBy('id').execute();
      const bySlug = new Map(articles.map((a) => [a.slug, a]));
      const post = bySlug.get('onderhandelen-met-inkopers');
      expect(post?.status).toBe('published');
      expect(post?.publish_at).toBe('2019-05-03T08:00:00.000Z');
      expect(post?.title).toBe('Onderhandelen met inkopers: zo blijft u rustig ✨');
      expect(post?.lead).toBe('Hoe u kalm blijft als de inkoper om korting vraagt.');
      expect(post?.comment_count).toBe(3);
      const html = post?.body_html ?? '';
      expect(html).toContain('Café-eigenaar Jürgen weet dat 😀');
      expect(html).toContain('日本語のまとめ: 交渉。');
      expect(html).toContain('<h2>Drie vragen vóór u toegeeft</h2>');
      expect(html).not.toMatch(/<script|onerror|onclick|javascript:|wp:paragraph|<!--/i);
      expect(post?.body_source).not.toMatch(/<script|onerror|onclick|javascript:/i);
      expect(html).toContain('<a href="https://voorbeeld.nl/gids" rel="noopener">onze gids</a>');

      const classic = bySlug.get('feedback-geven');
      expect(classic?.body_html).toContain(
        '<p>Goede feedback is concreet.<br />\nHet gaat over gedrag, niet over de persoon.</p>',
      );
      expect(classic?.body_html).toContain('<p>Vraag daarna wat de ander nodig heeft.</p>');
      expect(classic?.comments_open).toBe(0);

      expect(bySlug.get('concept-klantreis-in-kaart')?.status).toBe('draft');
      expect(bySlug.get('concept-klantreis-in-kaart')?.publish_at).toBeNull();
      expect(bySlug.get('prive-notities')?.status).toBe('draft');
      const future = bySlug.get('verkopen-in-2031');
      expect(future?.status).toBe('scheduled');
      expect(future?.publish_at).toBe('2031-01-15T08:00:00.000Z');
      expect(bySlug.get('over-ons')?.status).toBe('published');
      expect(bySlug.has('weggegooid-artikel')).toBe(false);

      const comments = await db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', post?.id ?? 0)
        .orderBy('created_at')
        .execute();
      const byBody = (start: string) => comments.find((c) => c.body.startsWith(start));
      const first = byBody('Mooi stuk');
      const reply = byBody('Beste Christiaan');
      const deep = byBody('Dank u');
      expect(first?.parent_id).toBeNull();
      expect(first?.state).toBe('approved');
      expect(first?.created_at).toBe('2019-05-04T07:15:00.000Z');
      expect(first?.approved_at).toBe('2019-05-04T07:15:00.000Z');
      expect(first?.website).toBe('https://christiaan.example');
      expect(reply?.parent_id).toBe(first?.id);
      expect(reply?.label).toBe('author');
      expect(reply?.author_user_id).toBe(users[0]?.id);
      // Third level: attached to the top-level ancestor.
      expect(deep?.parent_id).toBe(first?.id);
      expect(deep?.body).toBe('Dank u, dat ga ik proberen.\nGroet uit Zürich.');
      expect(byBody('Wacht nog')?.state).toBe('pending');
      expect(byBody('Koop nu')?.state).toBe('spam');
      expect(byBody('Koop nu')?.website).toBeNull();
      expect(byBody('Deze reactie')?.state).toBe('deleted');

      const totals = await db
        .selectFrom('grade_totals')
        .selectAll()
        .orderBy('article_id')
        .execute();
      // WP-PostRatings: 10 votes, mean 3.8 of 5 -> 7.3 of 10 -> 7 × 7 + 3 × 8 = 73.
      expect(totals[0]).toMatchObject({ article_id: post?.id, count: 10, sum: 73, h7: 7, h8: 3 });
      // kk Star Ratings: 4 votes, 17 stars -> mean 4.25 -> 8.3125 -> 3 × 8 + 1 × 9 = 33.
      expect(totals[1]).toMatchObject({ article_id: classic?.id, count: 4, sum: 33, h8: 3, h9: 1 });
      const keys = await db
        .selectFrom('grades')
        .select('reader_key')
        .where('article_id', '=', classic?.id ?? 0)
        .orderBy('reader_key')
        .execute();
      expect(keys.map((k) => k.reader_key)).toEqual([
        'import:1',
        'import:2',
        'import:3',
        'import:4',
      ]);

      const lines = summaryLines(summary, t).join('\n');
      expect(lines).toContain('één antwoordniveau');
      expect(lines).toContain('1 + (gemiddelde − 1) × 9 / 4');
      expect(lines).toContain('1→1, 2→3,25, 3→5,5, 4→7,75, 5→10');
    });

    it('creates nothing twice when run again, and leaves pages out unless asked', async () => {
      database = await backend.open();
      await importWordpress(database.db, createReadStream(fixture));
      const before = await counts(database);
      expect(before.articles).toBe(5);
      const again = await importWordpress(database.db, chunked(fixtureText, 101));
      expect(again.articles).toMatchObject({ created: 0, existing: 5 });
      expect(again.comments).toMatchObject({ created: 0, existing: 6 });
      expect(again.authors).toEqual({ created: 0, existing: 4 });
      expect(again.redirects).toBe(0);
      expect(await counts(database)).toEqual(before);
      expect(again.skipped).toContainEqual({
        kind: 'item',
        id: '201',
        reason: 'page_not_requested',
      });
    });

    const hostile: [string, string | Buffer, RegExp][] = [
      [
        'a billion laughs',
        `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n${fixtureText.replace(/^<\?xml[^>]*>\n/, '').replace('<title>Verkoopkennis Oud</title>', '<title>&lol3;</title>')}`,
        /DOCTYPE met entiteiten/,
      ],
      [
        'an external entity',
        `<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n${fixtureText.replace(/^<\?xml[^>]*>\n/, '').replace('<title>Verkoopkennis Oud</title>', '<title>&xxe;</title>')}`,
        /DOCTYPE met entiteiten/,
      ],
      [
        'a truncated file',
        fixtureText.slice(0, Math.floor(fixtureText.length * 0.8)),
        /geen geldige XML of is afgebroken/,
      ],
      [
        'an invalid date',
        fixtureText.replace('2020-02-10 13:00:00', '2020-02-30 25:61:00'),
        /Ongeldige datum "2020-02-30 25:61:00" bij post 102/,
      ],
      [
        'invalid UTF-8 bytes',
        Buffer.concat([
          Buffer.from(fixtureText.slice(0, fixtureText.indexOf('Feedback geven zonder drama'))),
          Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
          Buffer.from(fixtureText.slice(fixtureText.indexOf('Feedback geven zonder drama'))),
        ]),
        /geen geldige UTF-8/,
      ],
      [
        'a file that is not WXR',
        '<?xml version="1.0"?><html><body>hallo</body></html>',
        /geen WordPress-export/,
      ],
      [
        'another declared encoding',
        fixtureText.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
        /geen geldige UTF-8/,
      ],
    ];
    for (const [name, input, message] of hostile) {
      it(`refuses ${name} with a clear message and writes nothing`, async () => {
        database = await backend.open();
        const error = await importWordpress(database.db, chunked(input)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportError);
        expect(importErrorMessage(error as ImportError, t)).toMatch(message);
        expect(importErrorMessage(error as ImportError, catalogs.en.portability)).not.toBe('');
        const after = await counts(database);
        expect(Object.values(after).every((n) => n === 0)).toBe(true);
      });
    }

    it('answers old WordPress addresses with 301 and leaves the rest alone', async () => {
      app = await buildTestApp(backend);
      await importWordpress(app.database.db, createReadStream(fixture), { pages: true });
      const articles = await app.database.db
        .selectFrom('articles')
        .select(['id', 'slug'])
        .execute();
      const id = (slug: string) => articles.find((a) => a.slug === slug)?.id;
      const post = `/artikel/${id('onderhandelen-met-inkopers')}/onderhandelen-met-inkopers`;
      const cases: [string, string][] = [
        ['/?p=101', post],
        ['/index.php?p=101', post],
        ['/2019/05/onderhandelen-met-inkopers/', post],
        ['/2019/05/Onderhandelen-met-inkopers', post],
        ['/?page_id=201', `/artikel/${id('over-ons')}/over-ons`],
        ['/over-ons/', `/artikel/${id('over-ons')}/over-ons`],
        ['/category/verkoop/', '/onderwerp/verkoop'],
        ['/tag/feedback/', '/onderwerp/feedback'],
        ['/author/anneke/', '/auteur/anneke-de-vries'],
      ];
      for (const [from, to] of cases) {
        const res = await app.app.inject(from);
        expect(res.statusCode, from).toBe(301);
        expect(res.headers.location, from).toBe(to);
      }
      // Drafts keep no public old address; unknown ones stay 404.
      expect((await app.app.inject('/?p=103')).statusCode).not.toBe(301);
      expect((await app.app.inject('/2021/04/prive-notities/')).statusCode).toBe(404);
      expect((await app.app.inject('/bestaat-niet')).statusCode).toBe(404);
      expect((await app.app.inject('/healthz?p=101')).statusCode).toBe(200);
    });
  });
}
