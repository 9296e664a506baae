// Liveness, readiness (the database answers) and Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';

export async function healthRoutes(app: FastifyInstance) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'podium_' });
  const cache = app.pageCache;
  new Gauge({
    name: 'podium_page_cache_entries',
    help: 'Pages held in the anonymous page cache',
    registers: [registry],
    collect() {
      this.set(cache.stats.entries);
    },
  });
  new Gauge({
    name: 'podium_page_cache_hits',
    help: 'Page cache hits since start',
    registers: [registry],
    collect() {
      this.set(cache.stats.hits);
    },
  });
  new Gauge({
    name: 'podium_page_cache_misses',
    help: 'Page cache misses since start',
    registers: [registry],
    collect() {
      this.set(cache.stats.misses);
    },
  });
  new Gauge({
    name: 'podium_jobs_queued',
    help: 'Jobs waiting in the durable queue',
    registers: [registry],
    async collect() {
      const row = await app.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'queued')
        .executeTakeFirst();
      this.set(Number(row?.n ?? 0));
    },
  });

  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });

  app.get('/readyz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`select 1`.execute(app.db);
      return { status: 'ready', database: app.database.backend };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: app.database.backend });
    }
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });
}
