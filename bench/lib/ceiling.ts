// Starts the plain-Node ceiling server with given bytes in a child process.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ChildServer, freePort, spawnServer } from './podium-server.js';

export async function startCeiling(
  body: Buffer,
  contentType: string,
  workDir: string,
  /** Content-Encoding of `body`, when it is compressed. */
  encoding = '',
): Promise<ChildServer> {
  const file = path.join(workDir, `ceiling-${Date.now()}.body`);
  writeFileSync(file, body);
  const port = await freePort();
  return spawnServer(
    ['--import', 'tsx', 'bench/lib/ceiling-server.ts', file, contentType, String(port), encoding],
    {},
    port,
    30_000,
  );
}
