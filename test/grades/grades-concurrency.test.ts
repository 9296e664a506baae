// The aggregate stays exact under concurrent grading: 1,000 readers at once, plus readers
// changing their minds while their first grade is still in flight.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { totalsOf } from '../../src/features/grades/grades.repository.js';
import { gradeArticle } from '../../src/features/grades/grades.service.js';
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
  });
}
