// Anonymous pages are kept in memory and dropped exactly when something they show changes.
//
// Each entry carries tags ("article:12", "author:3", "topic:5", "articles", "comments" …)
// naming what it shows; a committed write publishes the tags it touched on the database's
// change feed (infra/writes.ts), which this cache follows, here and, through the bus, in
// every other process (infra/cache/bus.ts). A render that
// overlaps an invalidation of one of its tags is served but not stored, so a stale page is
// never kept (and steady writes to one article do not keep other pages from being stored).
// The same invalidations reach `shared` (infra/cache/shared-data.ts): data every page shows.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createFormToken } from '../form-token.js';
import type { ChangeFeed } from '../writes.js';
import {
  type CompressedBody,
  compressBody,
  compressedLength,
  compressedPieces,
  type Encoding,
  etagForEncoding,
  preferredEncoding,
} from './compressed-body.js';
import { type EncodedBody, encodeBody, fillBody, type PageBody } from './page-body.js';
import { SharedData } from './shared-data.js';
import { TaggedStore } from './tagged-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** When the request began, on the page cache's clock (see registerPageCacheHooks). */
    pageStartedAt?: number;
  }
}

/** Where the page for a URL is kept: a HEAD is answered from the GET's page. */
function pageKey(url: string): string {
  return `GET ${url}`;
}

export interface CachedPage {
  /** The body encoded once, with a slot for each form token (infra/cache/page-body.ts). */
  body: EncodedBody;
  etag: string;
  tags: string[];
  contentType: string;
  /** Cache-Control max-age the route asked for. */
  maxAge: number;
  /** Headers the route set before sending (never Set-Cookie), replayed on a fast hit. */
  headers: Record<string, string>;
  /** False when the route set a cookie: only the full route may answer then. */
  fastPath: boolean;
  /** The page compressed, made when a reader first asks for it so (null: cannot be). */
  compressed?: Partial<Record<Encoding, CompressedBody | null>>;
  /** The front door's answer headers per encoding ('' for none), made on its first answer. */
  front?: Partial<Record<Encoding | '', FrontHeaders>>;
}

export interface FrontHeaders {
  /** Every response header but the length. */
  headers: string[];
  /** The same with the length, for a body of `bytes` (the form token's length can vary). */
  withLength?: { bytes: number; headers: string[] };
}

/** The page in the encoding this request prefers and the page can carry, if any. */
export function variantFor(
  page: CachedPage,
  acceptEncoding: string | string[] | undefined,
): CompressedBody | undefined {
  const encoding = preferredEncoding(acceptEncoding, page.body.slots === 0);
  if (!encoding) return undefined;
  page.compressed ??= {};
  let variant = page.compressed[encoding];
  if (variant === undefined) {
    variant = compressBody(page.body, encoding) ?? null;
    page.compressed[encoding] = variant;
  }
  return variant ?? undefined;
}

/** Each encoding of a page has a validator of its own, so caches never mix them up. */
export function etagOf(page: CachedPage, encoding: Encoding | undefined): string {
  return etagForEncoding(page.etag, encoding);
}

export interface PageCacheStats {
  entries: number;
  hits: number;
  misses: number;
  invalidations: number;
}

export class PageCache {
  private pages: TaggedStore<CachedPage>;
  readonly stats: PageCacheStats = { entries: 0, hits: 0, misses: 0, invalidations: 0 };
  private passThrough: Array<(url: string) => boolean> = [];
  /** Data shown alike on many pages, kept even when whole pages are not (see shared-data.ts). */
  readonly shared = new SharedData();

  constructor(
    readonly enabled: boolean,
    /** Signs the form tokens filled into pages (the site's SECRET). */
    private readonly secret: string,
    maxEntries = 5_000,
  ) {
    this.pages = new TaggedStore(maxEntries);
  }

  /**
   * URLs the front door must hand on to Fastify even when a page is stored for them: a
   * feature whose onRequest hook may answer such a URL itself registers them here.
   */
  passThroughFrontDoor(matches: (url: string) => boolean): void {
    this.passThrough.push(matches);
  }

  /** The page the front door may answer a cookieless GET for `url` with, if any. */
  frontDoorPage(url: string): CachedPage | undefined {
    const page = this.pages.get(pageKey(url));
    if (!page?.fastPath) return undefined;
    for (const matches of this.passThrough) if (matches(url)) return undefined;
    this.stats.hits++;
    return page;
  }

  /** The form token every page answered in this second carries. */
  formToken(): Buffer {
    return currentFormToken(this.secret);
  }

  /**
   * Drops what a committed write touched, whenever the database's change feed says so: the
   * writes of this process (infra/writes.ts) and, through the bus, of every other one.
   */
  follow(changes: ChangeFeed): void {
    changes.subscribe((tags) => this.drop(tags));
  }

  get(key: string): CachedPage | undefined {
    const entry = this.pages.get(key);
    if (entry) this.stats.hits++;
    else this.stats.misses++;
    return entry;
  }

  /** To pass to set: when the render began. */
  renderStarted(): number {
    return this.pages.started();
  }

  set(key: string, entry: CachedPage, renderStartedAt: number): void {
    if (!this.enabled) return;
    // Refused when the render overlapped an invalidation of one of its own tags.
    this.pages.set(key, entry, renderStartedAt);
    this.stats.entries = this.pages.size;
  }

  /** The page at `key` must be answered by its route even for cookieless requests. */
  disableFastPath(key: string): void {
    const entry = this.pages.peek(key);
    if (entry) entry.fastPath = false;
  }

  /** Drops the pages and shared pieces that show any of these tags, in this process. */
  drop(tags: readonly string[]): void {
    this.shared.invalidate(tags);
    this.pages.invalidate(tags);
    if (!tags.includes('*')) this.stats.invalidations++;
    this.stats.entries = this.pages.size;
  }

  clear(): void {
    this.drop(['*']);
  }

  /**
   * While other processes' writes cannot be heard (the bus is reconnecting), nothing is kept
   * and every page is rendered anew; release() drops what was made meanwhile.
   */
  hold(): void {
    this.pages.hold();
    this.shared.hold();
    this.stats.entries = 0;
  }

  release(): void {
    this.pages.release();
    this.shared.release();
  }
}

export interface PageOptions {
  /** Tags naming everything the page shows. */
  tags: string[];
  /** Renders the page; must be pure for a given URL when the request is anonymous. */
  render: () => Promise<PageBody> | PageBody;
  /** True when this response holds something for this reader only: never cache it. */
  personal?: boolean;
  status?: number;
  contentType?: string;
  /** Seconds a CDN or browser may reuse the anonymous page. */
  maxAge?: number;
}

// One token per second serves every response in that second: the token only carries its
// time and signature, and signing on every hit was a measurable part of serving a page.
let tokenSecond = -1;
let tokenBuffer = Buffer.alloc(0);
let tokenSecret = '';
function currentFormToken(secret: string): Buffer {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== tokenSecond || secret !== tokenSecret) {
    tokenSecond = second;
    tokenSecret = secret;
    tokenBuffer = Buffer.from(createFormToken(secret, second * 1000));
  }
  return tokenBuffer;
}

/** True when the request may be served from, and stored in, the shared cache. */
export function isAnonymousRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const cookies = request.cookies ?? {};
  for (const name of Object.keys(cookies)) {
    // A session or a flash message makes the page personal.
    if (name.includes('podium_session') || name.includes('podium_flash')) return false;
  }
  return true;
}

/** Headers a route set on the reply before calling sendPage, minus cookies. */
function routeHeaders(reply: FastifyReply): {
  headers: Record<string, string>;
  setsCookie: boolean;
} {
  const headers: Record<string, string> = {};
  let setsCookie = false;
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (name === 'set-cookie') {
      setsCookie = true;
      continue;
    }
    if (name === 'content-type' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { headers, setsCookie };
}

/** The headers of a stored page's answer, wherever it is answered from (see front-door.ts). */
export function cachedPageHeaders(page: CachedPage, encoding?: Encoding): Record<string, string> {
  return {
    ...page.headers,
    'content-type': page.contentType,
    'cache-control': `public, max-age=${page.maxAge}, must-revalidate`,
    etag: etagOf(page, encoding),
    vary: 'Cookie, Accept-Encoding',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  };
}

function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  entry: CachedPage,
): FastifyReply {
  const variant = variantFor(entry, request.headers['accept-encoding']);
  const headers = cachedPageHeaders(entry, variant?.encoding);
  reply.status(200).headers(headers);
  if (request.headers['if-none-match'] === headers.etag) return reply.status(304).send();
  const token = request.server.pageCache.formToken();
  if (!variant) return reply.send(fillBody(entry.body, token));
  return reply.send(
    Buffer.concat(compressedPieces(variant, token), compressedLength(variant, token)),
  );
}

/**
 * The page cache's hooks, registered once before the features by the app. Every request is
 * stamped with the cache's clock when it begins (see below). And a cookieless GET for a
 * stored page is answered by the front door (infra/cache/front-door.ts) before Fastify sees
 * it; cookie plugins write Set-Cookie only while sending, so a page whose route set one is
 * marked here to keep going through its route, so that every reader still gets the cookie.
 */
export function registerPageCacheHooks(app: FastifyInstance): void {
  const cache = app.pageCache;
  // A page is made from what its route reads, from the start of the request on: a write to
  // one of its tags after this moment keeps it from being stored, also a write that landed
  // while the route was still reading, before it called sendPage.
  app.addHook('onRequest', async (request) => {
    request.pageStartedAt = cache.renderStarted();
  });
  if (!cache.enabled) return;
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' || !reply.hasHeader('set-cookie')) return;
    cache.disableFastPath(pageKey(request.url));
  });
}

/**
 * Answers from the stored page for this URL when the request may be and one is stored; a
 * route that knows early that its answer would not be personal calls this before loading
 * anything, so a stored page costs no query. Undefined when the route must render.
 */
export function sendStoredPage(
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply | undefined {
  const cache = request.server.pageCache;
  if (!cache.enabled || !isAnonymousRequest(request)) return undefined;
  const stored = cache.get(pageKey(request.url));
  return stored ? sendCachedPage(request, reply, stored) : undefined;
}

/** Sends a page through the cache: ETag/304, Cache-Control and the fresh form token. */
export async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions,
): Promise<FastifyReply> {
  const cache = request.server.pageCache;
  const status = options.status ?? 200;
  const anonymous = !options.personal && isAnonymousRequest(request) && status === 200;
  // Only GET and HEAD are ever stored, under one key.
  const key = pageKey(request.url);

  const storable = anonymous && cache.enabled;
  const stored = storable ? cache.get(key) : undefined;
  if (stored) return sendCachedPage(request, reply, stored);

  const startedAt = request.pageStartedAt ?? cache.renderStarted();
  const body = await options.render();
  const contentType = options.contentType ?? 'text/html; charset=utf-8';
  if (storable) {
    const { etag = '', ...encoded } = encodeBody(body, { etag: true });
    const { headers, setsCookie } = routeHeaders(reply);
    const entry: CachedPage = {
      body: encoded,
      etag,
      tags: options.tags,
      contentType,
      maxAge: options.maxAge ?? 0,
      headers,
      fastPath: !setsCookie,
    };
    cache.set(key, entry, startedAt);
    return sendCachedPage(request, reply, entry);
  }

  // Made for this response alone (personal, or the cache is off).
  reply.status(status).header('content-type', contentType);
  const encoded = encodeBody(body, { etag: anonymous });
  if (!anonymous) {
    return reply
      .header('cache-control', 'private, no-store')
      .send(fillBody(encoded, cache.formToken()));
  }
  const etag = encoded.etag ?? '';
  reply
    .header('cache-control', `public, max-age=${options.maxAge ?? 0}, must-revalidate`)
    .header('etag', etag)
    .header('vary', 'Cookie, Accept-Encoding');
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.send(fillBody(encoded, cache.formToken()));
}
