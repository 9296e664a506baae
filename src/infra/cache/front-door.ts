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
import type { Encoding } from './compressed-body.js';
import { compressedLength, compressedPieces } from './compressed-body.js';
import { TOKEN_SLOT } from './page-body.js';
import {
  type CachedPage,
  cachedPageHeaders,
  etagOf,
  type FrontHeaders,
  type PageCache,
  variantFor,
} from './page-cache.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** The page's response headers as Node takes them fastest: one flat list. */
function headersOf(
  page: CachedPage,
  encoding: Encoding | undefined,
  extra: Record<string, string>,
): FrontHeaders {
  return { headers: Object.entries({ ...cachedPageHeaders(page, encoding), ...extra }).flat() };
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

  const variant = variantFor(page, request.headers['accept-encoding']);
  const encoding = variant?.encoding;
  page.front ??= {};
  const key = encoding ?? '';
  let front = page.front[key];
  if (!front) {
    front = headersOf(page, encoding, extraHeaders);
    page.front[key] = front;
  }
  if (request.headers['if-none-match'] === etagOf(page, encoding)) {
    response.writeHead(304, front.headers).end();
    return true;
  }
  const token = cache.formToken();
  const { slots } = page.body;
  const length = variant
    ? compressedLength(variant, token)
    : page.body.length + token.length * slots;
  if (front.withLength?.bytes !== length) {
    front.withLength = {
      bytes: length,
      headers: [...front.headers, 'content-length', String(length)],
    };
  }
  response.writeHead(200, front.withLength.headers);
  // Node leaves the body out of a HEAD answer by itself. The pieces go out as one write
  // (cork), without copying the page to splice the token in.
  response.cork();
  if (variant) {
    for (const piece of compressedPieces(variant, token)) response.write(piece);
  } else {
    for (const piece of page.body.pieces) response.write(piece === TOKEN_SLOT ? token : piece);
  }
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
