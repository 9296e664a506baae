// The files under public/ (a stylesheet, a few small scripts, the icon), served from
// memory with a year of caching, since their URLs carry a content hash (views/assets.ts,
// whose hash is also the ETag). Each is compressed with Brotli and gzip at their best
// settings the first time a browser asks for it so, then kept: nothing is compressed per
// request, no file is read after start, and start-up compresses nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assetVersion } from '../views/assets.js';
import { type Encoding, etagForEncoding, preferredEncoding } from './cache/compressed-body.js';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  compressed: Partial<Record<Encoding, Buffer>>;
}

function load(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const identity = readFileSync(path.join(dir, name));
    assets.set(name, { type, etag: `"${assetVersion(name)}"`, identity, compressed: {} });
  }
  return assets;
}

function compressed(asset: Asset, encoding: Encoding): Buffer {
  let bytes = asset.compressed[encoding];
  if (!bytes) {
    bytes =
      encoding === 'gzip'
        ? zlib.gzipSync(asset.identity, { level: 9 })
        : zlib.brotliCompressSync(asset.identity, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
            },
          });
    asset.compressed[encoding] = bytes;
  }
  return bytes;
}

export function registerStaticAssets(app: FastifyInstance, dir: string): void {
  const assets = load(dir);
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const { name } = request.params as { name: string };
    const asset = assets.get(name);
    if (!asset) return reply.callNotFound();
    const encoding = preferredEncoding(request.headers['accept-encoding'], true);
    const etag = etagForEncoding(asset.etag, encoding);
    reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding')
      .header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(encoding ? compressed(asset, encoding) : asset.identity);
  };
  app.get('/assets/:name', handler);
}
