// The aggregate stays exact under concurrent grading: 1,000 readers at once, plus readers
// changing their minds while their first grade is still in flight. Grades sent together
// (which SQLite records in one shared transaction) succeed or fail each on their own.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { commitGroupOf } from '../../src/features/grades/grades.commit-group.js';
import {
  addToTotals,
  insertGradeIfAbsent,
  totalsOf,
} from '../../src/features/grades/grades.repository.js';
import { gradeArticle } from '../../src/features/grades/grades.service.js';
import { NotFoundError } from '../../src/lib/errors.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';

const READERS = 1000;
const CHANGERS = 300;

function readerKey(i: number): string {
  return `reader-${String(i).padStart(15, '0')}`.slice(0, 22);
}

function firstScore(i: number): number {
  return (i % 10) + 1;
}
function racingScore(i: number): number {
  return ((i * 7) % 10) + 1;
}
function finalScore(i: number): number {
  return ((i * 3 + 4) % 10) + 1;
}

for (const backend of backends) {
  describe(`concurrent grading on ${backend.name}`, () => {
    // Starting a backend (PGlite above all) may take long on a busy machine: not inside a test.
    beforeAll(async () => {
      await (await backend.open()).close();
    }, 300_000);
    let database: DatabaseHandle;
    afterEach(async () => database?.close());

    it('keeps count, sum and histogram exact', async () => {
      database = await backend.open();
      const { db } = database;
      const article = await createArticle(db);
      const grade = (i: number, score: number) =>
        gradeArticle(db, {
          articleId: article.id,
          readerKey: readerKey(i),
          score,
          addressHash: `address-${i}`,
        });

      // Phase 1: every reader grades, and some grade again at the same moment.
      const phase1: Promise<unknown>[] = [];
      for (let i = 0; i < READERS; i++) phase1.push(grade(i, firstScore(i)));
      for (let i = 0; i < CHANGERS; i++) phase1.push(grade(i, racingScore(i)));
      await Promise.all(phase1);

      let totals = await totalsOf(db, article.id);
      expect(totals.count).toBe(READERS);
      const rows = await db
        .selectFrom('grades')
        .select(['reader_key', 'score', 'state'])
        .where('article_id', '=', article.id)
        .execute();
      expect(rows).toHaveLength(READERS);
      expect(rows.every((r) => r.state === 'counted')).toBe(true);
      const byReader = new Map(rows.map((r) => [r.reader_key, r.score]));
      for (let i = 0; i < CHANGERS; i++) {
        expect([firstScore(i), racingScore(i)]).toContain(byReader.get(readerKey(i)));
      }
      const histogram = Array.from({ length: 10 }, () => 0);
      for (const r of rows) histogram[r.score - 1]! += 1;
      expect(totals.histogram).toEqual(histogram);
      expect(totals.sum).toBe(rows.reduce((s, r) => s + r.score, 0));

      // Phase 2: changes with a known outcome, all at once.
      await Promise.all(Array.from({ length: CHANGERS }, (_, i) => grade(i, finalScore(i))));
      const expected = Array.from({ length: 10 }, () => 0);
      let expectedSum = 0;
      for (let i = 0; i < READERS; i++) {
        const s = i < CHANGERS ? finalScore(i) : firstScore(i);
        expected[s - 1]! += 1;
        expectedSum += s;
      }
      totals = await totalsOf(db, article.id);
      expect(totals.count).toBe(READERS);
      expect(totals.sum).toBe(expectedSum);
      expect(totals.histogram).toEqual(expected);
    }, 300_000);

    it('refuses a grade among concurrent ones alone: the others count, it stores nothing', async () => {
      database = await backend.open();
      const { db } = database;
      const article = await createArticle(db);
      const draft = await createArticle(db, { status: 'draft' });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          gradeArticle(db, {
            articleId: i % 5 === 2 ? draft.id : article.id,
            readerKey: readerKey(i),
            score: firstScore(i),
            addressHash: `address-${i}`,
          }),
        ),
      );
      results.forEach((result, i) => {
        if (i % 5 === 2) {
          expect(result.status).toBe('rejected');
          if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(NotFoundError);
        } else {
          expect(result).toMatchObject({ status: 'fulfilled', value: { change: 'created' } });
        }
      });
      const totals = await totalsOf(db, article.id);
      expect(totals.count).toBe(16);
      expect(totals.sum).toBe(
        Array.from({ length: 20 }, (_, i) => i)
          .filter((i) => i % 5 !== 2)
          .reduce((sum, i) => sum + firstScore(i), 0),
      );
      const draftRows = await db
        .selectFrom('grades')
        .select('id')
        .where('article_id', '=', draft.id)
        .execute();
      expect(draftRows).toHaveLength(0);
      expect((await totalsOf(db, draft.id)).count).toBe(0);
    }, 300_000);

    it('undoes the writes of a grade that fails half-way in a commit group, and only those', async () => {
      database = await backend.open();
      const { db } = database;
      const article = await createArticle(db);
      const now = new Date().toISOString();
      const write = (i: number, fail: boolean) =>
        commitGroupOf(db).run(async (trx) => {
          const row = { articleId: article.id, readerKey: readerKey(i), score: 7, now };
          await insertGradeIfAbsent(trx, { ...row, addressHash: `address-${i}` });
          await addToTotals(trx, article.id, 7, now);
          if (fail) throw new Error('failed after writing');
          return i;
        });
      const results = await Promise.allSettled([write(1, false), write(2, true), write(3, false)]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const readers = await db
        .selectFrom('grades')
        .select('reader_key')
        .where('article_id', '=', article.id)
        .orderBy('reader_key')
        .execute();
      expect(readers.map((r) => r.reader_key)).toEqual([readerKey(1), readerKey(3)]);
      expect(await totalsOf(db, article.id)).toMatchObject({ count: 2, sum: 14 });
    }, 300_000);
  });
}
