// The stylesheet and scripts: from memory, in Brotli or gzip when the browser takes it,
// cached for a year, and the same bytes as the file once decoded.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { publicDir } from '../../src/views/assets.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { sqliteOnly } from '../helpers/backends.js';

describe('static assets', () => {
  let t: TestApp | undefined;
  afterEach(async () => t?.close());

  it('answers compressed, with a validator per encoding, and 404 for what is not there', async () => {
    t = await buildTestApp(sqliteOnly[0]!);
    const file = readFileSync(path.join(publicDir, 'site.css'));
    const plain = await t.app.inject({
      url: '/assets/site.css?v=1',
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.rawPayload.equals(file)).toBe(true);

    const br = await t.app.inject({
      url: '/assets/site.css',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(file)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(file.length / 3);

    const gz = await t.app.inject({
      url: '/assets/site.css',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(file)).toBe(true);
    expect(new Set([plain.headers.etag, br.headers.etag, gz.headers.etag]).size).toBe(3);

    const again = await t.app.inject({
      url: '/assets/site.css',
      headers: { 'accept-encoding': 'gzip', 'if-none-match': String(gz.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    for (const missing of ['/assets/nope.css', '/assets/..%2Fpackage.json', '/assets/']) {
      expect((await t.app.inject(missing)).statusCode).toBe(404);
    }
  });
});
