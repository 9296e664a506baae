// Anonymous pages are kept in memory and dropped exactly when something they show changes.
//
// Each entry carries tags ("article:12", "author:3", "topic:5", "articles", "comments" …)
// naming what it shows; a write invalidates the tags it touched (here and, on PostgreSQL,
// in every other process through LISTEN/NOTIFY, see infra/cache-bus.ts). A render that
// overlaps an invalidation is served but not stored, so a stale page is never kept.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createFormToken, FORM_TOKEN_PLACEHOLDER } from './form-token.js';

interface Entry {
  body: string;
  etag: string;
  tags: string[];
  contentType: string;
  hasFormToken: boolean;
}

export interface PageCacheStats {
  entries: number;
  hits: number;
  misses: number;
  invalidations: number;
}

export class PageCache {
  private entries = new Map<string, Entry>();
  private keysByTag = new Map<string, Set<string>>();
  private generation = 0;
  readonly stats: PageCacheStats = { entries: 0, hits: 0, misses: 0, invalidations: 0 };
  private remote: ((tags: string[]) => void) | undefined;

  constructor(
    readonly enabled: boolean,
    private readonly maxEntries = 5_000,
  ) {}

  /** Called by the cache bus so that invalidations reach other processes. */
  onLocalInvalidate(listener: (tags: string[]) => void): void {
    this.remote = listener;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.stats.hits++;
      // Map order doubles as recency order for the size bound.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      this.stats.misses++;
    }
    return entry;
  }

  currentGeneration(): number {
    return this.generation;
  }

  set(key: string, entry: Entry, renderedAtGeneration: number): void {
    if (!this.enabled || renderedAtGeneration !== this.generation) return;
    this.delete(key);
    this.entries.set(key, entry);
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) {
        keys = new Set();
        this.keysByTag.set(tag, keys);
      }
      keys.add(key);
    }
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.stats.entries = this.entries.size;
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
    this.stats.entries = this.entries.size;
  }

  /** Drops every page showing any of these tags, here and in other processes. */
  invalidate(tags: string[]): void {
    this.invalidateLocal(tags);
    this.remote?.(tags);
  }

  /** Drops pages in this process only (used by the bus for remote invalidations). */
  invalidateLocal(tags: string[]): void {
    if (tags.includes('*')) {
      this.clear();
      return;
    }
    this.generation++;
    this.stats.invalidations++;
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) this.delete(key);
    }
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
    this.keysByTag.clear();
    this.stats.entries = 0;
  }
}

export interface PageOptions {
  /** Tags naming everything the page shows. */
  tags: string[];
  /** Renders the page; must be pure for a given URL when the request is anonymous. */
  render: () => Promise<string> | string;
  /** True when this response holds something for this reader only: never cache it. */
  personal?: boolean;
  status?: number;
  contentType?: string;
  /** Seconds a CDN or browser may reuse the anonymous page. */
  maxAge?: number;
}

function etagOf(body: string): string {
  return `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
}

function fill(entry: Entry, secret: string): string {
  return entry.hasFormToken
    ? entry.body.replaceAll(FORM_TOKEN_PLACEHOLDER, createFormToken(secret))
    : entry.body;
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

/** Sends a page through the cache: ETag/304, Cache-Control and the fresh form token. */
export async function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: PageOptions,
): Promise<FastifyReply> {
  const cache = request.server.pageCache;
  const secret = request.server.config.secret;
  const status = options.status ?? 200;
  const anonymous = !options.personal && isAnonymousRequest(request) && status === 200;
  const key = `${request.method === 'HEAD' ? 'GET' : request.method} ${request.url}`;

  let entry = anonymous && cache.enabled ? cache.get(key) : undefined;
  if (!entry) {
    const generation = cache.currentGeneration();
    const body = await options.render();
    entry = {
      body,
      etag: etagOf(body),
      tags: options.tags,
      contentType: options.contentType ?? 'text/html; charset=utf-8',
      hasFormToken: body.includes(FORM_TOKEN_PLACEHOLDER),
    };
    if (anonymous) cache.set(key, entry, generation);
  }

  reply.status(status).header('content-type', entry.contentType);
  if (anonymous) {
    reply
      .header('cache-control', `public, max-age=${options.maxAge ?? 0}, must-revalidate`)
      .header('etag', entry.etag)
      .header('vary', 'Cookie');
    if (request.headers['if-none-match'] === entry.etag) return reply.status(304).send();
  } else {
    reply.header('cache-control', 'private, no-store');
  }
  return reply.send(fill(entry, secret));
}
