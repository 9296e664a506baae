import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { prepared, preparedWithIds } from '../../src/db/prepared.js';
import type { ArticleStatus } from '../../src/db/schema.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createAuthor } from '../helpers/factories.js';

const titleById = prepared((db, p: { id: number }) =>
  db.selectFrom('articles').select(['id', 'title']).where('id', '=', p.id),
);

const byStatusExcept = prepared((db, p: { status: ArticleStatus; except: number; limit: number }) =>
  db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', p.status)
    .where('id', '!=', p.except)
    // A constant among the parameters keeps its own value.
    .where('title', '!=', 'never a title')
    .orderBy('id')
    .limit(p.limit),
);

const titlesOf = preparedWithIds((db, p: { status: ArticleStatus }, ids) =>
  db
    .selectFrom('articles')
    .select(['id', 'title'])
    .where('status', '=', p.status)
    .where('id', 'in', ids)
    .orderBy('id'),
);

for (const backend of backends) {
  describe(`prepared queries on ${backend.name}`, () => {
    let database: DatabaseHandle;
    afterEach(async () => database?.close());

    it('runs one compiled query with each call’s own values, constants kept', async () => {
      database = await backend.open();
      const author = await createAuthor(database.db, { name: 'Ada de Wit' });
      const ids: number[] = [];
      for (const title of ['Eerste', 'Tweede', 'Derde']) {
        const article = await createArticle(database.db, { title, authorIds: [author.id] });
        ids.push(article.id);
      }
      const [a, b, c] = ids as [number, number, number];
      expect(await titleById.takeFirst(database.db, { id: b })).toEqual({ id: b, title: 'Tweede' });
      expect(await titleById.takeFirst(database.db, { id: a })).toEqual({ id: a, title: 'Eerste' });
      expect(await titleById.takeFirst(database.db, { id: 999_999 })).toBeUndefined();
      const rows = await byStatusExcept.execute(database.db, {
        status: 'published',
        except: b,
        limit: 5,
      });
      expect(rows.map((r) => r.id)).toEqual([a, c]);
      expect(
        await byStatusExcept.execute(database.db, { status: 'published', except: a, limit: 1 }),
      ).toEqual([{ id: b }]);
    });

    it('runs inside a transaction and sees its uncommitted rows', async () => {
      database = await backend.open();
      const author = await createAuthor(database.db, { name: 'Bram Kok' });
      const article = await createArticle(database.db, { title: 'Oud', authorIds: [author.id] });
      await database.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('articles')
          .set({ title: 'Nieuw' })
          .where('id', '=', article.id)
          .execute();
        expect(await titleById.takeFirst(trx, { id: article.id })).toMatchObject({
          title: 'Nieuw',
        });
      });
    });

    it('answers for id lists of any length, padded or not', async () => {
      database = await backend.open();
      const author = await createAuthor(database.db, { name: 'Dirk Veen' });
      const ids: number[] = [];
      for (let i = 0; i < 10; i++) {
        const article = await createArticle(database.db, {
          title: `Stuk ${i}`,
          authorIds: [author.id],
          status: i === 9 ? 'draft' : 'published',
        });
        ids.push(article.id);
      }
      const titles = async (list: number[]) =>
        (await titlesOf.execute(database.db, { status: 'published' }, list)).map((r) => r.title);
      expect(await titles([])).toEqual([]);
      expect(await titles([ids[3]!])).toEqual(['Stuk 3']);
      // Nine ids: padded to the next length; the draft stays out.
      expect(await titles(ids.slice(0, 9).concat(ids[9]!))).toEqual(
        Array.from({ length: 9 }, (_, i) => `Stuk ${i}`),
      );
      // Longer than any padded length: built for this call, same answer.
      const many = [...ids, ...Array.from({ length: 150 }, (_, i) => 1_000_000 + i)];
      expect(await titles(many)).toHaveLength(9);
      expect(await titles([ids[1]!, 999_999])).toEqual(['Stuk 1']);
    });

    it('binds hostile text as a value, never as SQL', async () => {
      database = await backend.open();
      const author = await createAuthor(database.db, { name: 'Cor Lam' });
      await createArticle(database.db, { title: 'Blijft', authorIds: [author.id] });
      const rows = await byStatusExcept.execute(database.db, {
        status: "published' or '1'='1" as ArticleStatus,
        except: 0,
        limit: 10,
      });
      expect(rows).toEqual([]);
    });
  });
}
