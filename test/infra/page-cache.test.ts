import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { FrontDoor } from '../../src/infra/cache/front-door.js';
import { PageCache, registerPageCacheHooks, sendPage } from '../../src/infra/cache/page-cache.js';
import { FORM_TOKEN_PLACEHOLDER } from '../../src/infra/form-token.js';
import { testConfig } from '../helpers/app.js';

/** A response as the test looks at it. */
interface Answer {
  statusCode: number;
  body: string;
  headers: Record<string, string>;
}

// A small app with the real cache and front door, served over real HTTP (the front door
// sits before Fastify's handler, which inject() would call directly), so the test can
// count how often a route runs.
async function appWithCache(enabled = true) {
  const config = testConfig();
  const frontDoor = new FrontDoor({ 'x-frame-options': 'DENY' });
  const app = Fastify({ serverFactory: frontDoor.serverFactory });
  frontDoor.attach(app);
  app.decorate('config', config);
  app.decorate('pageCache', new PageCache(enabled, config.secret));
  registerPageCacheHooks(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-frame-options', 'DENY');
  });
  await app.register(cookie);
  const calls = { page: 0, personal: 0, cookie: 0, slow: 0, readsFirst: 0 };
  // The /slow render waits for the test to let it finish, so writes can land meanwhile;
  // `entered` resolves once a render is waiting (over real HTTP that takes a moment).
  let signalEntered = (): void => {};
  const gate = {
    open: (): void => {},
    entered: (): Promise<void> =>
      new Promise<void>((resolve) => {
        signalEntered = resolve;
      }),
  };
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
            signalEntered();
          });
          return `slow ${calls.slow}`;
        },
      });
    });
    // Reads what it shows first (the data of the moment), then, after the gate, sends it.
    child.get('/reads-first', async (request, reply) => {
      calls.readsFirst++;
      const shown = `made ${calls.readsFirst}`;
      await new Promise<void>((resolve) => {
        gate.open = resolve;
        signalEntered();
      });
      return sendPage(request, reply, { tags: ['article:1'], render: () => shown });
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
  const base = await app.listen({ host: '127.0.0.1', port: 0 });
  const get = async (
    url: string,
    init: { method?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer> => {
    // Uncompressed unless a test asks otherwise (compression has tests of its own).
    const response = await fetch(base + url, {
      ...init,
      headers: { 'accept-encoding': 'identity', ...init.headers },
    });
    return {
      statusCode: response.status,
      body: await response.text(),
      headers: Object.fromEntries(response.headers),
    };
  };
  return { app, calls, gate, get };
}

describe('page cache and front door', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => app?.close());

  it('answers a cookieless GET from the cache without running the route', async () => {
    const built = await appWithCache();
    app = built.app;
    const first = await built.get('/page');
    const second = await built.get('/page');
    expect(built.calls.page).toBe(1);
    expect(second.statusCode).toBe(200);
    expect(second.body.split('<input')[0]).toBe('<p>page 1</p>');
    // The same headers as the route's own answer (the date aside).
    const { date: _firstDate, ...firstHeaders } = first.headers;
    const { date: _secondDate, ...secondHeaders } = second.headers;
    expect(secondHeaders).toEqual(firstHeaders);
    expect(second.headers['x-route']).toBe('yes');
    expect(second.headers['x-frame-options']).toBe('DENY');
    expect(second.headers['cache-control']).toBe('public, max-age=60, must-revalidate');
    expect(Number(second.headers['content-length'])).toBe(Buffer.byteLength(second.body));
    // Each response carries its own fresh form token, never the placeholder.
    expect(second.body).not.toContain(FORM_TOKEN_PLACEHOLDER);
    expect(second.body).toMatch(/<input value="[0-9a-z]+\.[A-Za-z0-9_-]{32}">$/);

    const notModified = await built.get('/page', {
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    expect(built.calls.page).toBe(1);

    const head = await built.get('/page', { method: 'HEAD' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(second.headers['content-length']);
    expect(built.calls.page).toBe(1);
    expect(app.pageCache.stats.hits).toBe(3);
  });

  it('hands on the URLs a feature claims for itself', async () => {
    const built = await appWithCache();
    app = built.app;
    app.pageCache.passThroughFrontDoor((url) => url.includes('?legacy'));
    await built.get('/page?legacy=1');
    const again = await built.get('/page?legacy=1');
    // The claimed URL reached its route both times, where the stored page answered.
    expect(built.calls.page).toBe(2);
    expect(again.body).toContain('page 1');
    await built.get('/page');
    await built.get('/page');
    expect(built.calls.page).toBe(3);
  });

  it('lets the route decide when the request carries cookies', async () => {
    const built = await appWithCache();
    app = built.app;
    await built.get('/page');
    await built.get('/page', { headers: { cookie: 'podium_reader=abc' } });
    expect(built.calls.page).toBe(2);
  });

  it('renders again after an invalidation, and never stores personal pages', async () => {
    const built = await appWithCache();
    app = built.app;
    await built.get('/page');
    app.pageCache.drop(['articles']);
    const fresh = await built.get('/page');
    expect(fresh.body).toContain('page 2');

    await built.get('/personal');
    await built.get('/personal');
    expect(built.calls.personal).toBe(2);
  });

  it('does not store a page whose route read its data before a write to it', async () => {
    const built = await appWithCache();
    app = built.app;
    const entered = built.gate.entered();
    const first = built.get('/reads-first');
    await entered;
    // The write lands after the route read, before it hands the page to the cache.
    app.pageCache.drop(['article:1']);
    built.gate.open();
    expect((await first).body).toBe('made 1');
    const again = built.gate.entered();
    const second = built.get('/reads-first');
    await again;
    built.gate.open();
    expect((await second).body).toBe('made 2');
  });

  it('stores a page whose render overlapped writes to other things only', async () => {
    const built = await appWithCache();
    app = built.app;
    const cache = app.pageCache;
    // Renders in flight while writes land: one to another article, then one to this one.
    let entered = built.gate.entered();
    const first = built.get('/slow');
    await entered;
    cache.drop(['article:2']);
    built.gate.open();
    expect((await first).body).toBe('slow 1');
    expect((await built.get('/slow')).body).toBe('slow 1'); // kept: its own tag was not touched

    cache.drop(['article:1']);
    entered = built.gate.entered();
    const second = built.get('/slow');
    await entered;
    cache.drop(['article:1']);
    built.gate.open();
    expect((await second).body).toBe('slow 2');
    entered = built.gate.entered();
    const third = built.get('/slow');
    await entered;
    built.gate.open();
    expect((await third).body).toBe('slow 3'); // the overlapped render was not kept
  });

  it('keeps routes that set cookies on the full path', async () => {
    const built = await appWithCache();
    app = built.app;
    await built.get('/sets-cookie');
    const again = await built.get('/sets-cookie');
    expect(built.calls.cookie).toBe(2);
    expect(again.headers['set-cookie']).toBeTruthy();
  });

  it('does nothing when the cache is off', async () => {
    const built = await appWithCache(false);
    app = built.app;
    await built.get('/page');
    await built.get('/page');
    expect(built.calls.page).toBe(2);
  });
});
