// Opens the one query layer, Kysely, on whichever backend the URL names:
// sqlite:PATH (embedded default, WAL), postgres://… (pg pool), pglite:[DIR] (in-process PostgreSQL, tests).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import SQLite from 'better-sqlite3';
import {
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type KyselyConfig,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteDialect,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { announceChanges } from '../infra/cache/bus.js';
import type { Database } from './schema.js';

export type Backend = 'sqlite' | 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Kysely<Database>;
  backend: Backend;
  /** The PostgreSQL schema this handle works in, when not the default. */
  schema?: string;
  /** The raw pg pool, for LISTEN/NOTIFY and pg_dump hints; undefined elsewhere. */
  pool?: pg.Pool;
  /** The raw SQLite handle, for its online backup API. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export function backendOf(url: string): Backend {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  if (url.startsWith('pglite:')) return 'pglite';
  return 'sqlite';
}

export interface ConnectOptions {
  /** PostgreSQL schema to use as search_path (tests isolate each case in its own schema). */
  schema?: string;
  /** Reuse an existing PGlite instance (tests share one per worker). */
  pglite?: PGlite;
  poolSize?: number;
  /** Called with the SQL of every query run (tests count what a request costs). */
  onQuery?: (sql: string) => void;
  /** SQLite: open this serialized database in memory instead of the URL's file (tests copy
   * one migrated database for each case). */
  sqliteImage?: Buffer;
}

function queryLog(options: ConnectOptions): Pick<KyselyConfig, 'log'> {
  const { onQuery } = options;
  if (!onQuery) return {};
  return {
    log: (event) => {
      if (event.level === 'query') onQuery(event.query.sql);
    },
  };
}

// PGlite is loaded only when asked for: merely importing it costs about 50 MB of memory,
// which a server on SQLite or PostgreSQL should not pay. pg likewise stays out of SQLite.
const requireModule = createRequire(import.meta.url);

/** The pg driver, loaded only for a PostgreSQL URL: a server on SQLite does not need it. */
function loadPg(): typeof pg {
  const driver = requireModule('pg') as typeof pg;
  // PostgreSQL returns bigint (count(*)) and numeric as strings; our numbers stay far below 2^53.
  driver.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
  driver.types.setTypeParser(1700, (v) => Number.parseFloat(v));
  return driver;
}

/** A PGlite instance whose numbers come back as numbers, as from pg (loadPg). */
export function createPglite(dir?: string): PGlite {
  const { PGlite } = requireModule('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  const toInt = (v: string) => Number.parseInt(v, 10);
  return new PGlite(dir, { parsers: { 20: toInt, 1700: (v: string) => Number.parseFloat(v) } });
}

/**
 * Kysely on a PGlite instance. PGlite and its dialect are test tools (devDependencies), so
 * the dialect package is imported when the database is first used, not with this module:
 * Kysely builds a dialect synchronously but starts its driver with an async init(). The
 * adapter, compiler and introspector are PostgreSQL's own, as PGliteDialect's are.
 */
function pgliteDialect(instance: PGlite): Dialect {
  let driver: Driver | undefined;
  const loaded = (): Driver => {
    if (!driver) throw new Error('The PGlite driver is used before init()');
    return driver;
  };
  const lazyDriver: Driver = {
    async init() {
      const { PGliteDialect } = await import('kysely-pglite-dialect');
      driver = new PGliteDialect(instance).createDriver();
      await driver.init();
    },
    acquireConnection: () => loaded().acquireConnection(),
    beginTransaction: (connection: DatabaseConnection, settings: TransactionSettings) =>
      loaded().beginTransaction(connection, settings),
    commitTransaction: (connection: DatabaseConnection) => loaded().commitTransaction(connection),
    rollbackTransaction: (connection: DatabaseConnection) =>
      loaded().rollbackTransaction(connection),
    releaseConnection: (connection: DatabaseConnection) => loaded().releaseConnection(connection),
    // PGliteDialect's driver closes the instance (Kysely destroys only a started driver).
    destroy: async () => driver?.destroy(),
  };
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => lazyDriver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
}

export function openSqlite(file: string | Buffer): SQLite.Database {
  if (typeof file === 'string' && file !== ':memory:')
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * better-sqlite3 compiles every statement it is asked to prepare; Kysely asks anew for each
 * query. Our queries come from a small set of shapes with bound parameters, so reusing
 * compiled statements by SQL text saves most of that work on every request.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    prepare(sqlText: string): SQLite.Statement {
      let statement = statements.get(sqlText);
      if (!statement) {
        statement = sqlite.prepare(sqlText);
        // Schema changes (migrations) make old statements invalid: never keep DDL.
        if (statement.reader || /^\s*(insert|update|delete|with|select)/i.test(sqlText)) {
          if (statements.size >= max) statements.delete(statements.keys().next().value as string);
          statements.set(sqlText, statement);
        }
      }
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

export function connect(url: string, options: ConnectOptions = {}): DatabaseHandle {
  const backend = backendOf(url);
  if (backend === 'sqlite') {
    const sqlite = openSqlite(options.sqliteImage ?? url.replace(/^sqlite:/, ''));
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      ...queryLog(options),
    });
    return { db, backend, sqlite, close: () => db.destroy() };
  }
  if (backend === 'pglite') {
    const dir = url.replace(/^pglite:/, '');
    const instance = options.pglite ?? createPglite(dir || undefined);
    const db = new Kysely<Database>({ dialect: pgliteDialect(instance), ...queryLog(options) });
    return {
      db,
      backend,
      schema: options.schema,
      async close() {
        // A shared instance belongs to whoever created it.
        if (options.pglite) return;
        await db.destroy();
        // Never queried, the driver never started, so nothing closed the instance yet.
        if (!instance.closed) await instance.close();
      },
    };
  }
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...queryLog(options),
  });
  // An idle connection that the server ends (a restart, pg_terminate_backend, a reset) is an
  // error event on the pool; unhandled, it would end the process. The pool replaces it.
  pool.on('error', (error) => {
    console.error(
      'podium: a database connection was lost; the pool opens a new one',
      error.message,
    );
  });
  // Every process on this database, server or command, tells the others what it wrote.
  announceChanges(db, pool, options.schema);
  return { db, backend, pool, schema: options.schema, close: () => db.destroy() };
}
