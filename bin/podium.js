#!/usr/bin/env node
// `npx podium`: brings dist/ up to date with src/ (scripts/build.mjs, well under a second),
// then runs the built CLI, the same code `npm start` and `npm run podium` run. The build runs
// in a process of its own, so that esbuild never sits in the memory of a running server.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const build = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))],
  { stdio: 'inherit' },
);
if (build.status !== 0) process.exit(build.status ?? 1);
await import('../dist/cli.js');
