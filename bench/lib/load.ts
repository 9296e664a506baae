// Loads one URL for a bounded time and reduces the result to the numbers the report shows.
//
// wrk (Debian package `wrk`) is used when it is installed: written in C, it needs a
// fraction of the CPU autocannon needs for the same load, so on a small machine the
// servers, not the load generator, set the numbers (with autocannon the plain-Node
// ceiling stops at what autocannon can send). Without wrk, autocannon runs in this process.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** Concurrent connections (default 50). */
  connections?: number;
  /** Seconds (default 10). */
  duration?: number;
  /** Request headers, such as Accept-Encoding. */
  headers?: Record<string, string>;
}

export interface LoadResult {
  requestsPerSec: number;
  /** Milliseconds. */
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
}

let wrkFound: boolean | undefined;
export function hasWrk(): boolean {
  wrkFound ??= spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
  return wrkFound;
}

/** Which program generates the load, for the report. */
export function loadGeneratorName(): string {
  return hasWrk() ? 'wrk (one thread)' : 'autocannon (in the bench process; install wrk)';
}

// wrk's Lua hook at the end of a run: the figures as one JSON line on stdout.
const WRK_REPORT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50":%d,"p99":%d,"errors":%d,"non2xx":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
`;

async function runWrk(
  url: string,
  connections: number,
  duration: number,
  headers: Record<string, string>,
): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-wrk-'));
  const script = path.join(dir, 'report.lua');
  writeFileSync(script, WRK_REPORT);
  try {
    const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', script];
    for (const [name, value] of Object.entries(headers)) args.push('-H', `${name}: ${value}`);
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', [...args, url], { stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}`)),
      );
    });
    const line = output.split('\n').find((l) => l.startsWith('{"requests"'));
    if (!line) throw new Error(`wrk printed no figures:\n${output}`);
    const r = JSON.parse(line) as {
      requests: number;
      durationUs: number;
      p50: number;
      p99: number;
      errors: number;
      non2xx: number;
    };
    return {
      requestsPerSec: r.requests / (r.durationUs / 1e6),
      p50: r.p50 / 1000,
      p99: r.p99 / 1000,
      total: r.requests,
      errors: r.errors,
      non2xx: r.non2xx,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const duration = options.duration ?? 10;
  const connections = options.connections ?? 50;
  if (hasWrk()) return runWrk(options.url, connections, duration, options.headers ?? {});
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    connections,
    duration,
    // A stuck request may not hold the run open past its time.
    timeout: 10,
  });
  return {
    requestsPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
