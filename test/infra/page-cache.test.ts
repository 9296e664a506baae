import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { FORM_TOKEN_PLACEHOLDER } from '../../src/infra/form-token.js';
import { PageCache, sendPage, servePagesFromCache } from '../../src/infra/page-cache.js';
import { testConfig } from '../helpers/app.js';

// A small app with the real cache, so the test can count how often a route runs.
async function appWithCache(enabled = true) {
  const app = Fastify();
  app.decorate('config', testConfig());
  app.decorate('pageCache', new PageCache(enabled));
  servePagesFromCache(app);
  await app.register(cookie);
  const calls = { page: 0, personal: 0, cookie: 0, slow: 0 };
  // The /slow render waits for the test to let it finish, so writes can land meanwhile.
  const gate = { open: (): void => {} };
  await app.register(async (child: FastifyInstance) => {
    child.get('/page', (request, reply) => {
      calls.page++;
      reply.header('x-route', 'yes');
      return sendPage(request, reply, {
        tags: ['articles'],
        maxAge: 60,
        render: () => `<p>page ${calls.page}</p><input value="${FORM_TOKEN_PLACEHOLDER}">`,
      });
    });
    child.get('/slow', (request, reply) => {
      calls.slow++;
      return sendPage(request, reply, {
        tags: ['article:1'],
        render: async () => {
          await new Promise<void>((resolve) => {
            gate.open = resolve;
          });
          return `slow ${calls.slow}`;
        },
      });
    });
    child.get('/personal', (request, reply) => {
      calls.personal++;
      return sendPage(request, reply, { tags: ['articles'], personal: true, render: () => 'mine' });
    });
    child.get('/sets-cookie', (request, reply) => {
      calls.cookie++;
      reply.setCookie('seen', '1');
      return sendPage(request, reply, { tags: ['articles'], render: () => 'hello' });
    });
  });
  await app.ready();
  return { app, calls, gate };
}

describe('page cache fast path', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('answers a cookieless GET from the cache without running the route', async () => {
    const built = await appWithCache();
    app = built.app;
    const first = await app.inject('/page');
    const second = await app.inject('/page');
    expect(built.calls.page).toBe(1);
    expect(second.statusCode).toBe(200);
    expect(second.body.split('<input')[0]).toBe('<p>page 1</p>');
    expect(second.headers['x-route']).toBe('yes');
    expect(second.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(second.headers.etag).toBe(first.headers.etag);
    // Each response carries its own fresh form token, never the placeholder.
    expect(second.body).not.toContain(FORM_TOKEN_PLACEHOLDER);

    const notModified = await app.inject({
      url: '/page',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);
    expect(built.calls.page).toBe(1);

    const head = await app.inject({ method: 'HEAD', url: '/page' });
    expect(head.statusCode).toBe(200);
    expect(built.calls.page).toBe(1);
  });

  it('lets the route decide when the request carries cookies', async () => {
    const built = await appWithCache();
    app = built.app;
    await app.inject('/page');
    await app.inject({ url: '/page', headers: { cookie: 'podium_reader=abc' } });
    expect(built.calls.page).toBe(2);
  });

  it('renders again after an invalidation, and never stores personal pages', async () => {
    const built = await appWithCache();
    app = built.app;
    await app.inject('/page');
    app.pageCache.invalidate(['articles']);
    const fresh = await app.inject('/page');
    expect(fresh.body).toContain('page 2');

    await app.inject('/personal');
    await app.inject('/personal');
    expect(built.calls.personal).toBe(2);
  });

  it('stores a page whose render overlapped writes to other things only', async () => {
    const built = await appWithCache();
    app = built.app;
    const cache = app.pageCache;
    // Renders in flight while writes land: one to another article, then one to this one.
    const first = app.inject('/slow');
    await new Promise((r) => setTimeout(r, 10));
    cache.invalidate(['article:2']);
    built.gate.open();
    expect((await first).body).toBe('slow 1');
    expect((await app.inject('/slow')).body).toBe('slow 1'); // kept: its own tag was not touched

    cache.invalidate(['article:1']);
    const second = app.inject('/slow');
    await new Promise((r) => setTimeout(r, 10));
    cache.invalidate(['article:1']);
    built.gate.open();
    expect((await second).body).toBe('slow 2');
    const third = app.inject('/slow');
    await new Promise((r) => setTimeout(r, 10));
    built.gate.open();
    expect((await third).body).toBe('slow 3'); // the overlapped render was not kept
  });

  it('keeps routes that set cookies on the full path', async () => {
    const built = await appWithCache();
    app = built.app;
    await app.inject('/sets-cookie');
    const again = await app.inject('/sets-cookie');
    expect(built.calls.cookie).toBe(2);
    expect(again.headers['set-cookie']).toBeTruthy();
  });

  it('does nothing when the cache is off', async () => {
    const built = await appWithCache(false);
    app = built.app;
    await app.inject('/page');
    await app.inject('/page');
    expect(built.calls.page).toBe(2);
  });
});
