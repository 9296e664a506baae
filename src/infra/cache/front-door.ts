// The front door: a cookieless GET or HEAD for a page the cache holds is answered here, on
// the plain Node request, before Fastify builds its request and reply, routes and runs
// hooks. Such a request cannot be personal (no session, no flash, no reader key), and
// every header the full path would add is known in advance: the route's own (kept with
// the page), the cache's, and the security headers. Everything else goes to Fastify.
//
// Fastify's inject() calls Fastify's handler directly, so tests of the front door go
// through a real listening server (test/infra/front-door.test.ts).
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { TOKEN_SLOT } from './page-body.js';
import { type CachedPage, cachedPageHeaders, type PageCache } from './page-cache.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** The page's response headers as Node takes them fastest: one flat list. */
function headersOf(page: CachedPage, extra: Record<string, string>): string[] {
  return Object.entries({ ...cachedPageHeaders(page), ...extra }).flat();
}

/**
 * Answers the request from the cache when it may; false hands it on to Fastify untouched.
 * `extraHeaders` are the headers Fastify adds to every response (the security headers).
 */
export function answerFromCache(
  cache: PageCache,
  extraHeaders: Record<string, string>,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const method = request.method;
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (request.headers.cookie !== undefined) return false;
  const page = cache.frontDoorPage(request.url ?? '/');
  if (!page) return false;

  page.frontHeaders ??= headersOf(page, extraHeaders);
  if (request.headers['if-none-match'] === page.etag) {
    response.writeHead(304, page.frontHeaders).end();
    return true;
  }
  const token = cache.formToken();
  const { pieces, slots } = page.body;
  const length = page.body.length + token.length * slots;
  if (page.frontLength?.bytes !== length) {
    page.frontLength = {
      bytes: length,
      headers: [...page.frontHeaders, 'content-length', String(length)],
    };
  }
  response.writeHead(200, page.frontLength.headers);
  // Node leaves the body out of a HEAD answer by itself. The pieces go out as one write
  // (cork), without copying the page to splice the token in.
  response.cork();
  for (const piece of pieces) response.write(piece === TOKEN_SLOT ? token : piece);
  response.end();
  response.uncork();
  return true;
}

/**
 * Makes the HTTP server for Fastify (its `serverFactory`): the server Fastify would make,
 * with its timeouts, and the front door before Fastify's handler. The app is attached
 * once built, because the cache is decorated onto it after the server is made.
 */
export class FrontDoor {
  private app: FastifyInstance | undefined;
  private closing = false;

  constructor(private readonly extraHeaders: Record<string, string>) {}

  attach(app: FastifyInstance): void {
    this.app = app;
    // While closing, Fastify answers 503 so that clients go elsewhere: leave that to it.
    app.addHook('preClose', async () => {
      this.closing = true;
    });
  }

  readonly serverFactory = (
    handler: Handler,
    options: FastifyServerOptions & { http?: ServerOptions | null },
  ): Server => {
    const server = createServer(options.http ?? {}, (request, response) => {
      const cache = this.app?.pageCache;
      if (cache?.enabled && !this.closing) {
        if (answerFromCache(cache, this.extraHeaders, request, response)) return;
      }
      handler(request, response);
    });
    // Fastify fills in its defaults before calling the factory.
    if (options.keepAliveTimeout) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}
