// Grades per second, sustained: every request is a new reader (its own reader cookie) from
// its own address (X-Forwarded-For behind TRUST_PROXY=1, so no grade is held back), posting
// as the enhancing script does (Accept: application/json). Run on SQLite, and on
// PostgreSQL in a temporary database when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server.
// Afterwards the article's totals must equal its stored votes exactly.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { connect, type DatabaseHandle } from '../../src/db/connect.js';
import { totalsOf } from '../../src/features/grades/grades.repository.js';
import { createFormToken } from '../../src/infra/form-token.js';
import { createArticle } from '../../test/helpers/factories.js';
import { type ChildServer, startPodium } from '../lib/podium-server.js';
import type { Figure, ThroughputRow } from '../lib/report.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-00';
const SQLITE_TARGET = 3_000;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  failures: number;
}

async function gradeLoad(
  url: string,
  articleId: number,
  connections: number,
  duration: number,
  origin: string,
): Promise<Measured> {
  let n = 0;
  const token = createFormToken(SECRET);
  const result = await autocannon({
    url,
    connections,
    duration,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: `/artikel/${articleId}/waardering`,
        setupRequest: (request) => {
          n += 1;
          const reader = randomBytes(16).toString('base64url');
          return {
            ...request,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              accept: 'application/json',
              origin,
              'sec-fetch-site': 'same-origin',
              cookie: `podium_reader=${reader}`,
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
            },
            body: `score=${(n % 10) + 1}&form_token=${encodeURIComponent(token)}`,
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failures: result.errors + result.non2xx,
  };
}

async function runOn(
  ctx: BenchContext,
  label: string,
  server: ChildServer,
  database: DatabaseHandle,
): Promise<{ row: ThroughputRow; exact: boolean; measured: Measured; cpuUsPerGrade: number }> {
  const article = await createArticle(database.db, { title: 'Bench: waarderen' });
  const warm = await createArticle(database.db, { title: 'Bench: opwarmen' });
  ctx.log(`${label}: warm-up`);
  await gradeLoad(server.url, warm.id, 10, Math.min(2, ctx.duration), server.url);
  ctx.log(`${label}: ${ctx.connections} connections, ${ctx.duration} s`);
  const cpuBefore = server.cpuMs();
  const measured = await gradeLoad(
    server.url,
    article.id,
    ctx.connections,
    ctx.duration,
    server.url,
  );
  // Requests still in flight when the run stops are stored but not counted by autocannon,
  // so the totals may exceed the 2xx count by at most the connections; the totals must
  // equal the stored votes exactly.
  // Let the server finish what was in flight, then read both in one transaction.
  let totals = await totalsOf(database.db, article.id);
  let storedCount = -1;
  for (let attempt = 0; attempt < 20 && totals.count !== storedCount; attempt++) {
    await new Promise((r) => setTimeout(r, 500));
    [totals, storedCount] = await database.db.transaction().execute(async (trx) => {
      const t = await totalsOf(trx, article.id);
      const row = await trx
        .selectFrom('grades')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('article_id', '=', article.id)
        .where('state', '=', 'counted')
        .executeTakeFirstOrThrow();
      return [t, Number(row.n)] as const;
    });
  }
  const stored = { n: storedCount };
  // Server CPU per stored grade: independent of what else loads the machine (on PostgreSQL
  // the database server's own CPU is not included).
  const cpuUsPerGrade = ((server.cpuMs() - cpuBefore) * 1000) / Math.max(1, storedCount);
  const exact =
    totals.count === Number(stored.n) &&
    totals.count >= measured.ok &&
    totals.count <= measured.ok + measured.failures + ctx.connections;
  ctx.log(
    `${label}: ${Math.round(measured.rps)} grades/s; totals ${totals.count}, stored ${stored.n}, answered ${measured.ok}`,
  );
  return {
    row: {
      scenario: `POST /artikel/:id/waardering (new reader each) — ${label}`,
      requestsPerSec: measured.rps,
      p50: measured.p50,
      p99: measured.p99,
      failures: measured.failures,
      cpuUsPerRequest: cpuUsPerGrade,
    },
    cpuUsPerGrade,
    exact,
    measured,
  };
}

const BENCH_DB_PREFIX = 'podium_bench_';

/** This machine's name as it may appear in a database name: [a-z0-9], at most 16. */
function hostTag(): string {
  return (
    os
      .hostname()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 16) || 'host'
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Bench databases of this machine whose process has ended. */
async function staleBenchDatabases(admin: pg.Client, prefix: string): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [prefix],
  );
  return rows
    .map((r) => r.datname)
    .filter((datname) => {
      const match = /^(\d+)_[0-9a-f]{8}$/.exec(datname.slice(prefix.length));
      return match !== null && !isRunning(Number(match[1]));
    });
}

export const gradesScenario: Scenario = {
  name: 'grades',
  async run(ctx) {
    const rows: ThroughputRow[] = [];
    const figures: Figure[] = [];
    const notes: string[] = [];

    const dataDir = path.join(ctx.workDir, 'grades');
    mkdirSync(dataDir, { recursive: true });
    const sqliteServer = await startPodium({
      dataDir,
      env: { DEMO: 'false', TRUST_PROXY: '1' },
    });
    const sqlite = connect(`sqlite:${path.join(dataDir, 'podium.db')}`);
    try {
      const r = await runOn(ctx, 'SQLite', sqliteServer, sqlite);
      rows.push(r.row);
      figures.push({
        name: 'grades/s on SQLite',
        value: `${Math.round(r.measured.rps)} grades/s`,
        target: `≥ ${SQLITE_TARGET} grades/s`,
        ok: r.measured.rps >= SQLITE_TARGET,
      });
      figures.push({
        name: 'SQLite: grades/s one server core sustains (10⁶ / server CPU µs per grade)',
        value: `${Math.round(1e6 / r.cpuUsPerGrade)} grades/s`,
        target: `≥ ${SQLITE_TARGET} grades/s`,
        ok: 1e6 / r.cpuUsPerGrade >= SQLITE_TARGET,
      });
      figures.push({
        name: 'SQLite totals equal stored votes',
        value: r.exact ? 'exact' : 'MISMATCH',
        ok: r.exact,
      });
    } finally {
      await sqlite.close();
      await sqliteServer.stop();
    }

    // Every grade needs its own body and reader: autocannon builds them per request.
    notes.push('Grades: load from autocannon in the bench process, one run after a warm-up.');
    const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!serverUrl) {
      notes.push('grades on PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to run it.');
      return { rows, figures, notes };
    }
    // A temporary database of our own, dropped afterwards. Its name carries this machine
    // and process, so that a run stopped half-way (Ctrl-C skips the drop) is cleaned up by
    // the next run here, and a database of a run still going is never touched.
    const prefix = `${BENCH_DB_PREFIX}${hostTag()}_`;
    const name = `${prefix}${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const stale of await staleBenchDatabases(admin, prefix)) {
      ctx.log(`dropping ${stale}, left by a stopped run`);
      await admin.query(`DROP DATABASE IF EXISTS ${stale} WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      const pgServer = await startPodium({
        dataDir: path.join(ctx.workDir, 'grades-pg'),
        env: { DEMO: 'false', TRUST_PROXY: '1', DATABASE_URL: url.toString() },
      });
      const database = connect(url.toString(), { poolSize: 2 });
      try {
        const r = await runOn(ctx, 'PostgreSQL', pgServer, database);
        rows.push(r.row);
        figures.push({
          name: 'grades/s on PostgreSQL (one process)',
          value: `${Math.round(r.measured.rps)} grades/s`,
        });
        figures.push({
          name: 'PostgreSQL: grades/s one app core sustains (database CPU not included)',
          value: `${Math.round(1e6 / r.cpuUsPerGrade)} grades/s`,
        });
        figures.push({
          name: 'PostgreSQL totals equal stored votes',
          value: r.exact ? 'exact' : 'MISMATCH',
          ok: r.exact,
        });
      } finally {
        await database.close();
        await pgServer.stop();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    return { rows, figures, notes };
  },
};
