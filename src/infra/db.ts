// The database plugin: opens the connection the config names, migrates, and closes on exit.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely, Transaction } from 'kysely';
import { connect, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrator.js';
import type { Database } from '../db/schema.js';

/** What repositories take: the database or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    database: DatabaseHandle;
  }
}

export interface DbPluginOptions {
  /** An already open handle (tests); when absent the config's URL is opened. */
  handle?: DatabaseHandle;
  migrate?: boolean;
}

export const dbPlugin = fp<DbPluginOptions>(async function database(app: FastifyInstance, opts) {
  const handle = opts.handle ?? connect(app.config.databaseUrl);
  if (opts.migrate !== false) await migrateToLatest(handle.db, handle.schema);
  app.decorate('database', handle);
  app.decorate('db', handle.db);
  if (!opts.handle) app.addHook('onClose', async () => handle.close());
});
