// Images of an imported WordPress site: taken from a local copy of wp-content/uploads,
// re-encoded by sharp (fit within 1280 px, WebP, no metadata) into the media store, and
// their old URLs rewritten in the imported articles. Files are written first, then the
// rows and rewrites in one transaction; an image already taken over is not taken twice.

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { runWrite } from '../../infra/writes.js';
import { loadSharp } from '../media/load-sharp.js';
import { mediaDir, mediaUrl } from '../media/media.service.js';
import * as repo from './wordpress-import.repository.js';
import type { WordpressImportSummary } from './wordpress-import.service.js';

const MAX_WIDTH = 1280;
const MAX_INPUT_PIXELS = 40_000_000;

/** The file under the uploads folder an URL points to, or undefined when it points elsewhere. */
export function uploadsPath(url: string, uploadsDir: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, 'http://x').pathname);
  } catch {
    return undefined;
  }
  const marker = '/wp-content/uploads/';
  const at = pathname.indexOf(marker);
  if (at === -1) return undefined;
  const file = path.resolve(uploadsDir, pathname.slice(at + marker.length));
  // No way out of the uploads folder (../ in a hostile export).
  return file.startsWith(path.resolve(uploadsDir) + path.sep) ? file : undefined;
}

export async function importUploads(
  db: Kysely<Database>,
  summary: WordpressImportSummary,
  uploadsDir: string,
  dataDir: string,
): Promise<void> {
  const dir = mediaDir(dataDir);
  await mkdir(dir, { recursive: true });
  const rewrites: { url: string; to: string }[] = [];
  const fresh: { url: string; key: string; width: number; height: number; bytes: number }[] = [];
  const known = await repo.mappedIds(db, summary.source, 'media', summary.images);
  let imported = 0;
  for (const url of summary.images) {
    const mediaId = known.get(url);
    if (mediaId !== undefined) {
      const key = await repo.mediaKey(db, mediaId);
      if (key) rewrites.push({ url, to: mediaUrl(key.key, key.width) });
      continue;
    }
    const file = uploadsPath(url, uploadsDir);
    const data = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!data) {
      summary.skipped.push({ kind: 'image', id: url, reason: 'image_missing' });
      continue;
    }
    const sharp = await loadSharp();
    try {
      const { data: webp, info } = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS })
        .rotate()
        .resize({
          width: MAX_WIDTH,
          height: MAX_WIDTH * 4,
          fit: 'inside',
          withoutEnlargement: true,
        })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
      const key = randomBytes(12).toString('hex');
      const final = path.join(dir, `${key}-${info.width}.webp`);
      await writeFile(`${final}.tmp`, webp);
      await rename(`${final}.tmp`, final);
      fresh.push({ url, key, width: info.width, height: info.height, bytes: webp.length });
      rewrites.push({ url, to: mediaUrl(key, info.width) });
      imported++;
    } catch {
      summary.skipped.push({ kind: 'image', id: url, reason: 'image_unreadable' });
    }
  }
  await runWrite(db, async ({ trx, touch }) => {
    // Imported images replace links in articles that may already be public.
    touch('*');
    for (const f of fresh) {
      const id = await repo.insertImportedMedia(trx, f);
      await repo.remember(trx, summary.source, 'media', f.url, id);
    }
    for (const r of rewrites) await repo.rewriteArticleUrls(trx, r.url, r.to);
  });
  summary.imagesImported = imported;
}
