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
  const calls = { page: 0, personal: 0, cookie: 0 };
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
  return { app, calls };
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
