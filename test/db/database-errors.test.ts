// A database refusal that no service catches becomes a clear 4xx, never a 500: the codes
// of both backends are read in one place (src/db/errors.ts) and the app's error handler
// uses it. Every case runs against real databases; nothing is mocked.
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { databaseRefusalOf } from '../../src/db/errors.js';
import { buildServer } from '../../src/server.js';
import { catalogs } from '../../src/views/messages/index.js';
import { buildTestApp, form, formHeaders, type TestApp, testConfig } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createTopic } from '../helpers/factories.js';
import { loginAs } from '../helpers/login.js';

async function refusalOf(write: Promise<unknown>) {
  const error = await write.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the write should have been refused').toBeDefined();
  return databaseRefusalOf(error);
}

for (const backend of backends) {
  describe(`database refusals on ${backend.name}`, { timeout: 120_000 }, () => {
    let database: DatabaseHandle | undefined;
    let app: TestApp | undefined;
    afterEach(async () => {
      await database?.close();
      await app?.close();
      database = undefined;
      app = undefined;
    });

    it('maps unique, check, not-null and foreign-key violations to 409 and 422', async () => {
      database = await backend.open();
      const db = database.db;
      const topic = await createTopic(db);
      const article = await createArticle(db, { status: 'published' });

      const unique = await refusalOf(
        db
          .insertInto('topics')
          .values({ slug: topic.slug, name: 'Dubbel', created_at: topic.created_at })
          .execute(),
      );
      expect([unique?.status, unique?.messageKey]).toEqual([409, 'db_unique']);

      const check = await refusalOf(
        db
          .insertInto('grades')
          .values({
            article_id: article.id,
            reader_key: 'lezer',
            score: 11,
            address_hash: 'x',
            state: 'counted',
            created_at: '2026-01-01T00:00:00.000Z',
            updated_at: '2026-01-01T00:00:00.000Z',
          })
          .execute(),
      );
      expect([check?.status, check?.messageKey]).toEqual([422, 'db_check']);

      const notNull = await refusalOf(
        sql`insert into topics (slug, name, created_at) values ('leeg', null, '2026-01-01')`.execute(
          db,
        ),
      );
      expect([notNull?.status, notNull?.messageKey]).toEqual([422, 'db_not_null']);

      const foreignKey = await refusalOf(
        db
          .insertInto('article_topics')
          .values({ article_id: article.id, topic_id: 999_999 })
          .execute(),
      );
      expect([foreignKey?.status, foreignKey?.messageKey]).toEqual([422, 'db_foreign_key']);

      // Anything else is no client's fault and stays a server error.
      expect(await refusalOf(sql`select * from no_such_table`.execute(db))).toBeUndefined();
    });

    it('maps values PostgreSQL refuses (a NUL character, an integer out of range)', async () => {
      database = await backend.open();
      const db = database.db;
      // Each query starts only when awaited: a refusal must never wait unobserved.
      const nul = () =>
        db
          .insertInto('topics')
          .values({ slug: 'nul', name: 'a\u0000b', created_at: '2026-01-01T00:00:00Z' })
          .execute();
      const huge = () =>
        db.selectFrom('topics').selectAll().where('id', '=', 99_999_999_999).execute();
      if (backend.name === 'sqlite') {
        // SQLite takes both as they come.
        await nul();
        expect(await huge()).toEqual([]);
        return;
      }
      expect((await refusalOf(nul()))?.messageKey).toBe('db_invalid_value');
      expect((await refusalOf(huge()))?.messageKey).toBe('db_invalid_value');
    });

    it('answers an out-of-range article id in the newsletter edition form with 422, storing nothing', async () => {
      // On PostgreSQL the id reached the database as is and came back a 500.
      app = await buildTestApp(backend);
      const db = app.database.db;
      const editor = await loginAs(app, 'editor');
      const list = await db
        .insertInto('lists')
        .values({ slug: 'tips', name: 'Tips', is_public: 1, created_at: '2026-01-01T00:00:00Z' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const article = await createArticle(db, { status: 'published' });
      const res = await app.app.inject({
        method: 'POST',
        url: '/beheer/nieuwsbrieven/edities',
        headers: { ...formHeaders, cookie: editor.cookie },
        payload: form({
          csrf_token: editor.csrfToken,
          list: list.id,
          subject: 'Editie',
          intro: '',
          articles: '99999999999',
        }),
      });
      expect(res.statusCode).toBe(422);
      const editions = await db.selectFrom('editions').selectAll().execute();
      expect(editions).toEqual([]);
      // The article the edition would have named is untouched.
      const after = await db
        .selectFrom('articles')
        .select(['title', 'updated_at'])
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();
      expect(after).toEqual({ title: article.title, updated_at: article.updated_at });
    });

    for (const locale of ['nl', 'en'] as const) {
      it(`answers a CHECK violation that escapes a handler with 422 and the ${locale} message`, async () => {
        // No route lets a CHECK violation through today (every one validates first), so a
        // route made for this test writes a grade the database forbids, straight through.
        database = await backend.open();
        const db = database.db;
        const article = await createArticle(db, { status: 'published' });
        const server = await buildServer({
          config: testConfig({ SITE_LOCALE: locale }),
          database: { ...database, close: async () => {} },
          runJobs: false,
          logger: false,
          migrate: false,
        });
        // A test route: what it must show is the database's refusal, so it takes no token.
        server.post('/test/ruwe-waardering', { config: { token: 'none' } }, async (request) => {
          const score = Number((request.body as Record<string, string>).score);
          await db.transaction().execute(async (trx) => {
            await trx
              .updateTable('articles')
              .set({ title: 'Gewijzigd' })
              .where('id', '=', article.id)
              .execute();
            await trx
              .insertInto('grades')
              .values({
                article_id: article.id,
                reader_key: 'lezer',
                score,
                address_hash: 'x',
                state: 'counted',
                created_at: '2026-01-01T00:00:00.000Z',
                updated_at: '2026-01-01T00:00:00.000Z',
              })
              .execute();
          });
          return { ok: true };
        });
        await server.ready();
        try {
          const message = catalogs[locale].common.errors.db_check;
          const page = await server.inject({
            method: 'POST',
            url: '/test/ruwe-waardering',
            headers: formHeaders,
            payload: form({ score: 11 }),
          });
          expect(page.statusCode).toBe(422);
          expect(page.headers['content-type']).toMatch(/text\/html/);
          expect(page.body).toContain(message);
          const json = await server.inject({
            method: 'POST',
            url: '/test/ruwe-waardering',
            headers: { ...formHeaders, accept: 'application/json' },
            payload: form({ score: 0 }),
          });
          expect(json.statusCode).toBe(422);
          expect(json.json()).toEqual({ error: 'validation', message });
          // The transaction was rolled back: nothing stored changed.
          expect(await db.selectFrom('grades').selectAll().execute()).toEqual([]);
          const row = await db
            .selectFrom('articles')
            .select('title')
            .where('id', '=', article.id)
            .executeTakeFirstOrThrow();
          expect(row.title).toBe(article.title);
        } finally {
          await server.close();
        }
      });
    }
  });
}
