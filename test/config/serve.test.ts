// What `npm start` runs: build src/ to dist/, then `node dist/cli.js serve` on a new
// database (demo content seeded by a child process), then again on the same database.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dataDir: string;
const running = new Set<ChildProcess>();

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'podium-serve-'));
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
  expect(build.stderr).toBe('');
  expect(build.status).toBe(0);
});

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts the built server on a free port; resolves once it prints its address. */
function serve(): Promise<Served> {
  const child = spawn(process.execPath, ['dist/cli.js', 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      SECRET: 'serve-test-secret-serve-test-secret-00',
      DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address within 45 s:\n${output}`)), 45_000);
    child.stdout?.on('data', () => {
      const url = /Podium is running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => output });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

function stop(served: Served): Promise<number | null> {
  return new Promise((resolve) => {
    served.child.removeAllListeners('exit');
    served.child.once('exit', (code) => {
      running.delete(served.child);
      resolve(code);
    });
    served.child.kill('SIGTERM');
  });
}

describe('podium serve, built', () => {
  it('seeds a new database once, serves it, and keeps image code out until needed', async () => {
    const first = await serve();
    expect(first.output()).toMatch(/Seeded \d+ authors/);
    const home = await fetch(`${first.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Waardering 6,9');
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    // sharp maps libvips when imported; it is imported only to process an image.
    const maps = `/proc/${first.child.pid}/maps`;
    if (existsSync(maps)) expect(readFileSync(maps, 'utf8')).not.toContain('libvips');
    expect(await stop(first)).toBe(0);

    const again = await serve();
    expect(again.output()).not.toContain('Seeded');
    expect(await (await fetch(`${again.url}/`)).text()).toContain('Waardering 6,9');
    expect(await stop(again)).toBe(0);
  });
});
