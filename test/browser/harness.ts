// Browser tests: a real Podium server on a random loopback port with a fresh SQLite
// database, and Debian's Chromium driven by playwright-core. No browser is downloaded.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { onNewDatabase } from '../../src/cli/first-run.js';
import { loadConfig } from '../../src/config.js';
import { connect, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { buildServer } from '../../src/server.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
}

export interface RunningSite {
  url: string;
  server: FastifyInstance;
  database: DatabaseHandle;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts a real server; `env` overrides config (DEMO defaults to 'true' here). */
export async function startSite(env: Record<string, string> = {}): Promise<RunningSite> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'podium-browser-'));
  const config0 = loadConfig(
    {
      DATA_DIR: dataDir,
      SECRET: 'browser-test-secret-browser-test-secret',
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    { readDotEnv: false },
  );
  const database = connect(config0.databaseUrl);
  const applied = await migrateToLatest(database.db);
  // The site URL must be the real port for links in mails and canonical URLs; listen first.
  const probe = await buildServer({ config: config0, database, logger: false });
  await probe.listen({ host: '127.0.0.1', port: 0 });
  const address = probe.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await probe.close();
  const config = { ...config0, port, siteUrl: env.SITE_URL ?? `http://127.0.0.1:${port}` };
  const server = await buildServer({ config, database, logger: false });
  await onNewDatabase({ server, config, isNew: applied.length > 0 });
  await server.listen({ host: '127.0.0.1', port });
  return {
    url: config.siteUrl,
    server,
    database,
    dataDir,
    async close() {
      await server.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs axe-core in the page and returns its violations (empty means accessible). */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; help: string; nodes: number }[]> {
  // Evaluated through the DevTools protocol, so the page's strict CSP need not be loosened.
  await page.evaluate(readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page at run time
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: { id: string; help: string; nodes: unknown[] }) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.length,
    }));
  });
  return result as { id: string; help: string; nodes: number }[];
}

/** Keeps a screenshot as a test artifact under test-artifacts/. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.resolve('test-artifacts');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  writeFileSync(file, await page.screenshot({ fullPage: true }));
  return file;
}
