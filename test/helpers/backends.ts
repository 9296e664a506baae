// Every data-layer test runs on each backend, as Kysely's own suite loops over dialects:
// SQLite (in memory), PGlite (in-process PostgreSQL) and, when TEST_DATABASE_URL is set,
// a real PostgreSQL server. Each test gets a fresh, migrated database of its own: a new
// in-memory SQLite, or a new schema on PostgreSQL that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { type Backend, connect, createPglite, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrator.js';

export interface BackendCase {
  name: Backend;
  /** Opens a fresh migrated database; closing it removes it. */
  open(options?: { migrate?: boolean; onQuery?: (sql: string) => void }): Promise<DatabaseHandle>;
}

// Starting PGlite takes seconds; one instance serves every test in a worker (tests in a
// worker run one at a time, each in its own schema).
let sharedPglite: Promise<PGlite> | undefined;
function pglite(): Promise<PGlite> {
  sharedPglite ??= (async () => {
    const instance = createPglite();
    await instance.waitReady;
    return instance;
  })();
  return sharedPglite;
}

function schemaName(): string {
  return `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

const sqliteCase: BackendCase = {
  name: 'sqlite',
  async open(options) {
    const handle = connect('sqlite::memory:', { onQuery: options?.onQuery });
    if (options?.migrate !== false) await migrateToLatest(handle.db);
    return handle;
  },
};

const pgliteCase: BackendCase = {
  name: 'pglite',
  async open(options) {
    const instance = await pglite();
    const schema = schemaName();
    await instance.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
    const handle = connect('pglite:', { pglite: instance, schema, onQuery: options?.onQuery });
    if (options?.migrate !== false) await migrateToLatest(handle.db, schema);
    return {
      ...handle,
      async close() {
        await instance.exec(`SET search_path TO public; DROP SCHEMA IF EXISTS ${schema} CASCADE;`);
      },
    };
  },
};

// Kysely's migrator looks at the tables of every schema; if another worker drops its
// schema in the middle of that look, PostgreSQL answers "schema … does not exist". So
// migrating and dropping test schemas take turns under one advisory lock.
const SCHEMA_LOCK = 72_150_001;

/** Runs `work` while holding the test-schema lock on the PostgreSQL server at `url`. */
export async function withSchemaLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const lock = connect(url, { poolSize: 1 });
  try {
    await sql`select pg_advisory_lock(${SCHEMA_LOCK})`.execute(lock.db);
    return await work();
  } finally {
    await sql`select pg_advisory_unlock(${SCHEMA_LOCK})`.execute(lock.db).catch(() => {});
    await lock.close();
  }
}

function postgresCase(url: string): BackendCase {
  return {
    name: 'postgres',
    async open(options) {
      const schema = schemaName();
      const handle = connect(url, { schema, poolSize: 10, onQuery: options?.onQuery });
      await withSchemaLock(url, async () => {
        await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(handle.db);
        if (options?.migrate !== false) await migrateToLatest(handle.db, schema);
      });
      return {
        ...handle,
        async close() {
          await handle.close();
          await withSchemaLock(url, async () => {
            const cleanup = connect(url, { poolSize: 1 });
            await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(cleanup.db);
            await cleanup.close();
          });
        },
      };
    },
  };
}

export const backends: BackendCase[] = [
  sqliteCase,
  pgliteCase,
  ...(process.env.TEST_DATABASE_URL ? [postgresCase(process.env.TEST_DATABASE_URL)] : []),
];

/** The embedded default alone, for tests of things that do not touch the data layer. */
export const sqliteOnly: BackendCase[] = [sqliteCase];
