// Another process's write reaches this process's caches: over LISTEN/NOTIFY on PostgreSQL
// (also with PAGE_CACHE off, for the shared pieces), and through PRAGMA data_version on a
// shared SQLite file (a CLI command beside a serving process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrator.js';
import { cacheTags } from '../../src/infra/cache/tags.js';
import { runWrite } from '../../src/infra/writes.js';
import { buildServer } from '../../src/server.js';
import { TEST_SECRET, type TestApp, testConfig } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createAuthor } from '../helpers/factories.js';

/** Asks `read` again until `done` holds, for at most ten seconds (a loaded machine is slow). */
async function eventually(read: () => Promise<string>, done: (body: string) => boolean) {
  let body = '';
  for (const started = Date.now(); Date.now() - started < 10_000; ) {
    body = await read();
    if (done(body)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  return body;
}

async function appOn(database: DatabaseHandle, env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(env);
  const app = await buildServer({ config, database, runJobs: false, logger: false });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
    },
  };
}

/** A title change as another process makes it: its own connection, its own change feed. */
async function retitle(other: DatabaseHandle, articleId: number, title: string) {
  await runWrite(other.db, async ({ trx, touch }) => {
    await trx.updateTable('articles').set({ title }).where('id', '=', articleId).execute();
    touch(cacheTags.article(articleId), cacheTags.articles);
  });
}

describe('a SQLite file shared with another process', () => {
  let dir = '';
  const closing: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('drops the cached pages when another connection commits', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'podium-shared-sqlite-'));
    const file = `sqlite:${path.join(dir, 'podium.db')}`;
    const serving = connect(file);
    closing.push(() => serving.close());
    await migrateToLatest(serving.db);
    const author = await createAuthor(serving.db, { name: 'Bram Bakker' });
    const article = await createArticle(serving.db, {
      title: 'Oude titel',
      authorIds: [author.id],
    });
    const t = await appOn(serving, { DATA_DIR: dir });
    closing.push(() => t.close());
    const home = async () => (await t.app.inject('/')).body;
    expect(await home()).toContain('Oude titel');

    const other = connect(file);
    closing.push(() => other.close());
    await retitle(other, article.id, 'Nieuwe titel');
    expect(await eventually(home, (b) => b.includes('Nieuwe titel'))).toContain('Nieuwe titel');
  });

  it('shows an author created by `podium user create` beside the serving process', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'podium-shared-cli-'));
    const serving = connect(`sqlite:${path.join(dir, 'podium.db')}`);
    closing.push(() => serving.close());
    await migrateToLatest(serving.db);
    const t = await appOn(serving, { DATA_DIR: dir });
    closing.push(() => t.close());
    const directory = async () => (await t.app.inject('/auteurs')).body;
    expect(await directory()).not.toContain('Cora Commandoregel');

    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli.ts',
        'user',
        'create',
        '--email',
        'cora@example.nl',
        '--name',
        'Cora Commandoregel',
        '--role',
        'author',
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          DATA_DIR: dir,
          DATABASE_URL: '',
          SECRET: TEST_SECRET,
          LOG_LEVEL: 'silent',
        },
        timeout: 60_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(await eventually(directory, (b) => b.includes('Cora Commandoregel'))).toContain(
      'Cora Commandoregel',
    );
  }, 120_000);
});

const postgres = backends.find((b) => b.name === 'postgres');
describe.runIf(postgres)('several processes on one PostgreSQL database', () => {
  const closing: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closing.splice(0).reverse()) await close();
  });

  for (const pageCache of ['true', 'false']) {
    it(`drop what another process's write touched (PAGE_CACHE=${pageCache})`, async () => {
      const first = await postgres!.open();
      closing.push(() => first.close());
      const url = process.env.TEST_DATABASE_URL as string;
      // The second process: its own pool on the same schema, so its own change feed.
      const second = connect(url, { schema: first.schema, poolSize: 2 });
      closing.push(() => second.close());
      const author = await createAuthor(first.db, { name: 'Bram Bakker' });
      const article = await createArticle(first.db, {
        title: 'Oude titel',
        authorIds: [author.id],
      });
      const t = await appOn(first, { PAGE_CACHE: pageCache });
      closing.push(() => t.close());
      const page = async () => (await t.app.inject(`/artikel/${article.id}/${article.slug}`)).body;
      // The article's frame (title, byline, body) is kept whether or not pages are.
      expect(await page()).toContain('Oude titel');
      expect(await page()).toContain('Oude titel');

      await retitle(second, article.id, 'Nieuwe titel');
      expect(await eventually(page, (b) => b.includes('Nieuwe titel'))).toContain('Nieuwe titel');
    });
  }

  it('listens again after its connection is cut, and keeps nothing that could be stale meanwhile', async () => {
    const first = await postgres!.open();
    closing.push(() => first.close());
    const url = process.env.TEST_DATABASE_URL as string;
    const second = connect(url, { schema: first.schema, poolSize: 2 });
    closing.push(() => second.close());
    const article = await createArticle(first.db, { title: 'Oude titel' });
    const t = await appOn(first);
    closing.push(() => t.close());
    const path = `/artikel/${article.id}/${article.slug}`;
    const page = async () => (await t.app.inject(path)).body;
    expect(await page()).toContain('Oude titel');

    const listeners = sql<{ pid: number }>`
      select pid from pg_stat_activity where query = ${`LISTEN podium_cache_${first.schema}`}`;
    const [bus] = (await listeners.execute(second.db)).rows;
    expect(bus).toBeDefined();
    await sql`select pg_terminate_backend(${bus!.pid})`.execute(second.db);

    // Deaf: a write now goes unheard, so nothing kept may be served.
    await retitle(second, article.id, 'Nieuwe titel');
    expect(await eventually(page, (b) => b.includes('Nieuwe titel'))).toContain('Nieuwe titel');

    // Listening again (a new backend), it hears writes and keeps pages again.
    let again: { pid: number } | undefined;
    for (const started = Date.now(); !again && Date.now() - started < 10_000; ) {
      again = (await listeners.execute(second.db)).rows.find((r) => r.pid !== bus!.pid);
      if (!again) await new Promise((r) => setTimeout(r, 100));
    }
    expect(again).toBeDefined();
    const stored = await t.app.inject(path);
    expect((await t.app.inject(path)).headers.etag).toBe(stored.headers.etag);
    await retitle(second, article.id, 'Derde titel');
    expect(await eventually(page, (b) => b.includes('Derde titel'))).toContain('Derde titel');
  });
});
