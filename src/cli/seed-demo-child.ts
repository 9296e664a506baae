// On a new database, `serve` seeds the demo content in a short-lived child process
// (`podium seed-demo`) rather than in the server: rendering the demo's Markdown loads
// markdown-it and sanitize-html and churns through memory that the server would otherwise
// keep for as long as it runs (about 10 MB of resident memory).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Backend, backendOf } from '../db/connect.js';

/** Whether a second process opening this URL sees the same database. */
export function canSeedFromChild(databaseUrl: string): boolean {
  const backend: Backend = backendOf(databaseUrl);
  // PGlite is one process's database (in memory, or a folder only one process may open).
  if (backend === 'pglite') return false;
  if (backend === 'sqlite') {
    const file = databaseUrl.replace(/^sqlite:/, '');
    return file !== '' && file !== ':memory:';
  }
  return true;
}

/** Runs `podium seed-demo` with this process's Node options and environment. */
export function seedDemoInChildProcess(): Promise<void> {
  // The CLI this process runs: dist/cli.js, or src/cli.ts under tsx (which maps .js to .ts).
  const cli = fileURLToPath(new URL('../cli.js', import.meta.url));
  // A debugger port can be open only once.
  const nodeOptions = process.execArgv.filter((a) => !a.startsWith('--inspect'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, cli, 'seed-demo'], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`podium seed-demo failed (${signal ?? `exit code ${code}`})`));
    });
  });
}
