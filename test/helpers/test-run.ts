// Global setup of the test run (vitest.config.ts): names the run, so that the PostgreSQL
// schemas its workers keep (test/helpers/backends.ts) can be dropped when it ends. A worker
// cannot drop its own: it is stopped without a chance to run anything asynchronous.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testRun: string;
  }
}

/** The names of this run's schemas start with this. */
export function testSchemaPrefix(run: string): string {
  return `t_${run}_`;
}

/** The advisory lock under which test schemas are migrated and dropped (see backends.ts). */
export const SCHEMA_LOCK = 72_150_001;

export default function setup(project: TestProject): () => Promise<void> {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  project.provide('testRun', run);
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
      const prefix = testSchemaPrefix(run);
      const { rows } = await client.query<{ name: string }>(
        'select nspname as name from pg_namespace where left(nspname, length($1)) = $1',
        [prefix],
      );
      for (const { name } of rows) {
        await client.query(`DROP SCHEMA IF EXISTS "${name.replaceAll('"', '""')}" CASCADE`);
      }
    } finally {
      await client.end();
    }
  };
}
