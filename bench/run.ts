// `npm run bench`: starts real servers on loopback, loads them with wrk (or autocannon
// where wrk is not installed), prints a markdown table and writes it to
// bench/results/latest.md.
//   npm run bench -- --duration=10 --connections=50 --rounds=3 --only=pages
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, tempDataDir } from './lib/podium-server.js';
import { markdown, type Report } from './lib/report.js';
import { scenarios } from './scenarios/index.js';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

function boundedNumber(raw: string | undefined, fallback: number, min: number, max: number) {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(Math.max(Math.round(n), min), max);
}

const duration = boundedNumber(option('duration'), 10, 1, 60);
const connections = boundedNumber(option('connections'), 50, 1, 500);
const rounds = boundedNumber(option('rounds'), 3, 1, 9);
const only = option('only')?.split(',');
const selected = scenarios.filter((s) => !only || only.includes(s.name));
if (selected.length === 0) {
  console.error(
    `No scenario named ${only?.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}

// The whole bench stops by itself even if a server hangs.
const HARD_LIMIT_MS = 20 * 60_000;
const watchdog = setTimeout(() => {
  console.error('bench took longer than 20 minutes; stopping');
  process.exit(1);
}, HARD_LIMIT_MS);
watchdog.unref();
process.on('SIGINT', () => process.exit(130));

const work = tempDataDir();
const report: Report = { rows: [], figures: [], notes: [] };
const started = Date.now();
const loadBefore = os.loadavg()[0] ?? 0;
try {
  for (const scenario of selected) {
    console.error(`\n▶ ${scenario.name}`);
    const result = await scenario.run({
      duration,
      connections,
      rounds,
      workDir: work.dir,
      log: (message) => console.error(`  ${message}`),
    });
    report.rows.push(...result.rows);
    report.figures.push(...(result.figures ?? []));
    report.notes.push(...(result.notes ?? []));
  }
} finally {
  work.remove();
}

const cpus = os.cpus();
report.notes.push(
  `${connections} connections, ${duration} s per run; load generator, servers and ceiling share this machine: ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, Node ${process.version}.`,
  `Total time ${Math.round((Date.now() - started) / 1000)} s. Load average (1 min) ${loadBefore.toFixed(1)} before and ${(os.loadavg()[0] ?? 0).toFixed(1)} after: other work on the machine lowers every number.`,
);
const header = `# Podium bench — ${new Date().toISOString()}`;
const text = markdown(report, header);
console.log(`\n${text}`);
const out = path.join(repoRoot, 'bench', 'results');
mkdirSync(out, { recursive: true });
// A partial run (--only) must not overwrite the full picture in latest.md.
const file = path.join(out, only ? `latest-${only.join('-')}.md` : 'latest.md');
writeFileSync(file, text);
console.error(`written to ${path.relative(process.cwd(), file)}`);
process.exit(0);
