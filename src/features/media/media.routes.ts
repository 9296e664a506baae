// Serves stored images: /media/<key>-<width>.webp. Names carry a random key that never
// changes meaning, so they are cached for a year.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.js';
import { mediaDir } from './media.service.js';

const FILE = /^([a-f0-9]{24})-(\d{2,4})\.webp$/;

export async function mediaRoutes(app: FastifyInstance): Promise<void> {
  const dir = mediaDir(app.config.dataDir);
  app.get<{ Params: { file: string } }>('/media/:file', async (request, reply) => {
    const match = FILE.exec(request.params.file);
    if (!match) throw new NotFoundError();
    const file = path.join(dir, match[0]);
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) throw new NotFoundError();
    return reply
      .header('content-type', 'image/webp')
      .header('content-length', String(info.size))
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(createReadStream(file));
  });
}
