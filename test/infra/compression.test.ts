// Stored pages go out compressed when the reader takes it: gzip with the form token of the
// second spliced in as a stored block, Brotli for pages without a token; each encoding has
// its own validator. Checked on the raw bytes, over real HTTP, on both answering paths.
import { request as httpRequest } from 'node:http';
import zlib from 'node:zlib';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import {
  compressBody,
  compressedPieces,
  preferredEncoding,
} from '../../src/infra/cache/compressed-body.js';
import { FrontDoor } from '../../src/infra/cache/front-door.js';
import { encodeBody } from '../../src/infra/cache/page-body.js';
import { PageCache, registerPageCacheHooks, sendPage } from '../../src/infra/cache/page-cache.js';
import { FORM_TOKEN_PLACEHOLDER } from '../../src/infra/form-token.js';
import { testConfig } from '../helpers/app.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

function raw(base: string, path: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<Raw>((resolve, reject) => {
    const req = httpRequest(base + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          bytes: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const prose = 'Een alinea over leiderschap en teams, die zich herhaalt. '.repeat(200);

async function serve(): Promise<{ app: FastifyInstance; base: string }> {
  const config = testConfig();
  const frontDoor = new FrontDoor({});
  const app = Fastify({ serverFactory: frontDoor.serverFactory });
  frontDoor.attach(app);
  app.decorate('config', config);
  app.decorate('pageCache', new PageCache(true, config.secret));
  registerPageCacheHooks(app);
  await app.register(cookie);
  app.get('/form', (request, reply) =>
    sendPage(request, reply, {
      tags: ['articles'],
      render: () =>
        `<p>${prose}</p><input value="${FORM_TOKEN_PLACEHOLDER}"><p>${prose}</p><input value="${FORM_TOKEN_PLACEHOLDER}">`,
    }),
  );
  app.get('/feed', (request, reply) =>
    sendPage(request, reply, {
      tags: ['articles'],
      contentType: 'application/xml',
      render: () => `<rss>${prose}</rss>`,
    }),
  );
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base };
}

describe('compressed stored pages', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('sends gzip with a fresh form token in every slot, on the front door and through Fastify', async () => {
    const served = await serve();
    app = served.app;
    const plain = await raw(served.base, '/form', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Cookie, Accept-Encoding');
    const text = plain.bytes.toString();
    const tokens = [...text.matchAll(/<input value="([^"]+)">/g)].map((m) => m[1]);
    expect(tokens).toHaveLength(2);

    const asked: Record<string, string>[] = [
      { 'accept-encoding': 'gzip, deflate, br' }, // front door (no cookie)
      { 'accept-encoding': 'gzip', cookie: 'voorkeur=donker' }, // through Fastify
    ];
    for (const headers of asked) {
      const gz = await raw(served.base, '/form', headers);
      expect(gz.status).toBe(200);
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(Number(gz.headers['content-length'])).toBe(gz.bytes.length);
      expect(gz.bytes.length).toBeLessThan(plain.bytes.length / 5);
      const decoded = zlib.gunzipSync(gz.bytes).toString();
      expect(decoded.replace(/value="[^"]+"/g, 'value=""')).toBe(
        text.replace(/value="[^"]+"/g, 'value=""'),
      );
      expect(decoded).toMatch(/<input value="[0-9a-z]+\.[A-Za-z0-9_-]{32}">$/);
      expect(gz.headers.etag).not.toBe(plain.headers.etag);
      const again = await raw(served.base, '/form', {
        ...headers,
        'if-none-match': String(gz.headers.etag),
      });
      expect(again.status).toBe(304);
    }
    const head = await raw(served.base, '/form', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.bytes.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('gzip');
  });

  it('sends Brotli for a page without a form token, and nothing compressed when refused', async () => {
    const served = await serve();
    app = served.app;
    await raw(served.base, '/feed', {});
    const br = await raw(served.base, '/feed', { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.bytes).toString()).toBe(`<rss>${prose}</rss>`);
    const refused = await raw(served.base, '/feed', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.bytes.toString()).toBe(`<rss>${prose}</rss>`);
  });

  it('decodes right whatever token fills the slots, at the start and end of a page too', () => {
    for (const text of [
      `${FORM_TOKEN_PLACEHOLDER}midden${FORM_TOKEN_PLACEHOLDER}`,
      `${FORM_TOKEN_PLACEHOLDER}${FORM_TOKEN_PLACEHOLDER}`,
      `begin ${FORM_TOKEN_PLACEHOLDER} ${prose}`,
    ]) {
      const body = encodeBody(text, { etag: false });
      const gz = compressBody(body, 'gzip')!;
      for (const token of ['a', 'x'.repeat(40), 'ë€']) {
        const bytes = Buffer.concat(compressedPieces(gz, Buffer.from(token)));
        expect(zlib.gunzipSync(bytes).toString()).toBe(
          text.split(FORM_TOKEN_PLACEHOLDER).join(token),
        );
      }
    }
  });

  it('reads Accept-Encoding as HTTP says', () => {
    expect(preferredEncoding('gzip, deflate, br', true)).toBe('br');
    expect(preferredEncoding('gzip, deflate, br', false)).toBe('gzip');
    expect(preferredEncoding('br;q=0, gzip', true)).toBe('gzip');
    expect(preferredEncoding('*', false)).toBe('gzip');
    expect(preferredEncoding('identity', true)).toBeUndefined();
    expect(preferredEncoding(undefined, true)).toBeUndefined();
    expect(preferredEncoding('gzip;q=0.0', true)).toBeUndefined();
  });
});
