// Every data-layer test runs on each backend, as Kysely's own suite loops over dialects:
// SQLite (in memory), PGlite (in-process PostgreSQL) and, when TEST_DATABASE_URL is set,
// a real PostgreSQL server. Each test gets an empty, migrated database of its own.
//
// Migrating takes far longer than the average test, so each worker migrates once per
// backend and then hands out copies, as Kysely's own suite migrates once and clears tables:
// - SQLite: one migrated in-memory database, serialized; every test opens a copy of it.
// - PGlite and PostgreSQL: migrated schemas that the worker keeps; a test takes one that no
//   open handle uses (made and migrated when there is none), and it is emptied first: rows
//   deleted, children before parents, and the id sequences set back to their start.
// A test that asks for an unmigrated database (`migrate: false`, for migration tests) gets
// a new empty in-memory SQLite or a new empty schema, dropped when it is closed.
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type Backend, connect, createPglite, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import type { Database } from '../../src/db/schema.js';
import { SCHEMA_LOCK, testSchemaPrefix } from './test-run.js';

export interface BackendCase {
  name: Backend;
  /** Opens an empty database, migrated unless `migrate: false`; close it after the test. */
  open(options?: { migrate?: boolean; onQuery?: (sql: string) => void }): Promise<DatabaseHandle>;
}

// The test run names its schemas, so that its global teardown (test/helpers/test-run.ts)
// drops what its workers leave on the PostgreSQL server.
const schemaPrefix = testSchemaPrefix(inject('testRun') ?? Date.now().toString(36));

function schemaName(): string {
  return `${schemaPrefix}${randomBytes(4).toString('hex')}`;
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

let sqliteImage: Promise<Buffer> | undefined;
/** One migrated in-memory SQLite database of this worker, serialized. */
function migratedSqlite(): Promise<Buffer> {
  sqliteImage ??= (async () => {
    const handle = connect('sqlite::memory:');
    try {
      await migrateToLatest(handle.db);
      return (handle.sqlite as NonNullable<DatabaseHandle['sqlite']>).serialize();
    } finally {
      await handle.close();
    }
  })();
  return sqliteImage;
}

const sqliteCase: BackendCase = {
  name: 'sqlite',
  async open(options) {
    if (options?.migrate === false) return connect('sqlite::memory:', { onQuery: options.onQuery });
    return connect('sqlite::memory:', {
      sqliteImage: await migratedSqlite(),
      onQuery: options?.onQuery,
    });
  },
};

/** A migrated schema this worker keeps, with the SQL that empties it. */
interface MigratedSchema {
  name: string;
  reset: string;
}

const quoteId = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The statements that bring a freshly migrated schema back after a test: delete every row
 * (tables that others refer to after those referring to them, so ON DELETE RESTRICT holds)
 * and restart every sequence. Kysely's own tables keep their rows: the schema stays
 * migrated. Deleting beats TRUNCATE by far on tables that hold a few rows.
 */
async function resetStatements(db: Kysely<Database>, schema: string): Promise<string> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind = 'r' and c.relname not like 'kysely\\_%'
  `.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    select child.relname as child, parent.relname as parent
    from pg_constraint k
    join pg_class child on child.oid = k.conrelid
    join pg_class parent on parent.oid = k.confrelid
    join pg_namespace n on n.oid = child.relnamespace
    where k.contype = 'f' and n.nspname = ${schema}
  `.execute(db);
  const sequences = await sql<{ name: string; start: string | number }>`
    select c.relname as name, s.seqstart as start
    from pg_sequence s join pg_class c on c.oid = s.seqrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema}
  `.execute(db);
  const qualified = (name: string) => `${quoteId(schema)}.${quoteId(name)}`;

  const names = tables.rows.map((t) => t.name);
  const withRows = await sql<{ name: string }>`${sql.join(
    names.map(
      (name) =>
        sql`select ${sql.lit(name)} as name where exists (select 1 from ${sql.raw(qualified(name))})`,
    ),
    sql` union all `,
  )}`.execute(db);
  if (withRows.rows.length > 0) {
    // Emptying the schema would then lose what the migrations put there.
    const which = withRows.rows.map((r) => r.name).join(', ');
    throw new Error(`The migrations leave rows in ${which}; tests cannot empty tables any more`);
  }

  const order: string[] = [];
  const left = new Set(names);
  while (left.size > 0) {
    const unreferenced = [...left].filter(
      (table) =>
        !references.rows.some((r) => r.parent === table && r.child !== table && left.has(r.child)),
    );
    if (unreferenced.length === 0) {
      // Tables that refer to each other in a circle: TRUNCATE clears them all at once.
      const all = names.map(qualified).join(', ');
      return `TRUNCATE ${all} RESTART IDENTITY CASCADE`;
    }
    for (const table of unreferenced) {
      order.push(table);
      left.delete(table);
    }
  }
  return [
    'BEGIN',
    ...order.map((table) => `DELETE FROM ${qualified(table)}`),
    ...sequences.rows.map(
      (s) =>
        `SELECT setval(${quoteLiteral(qualified(s.name))}, ${Number(s.start)}, false) FROM ${qualified(s.name)} WHERE is_called`,
    ),
    'COMMIT',
  ].join(';\n');
}

/** The migrated schemas of one backend in this worker that no open handle uses. */
function schemaPool(create: () => Promise<MigratedSchema>) {
  const idle: MigratedSchema[] = [];
  return {
    take: async (): Promise<MigratedSchema> => idle.pop() ?? (await create()),
    giveBack: (schema: MigratedSchema) => {
      idle.push(schema);
    },
  };
}

/** Calls `work` once, however often the returned function is called. */
function once(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= work();
    return done;
  };
}

const pgliteSchemas = schemaPool(async () => {
  const instance = await pglite();
  const name = schemaName();
  await instance.exec(`CREATE SCHEMA ${quoteId(name)}; SET search_path TO ${quoteId(name)};`);
  const handle = connect('pglite:', { pglite: instance, schema: name });
  await migrateToLatest(handle.db, name);
  return { name, reset: await resetStatements(handle.db, name) };
});

const pgliteCase: BackendCase = {
  name: 'pglite',
  async open(options) {
    const instance = await pglite();
    const onQuery = options?.onQuery;
    if (options?.migrate === false) {
      const schema = schemaName();
      await instance.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
      const handle = connect('pglite:', { pglite: instance, schema, onQuery });
      return {
        ...handle,
        close: once(async () => {
          await instance.exec(
            `SET search_path TO public; DROP SCHEMA IF EXISTS ${schema} CASCADE;`,
          );
        }),
      };
    }
    const schema = await pgliteSchemas.take();
    try {
      await instance.exec(`SET search_path TO ${quoteId(schema.name)};\n${schema.reset}`);
    } catch (error) {
      // The one session of the instance serves the tests that follow: leave no failed
      // transaction open in it.
      await instance.exec('ROLLBACK').catch(() => {});
      throw error;
    }
    const handle = connect('pglite:', { pglite: instance, schema: schema.name, onQuery });
    return {
      ...handle,
      close: once(async () => {
        await handle.close();
        pgliteSchemas.giveBack(schema);
      }),
    };
  },
};

// Kysely's migrator looks at the tables of every schema; if another worker drops its
// schema in the middle of that look, PostgreSQL answers "schema … does not exist". So
// migrating and dropping test schemas take turns under one advisory lock (SCHEMA_LOCK).

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
  // Empties schemas outside the test's own handle, so that its onQuery sees the test alone
  // and no change announcement of the emptying reaches the test's app.
  let maintenance: pg.Pool | undefined;
  const schemas = schemaPool(async () => {
    const name = schemaName();
    const handle = connect(url, { schema: name, poolSize: 1 });
    try {
      await withSchemaLock(url, async () => {
        await sql`CREATE SCHEMA ${sql.id(name)}`.execute(handle.db);
        await migrateToLatest(handle.db, name);
      });
      return { name, reset: await resetStatements(handle.db, name) };
    } finally {
      await handle.close();
    }
  });
  return {
    name: 'postgres',
    async open(options) {
      const onQuery = options?.onQuery;
      if (options?.migrate === false) {
        const schema = schemaName();
        const handle = connect(url, { schema, poolSize: 10, onQuery });
        await withSchemaLock(url, () => sql`CREATE SCHEMA ${sql.id(schema)}`.execute(handle.db));
        return {
          ...handle,
          close: once(async () => {
            await handle.close();
            await withSchemaLock(url, async () => {
              const cleanup = connect(url, { poolSize: 1 });
              await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(cleanup.db);
              await cleanup.close();
            });
          }),
        };
      }
      const schema = await schemas.take();
      maintenance ??= new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
      // A failed reset ends its connection (pg's pool drops a client released with an error).
      await maintenance.query(schema.reset);
      const handle = connect(url, { schema: schema.name, poolSize: 10, onQuery });
      return {
        ...handle,
        close: once(async () => {
          await handle.close();
          schemas.giveBack(schema);
        }),
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
