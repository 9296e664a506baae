// Builds the whole app for Fastify's inject, on a given backend, with a test config.
// Close it after each test (fastify/demo's test/helper.ts does the same).
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../src/config.js';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { buildServer } from '../../src/server.js';
import type { BackendCase } from './backends.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig(
    {
      SITE_URL: 'http://podium.test',
      SECRET: TEST_SECRET,
      DATA_DIR: '/tmp/podium-test-data',
      DEMO: 'false',
      LOG_LEVEL: 'silent',
      ...overrides,
    },
    { readDotEnv: false },
  );
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

export async function buildTestApp(
  backend: BackendCase,
  env: Record<string, string> = {},
  open: Parameters<BackendCase['open']>[0] = {},
): Promise<TestApp> {
  const config = testConfig(env);
  const database = await backend.open(open);
  // The backend opened the database migrated (under its own lock on PostgreSQL).
  const app = await buildServer({
    config,
    database,
    runJobs: false,
    logger: false,
    migrate: false,
  });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Headers of a same-origin form post, as a browser sends them. */
export const formHeaders = {
  'content-type': 'application/x-www-form-urlencoded',
  origin: 'http://podium.test',
  'sec-fetch-site': 'same-origin',
};

/** Encodes a form body. */
export function form(fields: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.append(k, String(v));
  return params.toString();
}

/** Turns Set-Cookie headers of a response into a Cookie header for the next request. */
export function cookiesFrom(
  response: { cookies: { name: string; value: string }[] },
  previous = '',
): string {
  const jar = new Map<string, string>();
  for (const part of previous.split('; ').filter(Boolean)) {
    const i = part.indexOf('=');
    jar.set(part.slice(0, i), part.slice(i + 1));
  }
  for (const c of response.cookies) {
    // inject() hands cookie values decoded; a browser sends them as they were set.
    if (c.value === '') jar.delete(c.name);
    else jar.set(c.name, encodeURIComponent(c.value));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
