// The cost of an article view when nothing is kept: the page cache off and every shared
// piece (the article's frame, the sidebar, settings) dropped before each view, so that the
// route reads and renders everything. Measured in-process (Fastify's inject) as CPU time
// per view, next to a view of the same page with the pieces kept, so that inject's own
// cost shows up on both sides.
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/server.js';

export interface ColdRender {
  /** CPU µs per view with every kept piece dropped first. */
  fromScratchUs: number;
  /** CPU µs per view with the shared pieces kept (the page cache still off). */
  piecesKeptUs: number;
}

async function cpuPerView(views: number, view: () => Promise<void>): Promise<number> {
  for (let i = 0; i < Math.min(100, views); i++) await view();
  const start = process.cpuUsage();
  for (let i = 0; i < views; i++) await view();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / views;
}

export async function measureColdRender(
  dataDir: string,
  path: string,
  views = 500,
): Promise<ColdRender> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    SECRET: 'bench-secret-bench-secret-bench-secret-00',
    PAGE_CACHE: 'false',
    DEMO: 'false',
    LOG_LEVEL: 'warn',
  });
  const app = await buildServer({ config, logger: false, runJobs: false, migrate: false });
  await app.ready();
  try {
    const view = async () => {
      const res = await app.inject(path);
      if (res.statusCode !== 200) throw new Error(`${path} answered ${res.statusCode}`);
    };
    const piecesKeptUs = await cpuPerView(views, view);
    const fromScratchUs = await cpuPerView(views, async () => {
      app.pageCache.clear();
      await view();
    });
    return { fromScratchUs, piecesKeptUs };
  } finally {
    await app.close();
  }
}
