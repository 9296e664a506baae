// Stores an uploaded image: processed variants on disk first, then the row that names them.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../infra/db.js';
import { type MediaKind, processImage } from './image-processing.js';
import { insertMedia } from './media.repository.js';

export function mediaDir(dataDir: string): string {
  return path.resolve(dataDir, 'media');
}

/** The public URL of one size of a stored image. */
export function mediaUrl(key: string, width: number): string {
  return `/media/${key}-${width}.webp`;
}

export async function storeImage(
  db: Db,
  dataDir: string,
  upload: { data: Buffer; kind: MediaKind; field: string; userId: number | null },
): Promise<{ key: string }> {
  const { variants } = await processImage(upload.data, upload.kind, upload.field);
  const key = randomBytes(12).toString('hex');
  const dir = mediaDir(dataDir);
  await mkdir(dir, { recursive: true });
  for (const v of variants) {
    // Written under a temporary name and renamed, so a half-written file is never served.
    const final = path.join(dir, `${key}-${v.width}.webp`);
    await writeFile(`${final}.tmp`, v.data);
    await rename(`${final}.tmp`, final);
  }
  const largest = variants[variants.length - 1]!;
  await insertMedia(db, {
    key,
    kind: upload.kind,
    mime: 'image/webp',
    width: largest.width,
    height: largest.height,
    bytes: variants.reduce((sum, v) => sum + v.data.length, 0),
    created_by: upload.userId,
  });
  return { key };
}
