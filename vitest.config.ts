import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Names the run, and drops the PostgreSQL schemas its workers kept when it ends.
    globalSetup: ['test/helpers/test-run.ts'],
    pool: 'forks',
    // One PGlite instance per worker serves all its test files (see test/helpers/backends.ts).
    isolate: false,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
