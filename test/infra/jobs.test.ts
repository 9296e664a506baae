import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { enqueue } from '../../src/jobs/queue.js';
import { backoffMs, JobRunner } from '../../src/jobs/runner.js';
import { backends } from '../helpers/backends.js';

const silent = { info() {}, warn() {}, error() {} };

for (const backend of backends) {
  describe(`durable jobs on ${backend.name}`, () => {
    let database: DatabaseHandle;
    afterEach(async () => database?.close());

    it('queues a key once and runs it once', async () => {
      database = await backend.open();
      const runs: unknown[] = [];
      const runner = new JobRunner(database, silent);
      runner.register({
        kind: 'test.echo',
        async run(p) {
          runs.push(p);
          return 'done';
        },
      });
      expect(await enqueue(database.db, { kind: 'test.echo', key: 'k1', payload: { n: 1 } })).toBe(
        true,
      );
      expect(await enqueue(database.db, { kind: 'test.echo', key: 'k1', payload: { n: 2 } })).toBe(
        false,
      );
      expect(await runner.drain()).toBe(1);
      expect(runs).toEqual([{ n: 1 }]);
      const job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(job.state).toBe('done');
      expect(job.attempts).toBe(1);
    });

    it('retries a failing job later with backoff, then gives up', async () => {
      database = await backend.open();
      let calls = 0;
      const runner = new JobRunner(database, silent);
      runner.register({
        kind: 'test.flaky',
        async run() {
          calls++;
          throw new Error('SMTP said no');
        },
      });
      await enqueue(database.db, { kind: 'test.flaky', key: 'f1', maxAttempts: 2 });
      await runner.drain();
      let job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(job.state).toBe('queued');
      expect(job.last_error).toBe('SMTP said no');
      expect(Date.parse(job.run_at)).toBeGreaterThan(Date.now() + backoffMs(1) - 5_000);
      // Not due yet: nothing runs.
      expect(await runner.drain()).toBe(0);
      await database.db
        .updateTable('jobs')
        .set({ run_at: new Date(0).toISOString() })
        .execute();
      await runner.drain();
      job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(job.state).toBe('failed');
      expect(calls).toBe(2);
    });

    it('lets two runners share the queue without running a job twice', async () => {
      database = await backend.open();
      const seen: number[] = [];
      const handler = {
        kind: 'test.count',
        async run(p: unknown) {
          seen.push((p as { i: number }).i);
          await new Promise((r) => setTimeout(r, 1));
          return 'done' as const;
        },
      };
      const a = new JobRunner(database, silent, { batchSize: 5 });
      const b = new JobRunner(database, silent, { batchSize: 5 });
      a.register(handler);
      b.register(handler);
      for (let i = 0; i < 60; i++)
        await enqueue(database.db, { kind: 'test.count', key: `c${i}`, payload: { i } });
      await Promise.all([a.drain(), b.drain()]);
      expect(seen.length).toBe(60);
      expect(new Set(seen).size).toBe(60);
    });

    it('skips a job whose kind has no handler without losing it', async () => {
      database = await backend.open();
      const runner = new JobRunner(database, silent);
      await enqueue(database.db, { kind: 'test.unknown', key: 'u1' });
      await runner.drain();
      const job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(job.state).toBe('queued');
      expect(job.last_error).toContain('no handler');
    });
  });
}
