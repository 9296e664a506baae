// Static files under public/ are served with a content hash in their URL, so they can be
// cached for a year and still change the moment the file does.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public');

const versions = new Map<string, string>();
for (const name of readdirSync(publicDir)) {
  if (!name.includes('.')) continue;
  const hash = createHash('sha256')
    .update(readFileSync(path.join(publicDir, name)))
    .digest('hex');
  versions.set(name, hash.slice(0, 10));
}

/** The content hash of a file under public/ (also its ETag when served). */
export function assetVersion(name: string): string | undefined {
  return versions.get(name);
}

export function assetUrl(name: string): string {
  const v = versions.get(name);
  return v ? `/assets/${name}?v=${v}` : `/assets/${name}`;
}
