// Comments arriving at once: a double-clicked form is stored once, and the article's count
// of approved comments is exact however many land together (PostgreSQL runs them in
// parallel under READ COMMITTED; SQLite and PGlite one after another).
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { type CommentFields, postComment } from '../../src/features/comments/comments.service.js';
import { defaultCommentSettings } from '../../src/features/comments/comments.settings.js';
import { ValidationError } from '../../src/lib/errors.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';

const settings = { ...defaultCommentSettings, moderation: 'open' as const, ratePerWindow: 0 };

function fields(body: string): CommentFields {
  return {
    name: 'Lezer',
    email: '',
    website: '',
    body,
    notify: false,
    parentId: undefined,
    trap: '',
  };
}

function post(db: DatabaseHandle['db'], articleId: number, body: string, address: string) {
  return postComment(db, fields(body), {
    articleId,
    readerKey: undefined,
    addressHash: address,
    formAgeMs: 60_000,
    settings,
  });
}

for (const backend of backends) {
  describe(`comments arriving together on ${backend.name}`, { timeout: 120_000 }, () => {
    let database: DatabaseHandle;
    afterEach(async () => database?.close());

    it('stores a double-clicked comment once', async () => {
      database = await backend.open();
      const { db } = database;
      const article = await createArticle(db);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, pair) => [
          post(db, article.id, `Dubbel geklikte reactie nummer ${pair}.`, `a${pair}`),
          post(db, article.id, `Dubbel geklikte reactie nummer ${pair}.`, `a${pair}`),
        ]).flat(),
      );
      const refused = outcomes.filter((o) => o.status === 'rejected');
      expect(refused).toHaveLength(20);
      for (const r of refused)
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
      const rows = await db.selectFrom('comments').select('body').execute();
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((r) => r.body)).size).toBe(20);
    });

    it('counts every approved comment when fifty land at once', async () => {
      database = await backend.open();
      const { db } = database;
      const article = await createArticle(db);
      await Promise.all(
        Array.from({ length: 50 }, (_, n) =>
          post(db, article.id, `Reactie ${n} met eigen tekst.`, `b${n}`),
        ),
      );
      const stored = await db
        .selectFrom('comments')
        .select('id')
        .where('state', '=', 'approved')
        .execute();
      expect(stored).toHaveLength(50);
      const row = await db
        .selectFrom('articles')
        .select('comment_count')
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();
      expect(row.comment_count).toBe(50);
    });
  });
}
