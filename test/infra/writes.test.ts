// The write path publishes what a write touched only after its commit, and never for a
// write that was rolled back; a write inside a write joins it.
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { changesOf, runWrite } from '../../src/infra/writes.js';
import { jobSignal } from '../../src/jobs/queue.js';
import { backends } from '../helpers/backends.js';
import { createTopic } from '../helpers/factories.js';

for (const backend of backends) {
  describe(`runWrite on ${backend.name}`, () => {
    let database: DatabaseHandle;
    afterEach(async () => database?.close());

    it('publishes the touched tags once, after the commit, and wakes the runner for its jobs', async () => {
      database = await backend.open();
      const { db } = database;
      const published: string[][] = [];
      let committedWhenPublished: number | undefined;
      let readWhenPublished: Promise<void> | undefined;
      changesOf(db).subscribe((tags) => {
        published.push([...tags]);
        // Read on another connection's view: the write must be visible when we hear of it.
        readWhenPublished = db
          .selectFrom('topics')
          .select('id')
          .execute()
          .then((rows) => {
            committedWhenPublished = rows.length;
          });
      });
      let woken = 0;
      const wake = () => woken++;
      jobSignal.listeners.add(wake);
      try {
        await runWrite(db, async ({ trx, touch, enqueue }) => {
          await createTopic(trx, { name: 'Verkoop' });
          touch('topics', 'topic:1');
          touch('topics');
          await enqueue({ kind: 'test.noop', key: 'noop:1' });
          expect(published).toEqual([]);
          expect(woken).toBe(0);
        });
      } finally {
        jobSignal.listeners.delete(wake);
      }
      expect(published).toEqual([['topics', 'topic:1']]);
      expect(woken).toBe(1);
      await readWhenPublished;
      expect(committedWhenPublished).toBe(1);
      expect(await db.selectFrom('jobs').select('key').execute()).toEqual([{ key: 'noop:1' }]);
    });

    it('publishes nothing, and keeps nothing, when the write fails', async () => {
      database = await backend.open();
      const { db } = database;
      const published: string[][] = [];
      changesOf(db).subscribe((tags) => published.push([...tags]));
      await expect(
        runWrite(db, async ({ trx, touch, enqueue }) => {
          await createTopic(trx, { name: 'Verkoop' });
          await enqueue({ kind: 'test.noop', key: 'noop:2' });
          touch('topics');
          throw new Error('refused halfway');
        }),
      ).rejects.toThrow('refused halfway');
      expect(published).toEqual([]);
      expect(await db.selectFrom('topics').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('jobs').select('id').execute()).toEqual([]);
    });

    it('joins a write already under way, and refuses a transaction it did not open', async () => {
      database = await backend.open();
      const { db } = database;
      const published: string[][] = [];
      changesOf(db).subscribe((tags) => published.push([...tags]));
      await runWrite(db, async ({ trx, touch }) => {
        touch('articles');
        await runWrite(trx, async (inner) => {
          expect(inner.trx).toBe(trx);
          inner.touch('authors');
        });
        expect(published).toEqual([]);
      });
      expect(published).toEqual([['articles', 'authors']]);

      await expect(
        db.transaction().execute((trx) => runWrite(trx, async () => undefined)),
      ).rejects.toThrow(/did not open/);
    });
  });
}
