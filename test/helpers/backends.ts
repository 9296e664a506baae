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
  open(options?: { migrate?: boolean }): Promise<DatabaseHandle>;
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
    const handle = connect('sqlite::memory:');
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
    const handle = connect('pglite:', { pglite: instance, schema });
    if (options?.migrate !== false) await migrateToLatest(handle.db, schema);
    return {
      ...handle,
      async close() {
        await instance.exec(`SET search_path TO public; DROP SCHEMA IF EXISTS ${schema} CASCADE;`);
      },
    };
  },
};

function postgresCase(url: string): BackendCase {
  return {
    name: 'postgres',
    async open(options) {
      const schema = schemaName();
      const admin = connect(url, { poolSize: 1 });
      await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(admin.db);
      await admin.close();
      const handle = connect(url, { schema, poolSize: 10 });
      if (options?.migrate !== false) await migrateToLatest(handle.db, schema);
      return {
        ...handle,
        async close() {
          await handle.close();
          const cleanup = connect(url, { poolSize: 1 });
          await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(cleanup.db);
          await cleanup.close();
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
