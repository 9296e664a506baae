// Starts a real Podium server as a child process, as `npm start` does (build src/ to dist/,
// then `node dist/cli.js serve`), on a free loopback port, and reads its memory from /proc.
// Every wait is bounded.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const running = new Set<ChildProcess>();
// A bench interrupted half-way must not leave servers behind.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** A port the kernel just handed out on 127.0.0.1 (and took back). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A fresh temporary DATA_DIR; removed by the returned function. */
export function tempDataDir(prefix = 'podium-bench-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ChildServer {
  url: string;
  pid: number;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs(): number;
  /** Resident memory of the process in MB (VmRSS). */
  rssMb(): number;
  stop(): Promise<void>;
}

export function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

// Clock ticks per second of /proc/<pid>/stat on Linux.
const CLOCK_TICKS = 100;

/** CPU time a process has used, from /proc: independent of how busy the machine is. */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server at ${url} not ready within ${timeoutMs} ms`);
}

/** Spawns a child process and waits (bounded) until it answers /readyz. */
export async function spawnServer(
  args: string[],
  env: Record<string, string>,
  port: number,
  readyTimeoutMs = 120_000,
): Promise<ChildServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  try {
    await waitUntilReady(url, child, readyTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    running.delete(child);
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    rssMb: () => rssMbOf(pid),
    cpuMs: () => cpuMsOf(pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          running.delete(child);
          resolve();
          return;
        }
        const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(force);
          running.delete(child);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export interface PodiumOptions {
  dataDir: string;
  /** Extra environment, e.g. { PAGE_CACHE: 'false' }. */
  env?: Record<string, string>;
}

/**
 * The Node options `npm start` gives the server (package.json's start script reads
 * `node scripts/build.mjs && node <options> dist/cli.js serve`), so the bench runs it alike.
 */
function startNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = (pkg.scripts.start.split('&&').pop() ?? '').trim().split(/\s+/);
  const entry = words.indexOf('dist/cli.js');
  if (words[0] !== 'node' || entry === -1) {
    throw new Error(`package.json start script not understood: ${pkg.scripts.start}`);
  }
  return words.slice(1, entry);
}

/** Brings dist/ up to date with src/, as `npm start` does before it serves. */
function buildPodium(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (build.status !== 0) {
    throw new Error(`build failed (${build.status ?? build.signal}):\n${build.stderr}`);
  }
}

/** A real Podium server on a free loopback port, with demo content on a new DATA_DIR. */
export async function startPodium(options: PodiumOptions): Promise<ChildServer> {
  buildPodium();
  const port = await freePort();
  return spawnServer(
    [...startNodeOptions(), 'dist/cli.js', 'serve'],
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: options.dataDir,
      SECRET: 'bench-secret-bench-secret-bench-secret-00',
      DEMO: 'true',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ...options.env,
    },
    port,
  );
}
