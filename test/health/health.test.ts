import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';

for (const backend of backends) {
  describe(`health on ${backend.name}`, () => {
    let t: TestApp;
    afterEach(async () => t?.close());

    it('answers liveness, readiness and metrics', async () => {
      t = await buildTestApp(backend);
      const live = await t.app.inject('/healthz');
      expect(live.statusCode).toBe(200);
      expect(live.json()).toEqual({ status: 'ok' });
      const ready = await t.app.inject('/readyz');
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({ status: 'ready' });
      const metrics = await t.app.inject('/metrics');
      expect(metrics.body).toContain('podium_page_cache_entries');
      expect(metrics.body).toContain('podium_jobs_queued 0');
    });

    it('shows a designed 404 page with security headers', async () => {
      t = await buildTestApp(backend);
      const res = await t.app.inject('/bestaat-niet');
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Pagina niet gevonden');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('refuses a cross-site post', async () => {
      t = await buildTestApp(backend);
      const res = await t.app.inject({
        method: 'POST',
        url: '/healthz',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'sec-fetch-site': 'cross-site',
        },
        payload: 'a=1',
      });
      expect(res.statusCode).toBe(403);
    });
  });
}
