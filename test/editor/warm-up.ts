// Starting PGlite (once per worker) can take long on a busy machine; doing it in a hook
// with its own generous timeout keeps that start-up out of the first test's time limit.
import { beforeAll } from 'vitest';
import type { BackendCase } from '../helpers/backends.js';

export function warmUp(backend: BackendCase): void {
  beforeAll(async () => {
    const handle = await backend.open();
    await handle.close();
  }, 300_000);
}
