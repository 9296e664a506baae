// Changes travel between processes that share one database, so that every process drops
// what another one's write made stale (pages, and the shared pieces kept even when
// PAGE_CACHE is off).
//
// PostgreSQL: every handle announces its committed writes with NOTIFY on a channel of its
// own schema (two sites on one server never hear each other), whatever kind of process it
// is: a server, or a CLI command such as an import. A serving process LISTENs and drops
// the tags it hears from anyone but itself.
//
// SQLite: a server is usually alone, but a CLI command (import, user create, restore) or a
// second server may write to the same file. SQLite's `PRAGMA data_version` changes when
// another connection has committed; a server polls it, and on a change drops everything,
// since it cannot know what was written.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../db/schema.js';
import { changesOf } from '../writes.js';

const CHANNEL = 'podium_cache';
/** How often a server on SQLite looks for other processes' commits. */
export const SQLITE_CHANGE_POLL_MS = 500;

const origins = new WeakMap<Kysely<Database>, string>();

function logNotifyFailure(error: unknown): void {
  // A write that commits while its handle is closing has no one left to tell.
  if (error instanceof Error && /pool after calling end|ended/i.test(error.message)) return;
  console.error('podium: could not announce a change to other processes', error);
}

function channelOf(schema: string | undefined): string {
  return schema ? `${CHANNEL}_${schema}` : CHANNEL;
}

/** Sends every committed write of this handle to the other processes (PostgreSQL). */
export function announceChanges(
  db: Kysely<Database>,
  pool: pg.Pool,
  schema: string | undefined,
  log: (error: unknown) => void = logNotifyFailure,
): void {
  const origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  origins.set(db, origin);
  const channel = channelOf(schema);
  changesOf(db).subscribe((tags) => {
    // NOTIFY payloads are limited to 8000 bytes; a huge tag list becomes "everything".
    const payload = JSON.stringify({ from: origin, tags: tags.length > 200 ? ['*'] : tags });
    pool.query('SELECT pg_notify($1, $2)', [channel, payload]).catch(log);
  });
}

/** How long the bus waits before listening again after losing its connection, at most. */
const RECONNECT_MAX_MS = 5_000;

/**
 * Makes this server hear the other processes' writes and drop what they touched. When the
 * listening connection is lost (a restart of PostgreSQL, a cut connection), the process
 * keeps nothing until it listens again, since writes made meanwhile go unheard; it then
 * drops whatever it made while deaf and keeps pages again.
 */
export async function startCacheBus(app: FastifyInstance): Promise<void> {
  const { pool, sqlite, schema } = app.database;
  if (sqlite) return watchSqlite(app);
  if (!pool) return;
  const origin = origins.get(app.db);
  const channel = channelOf(schema);
  let client: pg.PoolClient | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== channel || !msg.payload) return;
    try {
      const { from, tags } = JSON.parse(msg.payload) as { from: string; tags: string[] };
      if (from !== origin) app.pageCache.drop(tags);
    } catch (error) {
      app.log.warn({ err: error }, 'ignored a malformed cache notification');
    }
  };

  const lost = (lostClient: pg.PoolClient, error: unknown) => {
    if (closed || client !== lostClient) return;
    client = undefined;
    app.log.error({ err: error }, 'cache bus lost; keeping no pages until it listens again');
    app.pageCache.hold();
    lostClient.release(error instanceof Error ? error : true);
    reconnectSoon();
  };

  const reconnectSoon = () => {
    if (closed || retry) return;
    const wait = Math.min(100 * 2 ** failures, RECONNECT_MAX_MS);
    retry = setTimeout(() => {
      retry = undefined;
      listen().catch((error: unknown) => {
        failures++;
        app.log.warn({ err: error }, 'cache bus: listening again failed; retrying');
        reconnectSoon();
      });
    }, wait);
    retry.unref();
  };

  async function listen(): Promise<void> {
    const next = await pool!.connect();
    next.on('notification', onNotification);
    next.on('error', (error) => lost(next, error));
    try {
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      next.release(true);
      throw error;
    }
    if (closed) {
      next.release();
      return;
    }
    client = next;
    failures = 0;
    app.pageCache.release();
  }

  await listen();
  app.addHook('onClose', async () => {
    closed = true;
    if (retry) clearTimeout(retry);
    client?.release();
    client = undefined;
  });
}

function watchSqlite(app: FastifyInstance): void {
  const sqlite = app.database.sqlite;
  if (!sqlite || sqlite.memory) return;
  const version = () => sqlite.pragma('data_version', { simple: true }) as number;
  let seen = version();
  const timer = setInterval(() => {
    if (!sqlite.open) return;
    const now = version();
    if (now === seen) return;
    seen = now;
    app.pageCache.clear();
  }, SQLITE_CHANGE_POLL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
