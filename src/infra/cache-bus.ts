// Page-cache invalidation between processes over PostgreSQL LISTEN/NOTIFY. On SQLite
// there is one process, so nothing needs to travel.
import type { FastifyInstance } from 'fastify';

const CHANNEL = 'podium_cache';

export async function startCacheBus(app: FastifyInstance): Promise<void> {
  const pool = app.database.pool;
  if (!pool || !app.pageCache.enabled) return;
  const origin = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const client = await pool.connect();
  let closed = false;
  client.on('notification', (msg) => {
    if (msg.channel !== CHANNEL || !msg.payload) return;
    try {
      const { from, tags } = JSON.parse(msg.payload) as { from: string; tags: string[] };
      if (from !== origin) app.pageCache.invalidateLocal(tags);
    } catch (error) {
      app.log.warn({ err: error }, 'ignored a malformed cache notification');
    }
  });
  client.on('error', (error) => {
    // Without the bus this process could serve stale pages: stop caching rather than do so.
    if (!closed) app.log.error({ err: error }, 'cache bus lost; clearing the page cache');
    app.pageCache.clear();
  });
  await client.query(`LISTEN ${CHANNEL}`);
  app.pageCache.onLocalInvalidate((tags) => {
    // NOTIFY payloads are limited to 8000 bytes; a huge tag list becomes "everything".
    const payload = JSON.stringify({ from: origin, tags: tags.length > 200 ? ['*'] : tags });
    pool.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((error: unknown) => {
      app.log.error({ err: error }, 'cache notification failed');
    });
  });
  app.addHook('onClose', async () => {
    closed = true;
    client.release();
  });
}
