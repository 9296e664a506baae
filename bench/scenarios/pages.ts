// The home page and the demo article, served from the page cache, with the cache off,
// and as the same bytes from a plain Node http server (the ceiling).

import { mkdirSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import path from 'node:path';
import { connect } from '../../src/db/connect.js';
import { createArticle, createAuthor, createTopic } from '../../test/helpers/factories.js';
import { startCeiling } from '../lib/ceiling.js';
import { measureColdRender } from '../lib/cold-render.js';
import { loadGeneratorName, runLoad } from '../lib/load.js';
import { type ChildServer, startPodium } from '../lib/podium-server.js';
import type { Figure, ThroughputRow } from '../lib/report.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';

const IDLE_MEMORY_TARGET_MB = 120;
const UNCACHED_TARGET_RPS = 1_500;
const CACHED_RATIO_TARGET = 0.5;

/** The demo's article with "Waardering 6,9" if the home page links it, else the first one. */
async function findArticlePath(server: ChildServer): Promise<string | undefined> {
  const home = await (await fetch(`${server.url}/`)).text();
  const paths = [
    ...new Set([...home.matchAll(/href="(\/artikel\/\d+\/[a-z0-9-]+)"/g)].map((m) => m[1])),
  ]
    .filter((p): p is string => typeof p === 'string')
    .slice(0, 30);
  for (const p of paths) {
    const page = await (await fetch(server.url + p)).text();
    if (page.includes('Waardering 6,9')) return p;
  }
  return paths[0];
}

/** Without demo content, one article of realistic size stands in for it. */
async function seedStandInArticle(dataDir: string): Promise<void> {
  const handle = connect(`sqlite:${path.join(dataDir, 'podium.db')}`);
  try {
    const author = await createAuthor(handle.db, {
      name: 'Marieke van Dalen',
      company: 'Verkoopkracht',
      bio: 'Trainer en coach voor salesteams in het MKB.',
    });
    const topic = await createTopic(handle.db, { name: 'Sales management' });
    const paragraph =
      'Een goede salesmanager stuurt niet alleen op cijfers, maar op gedrag dat tot die cijfers leidt. ' +
      'Wie wekelijks met elke verkoper de pijplijn doorloopt, ziet vroeg waar kansen stranden. ';
    const body = [
      '## Waarom coaching werkt',
      paragraph.repeat(4),
      '- Plan vaste momenten\n- Bespreek één gesprek per week\n- Vier kleine successen',
      '## Wat u morgen kunt doen',
      paragraph.repeat(6),
    ].join('\n\n');
    await createArticle(handle.db, {
      title: 'Salesmanagers coachen te weinig',
      lead: 'Waarom de beste verkopers zelden de beste managers worden, en wat daaraan te doen is.',
      body,
      authorIds: [author.id],
      topicIds: [topic.id],
    });
  } finally {
    await handle.close();
  }
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  cpuUs: number;
  /** Requests per second of every round, in the order run. */
  rounds: number[];
}

/** What readers' browsers send: the compressed figures are measured with it. */
const COMPRESSED = { 'accept-encoding': 'gzip, deflate, br' };

/** The page's bytes as sent for these request headers (compressed ones stay compressed). */
function rawBody(url: string, headers: Record<string, string>) {
  return new Promise<{ body: Buffer; encoding: string }>((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] ?? '' }),
      );
    }).on('error', reject);
  });
}

async function measure(
  ctx: BenchContext,
  server: ChildServer,
  pagePath: string,
  headers: Record<string, string> = {},
): Promise<Measured> {
  const url = server.url + pagePath;
  // An unrecorded run at the same load first: a server's steady state is what counts, and
  // V8 keeps optimising the render path for several seconds under load.
  await runLoad({
    url,
    connections: ctx.connections,
    duration: Math.min(5, ctx.duration),
    headers,
  });
  const runs: Omit<Measured, 'rounds'>[] = [];
  for (let round = 0; round < ctx.rounds; round++) {
    const cpuBefore = server.cpuMs();
    const r = await runLoad({ url, connections: ctx.connections, duration: ctx.duration, headers });
    const cpuUs = r.total > 0 ? ((server.cpuMs() - cpuBefore) * 1000) / r.total : 0;
    runs.push({
      rps: r.requestsPerSec,
      p50: r.p50,
      p99: r.p99,
      failures: r.errors + r.non2xx,
      cpuUs,
    });
  }
  const median = [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
  return {
    ...median,
    failures: runs.reduce((n, r) => n + r.failures, 0),
    rounds: runs.map((r) => r.rps),
  };
}

export const pagesScenario: Scenario = {
  name: 'pages',
  async run(ctx) {
    const dataDir = path.join(ctx.workDir, 'pages');
    mkdirSync(dataDir, { recursive: true });
    const notes: string[] = [];

    ctx.log('starting Podium (page cache on) with demo content');
    let cached = await startPodium({ dataDir });
    let articlePath = await findArticlePath(cached);
    if (!articlePath) {
      notes.push('No demo article found: the bench seeded one article of its own.');
      await cached.stop();
      await seedStandInArticle(dataDir);
      cached = await startPodium({ dataDir });
      articlePath = await findArticlePath(cached);
      if (!articlePath) throw new Error('no article page to measure');
    }
    const idleRss = cached.rssMb();

    const pages = [
      { label: 'GET /', path: '/' },
      { label: `GET ${articlePath}`, path: articlePath },
    ];
    const bodies = new Map<string, { body: Buffer; type: string }>();
    for (const page of pages) {
      const res = await fetch(cached.url + page.path);
      if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
      bodies.set(page.path, {
        body: Buffer.from(await res.arrayBuffer()),
        type: res.headers.get('content-type') ?? 'text/html; charset=utf-8',
      });
    }

    const compressedBodies = new Map<string, { body: Buffer; encoding: string }>();
    for (const page of pages) {
      compressedBodies.set(page.path, await rawBody(cached.url + page.path, COMPRESSED));
    }

    const results = new Map<string, Measured>();
    for (const page of pages) {
      ctx.log(`cached ${page.path}`);
      results.set(`cached ${page.path}`, await measure(ctx, cached, page.path));
      ctx.log(`cached ${page.path}, compressed`);
      results.set(`cachedz ${page.path}`, await measure(ctx, cached, page.path, COMPRESSED));
    }
    const loadedRss = cached.rssMb();
    await cached.stop();

    ctx.log('starting Podium with PAGE_CACHE=false');
    const uncached = await startPodium({ dataDir, env: { PAGE_CACHE: 'false' } });
    for (const page of pages) {
      ctx.log(`uncached ${page.path}`);
      results.set(`uncached ${page.path}`, await measure(ctx, uncached, page.path));
    }
    await uncached.stop();

    ctx.log('article rendered from scratch, in-process');
    const cold = await measureColdRender(dataDir, articlePath);

    for (const page of pages) {
      const { body, type } = bodies.get(page.path) ?? { body: Buffer.alloc(0), type: '' };
      ctx.log(`plain Node ceiling for ${page.path}`);
      const ceiling = await startCeiling(body, type, ctx.workDir);
      results.set(`ceiling ${page.path}`, await measure(ctx, ceiling, page.path));
      await ceiling.stop();
      const compressed = compressedBodies.get(page.path);
      if (compressed?.encoding) {
        ctx.log(`plain Node ceiling for ${page.path}, the same ${compressed.encoding} bytes`);
        const zipped = await startCeiling(compressed.body, type, ctx.workDir, compressed.encoding);
        results.set(`ceilingz ${page.path}`, await measure(ctx, zipped, page.path, COMPRESSED));
        await zipped.stop();
      }
    }

    const rows: ThroughputRow[] = [];
    for (const page of pages) {
      const compressed = compressedBodies.get(page.path);
      for (const [kind, label] of [
        ['cached', 'page cache'],
        ['uncached', 'PAGE_CACHE=false'],
        ['ceiling', 'plain Node ceiling'],
        ['cachedz', `page cache, ${compressed?.encoding || 'not'} compressed`],
        ['ceilingz', `plain Node ceiling, the same ${compressed?.encoding} bytes`],
      ] as const) {
        const r = results.get(`${kind} ${page.path}`);
        if (!r) continue;
        const zipped = kind.endsWith('z');
        const top = results.get(`${zipped ? 'ceilingz' : 'ceiling'} ${page.path}`);
        rows.push({
          scenario: `${page.label} — ${label}`,
          bytes: zipped ? compressed?.body.length : bodies.get(page.path)?.body.length,
          requestsPerSec: r.rps,
          p50: r.p50,
          p99: r.p99,
          ratio: top && top.rps > 0 ? r.rps / top.rps : undefined,
          failures: r.failures,
          cpuUsPerRequest: r.cpuUs,
        });
      }
    }

    const cachedArticle = results.get(`cached ${articlePath}`);
    const uncachedArticle = results.get(`uncached ${articlePath}`);
    const ceilingArticle = results.get(`ceiling ${articlePath}`);
    const ratio =
      cachedArticle && ceilingArticle && ceilingArticle.rps > 0
        ? cachedArticle.rps / ceilingArticle.rps
        : 0;
    const cachedZipped = results.get(`cachedz ${articlePath}`);
    const ceilingZipped = results.get(`ceilingz ${articlePath}`);
    const zippedRatio =
      cachedZipped && ceilingZipped && ceilingZipped.rps > 0
        ? cachedZipped.rps / ceilingZipped.rps
        : 0;
    const figures: Figure[] = [
      {
        name: 'idle memory (VmRSS after start)',
        value: `${idleRss.toFixed(1)} MB`,
        target: `< ${IDLE_MEMORY_TARGET_MB} MB`,
        ok: idleRss < IDLE_MEMORY_TARGET_MB,
      },
      { name: 'memory after the cached runs (VmRSS)', value: `${loadedRss.toFixed(1)} MB` },
      {
        name: 'cached article / ceiling',
        value: `${(ratio * 100).toFixed(0)} %`,
        target: `≥ ${CACHED_RATIO_TARGET * 100} %`,
        ok: ratio >= CACHED_RATIO_TARGET,
      },
      {
        name: 'cached article, compressed / ceiling with the same bytes',
        value: `${(zippedRatio * 100).toFixed(0)} %`,
        target: `≥ ${CACHED_RATIO_TARGET * 100} %`,
        ok: zippedRatio >= CACHED_RATIO_TARGET,
      },
      {
        name: 'cached article / ceiling by server CPU per request',
        value:
          cachedArticle && ceilingArticle && cachedArticle.cpuUs > 0
            ? `${((ceilingArticle.cpuUs / cachedArticle.cpuUs) * 100).toFixed(0)} %`
            : '',
        target: `≥ ${CACHED_RATIO_TARGET * 100} %`,
      },
      {
        name: 'uncached article by server CPU (one core)',
        value: uncachedArticle?.cpuUs
          ? `${Math.round(1_000_000 / uncachedArticle.cpuUs)} req/s`
          : '',
        target: `≥ ${UNCACHED_TARGET_RPS} req/s`,
      },
      {
        name: 'article view with nothing kept: extra server CPU per view (in-process)',
        value: `+${Math.round(cold.fromScratchUs - cold.piecesKeptUs)} µs`,
      },
      {
        name: 'uncached article',
        value: `${Math.round(uncachedArticle?.rps ?? 0)} req/s`,
        target: `≥ ${UNCACHED_TARGET_RPS} req/s`,
        ok: (uncachedArticle?.rps ?? 0) >= UNCACHED_TARGET_RPS,
      },
    ];
    notes.push(
      `Pages: load from ${loadGeneratorName()}, after a warm-up at the same load; the median of ${ctx.rounds} run${ctx.rounds === 1 ? '' : 's'} is shown.`,
    );
    if (ctx.rounds > 1) {
      const each = (m: Measured | undefined) =>
        (m?.rounds ?? []).map((rps) => Math.round(rps).toLocaleString('en-GB')).join(', ');
      notes.push(
        `Article requests/s in each round — page cache: ${each(cachedArticle)}; PAGE_CACHE=false: ${each(uncachedArticle)}; ceiling: ${each(ceilingArticle)}.`,
      );
    }
    return { rows, figures, notes };
  },
};
