// What pages show alike for every reader — the authors sidebar, the newsletter box, the comment
// rules, an article's rendered frame (title, byline, body, related) — is made once and kept
// until a write invalidates one of its cache tags. It rides on the page cache's invalidations
// (infra/page-cache.ts), so it is exact in the same way, across processes too. Unlike whole
// pages it is kept when PAGE_CACHE is off: it holds nothing personal, and personal pages (a
// reader who graded, a commenter) are the ones that need it.
//
// Loads are not shared while they run: a reader who comes after a write must never be handed
// a value that was being read before it. Of several loads of one key, the first to finish
// without having missed a write to one of its tags is kept (infra/tag-clock.ts).
import { TagClock } from './tag-clock.js';

interface Entry {
  value: unknown;
  tags: readonly string[];
}

export interface Tagged<T> {
  value: T;
  /** The cache tags naming everything the value was made from. */
  tags: readonly string[];
}

export class SharedData {
  private entries = new Map<string, Entry>();
  private keysByTag = new Map<string, Set<string>>();
  private clock = new TagClock();

  constructor(private readonly maxEntries = 2_000) {}

  /** The value under `key`, loaded once until one of `tags` is invalidated. */
  get<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    return this.getTagged(key, async () => ({ value: await load(), tags }));
  }

  /** As get, for values whose tags are known only once loaded (an article's authors …). */
  async getTagged<T>(key: string, load: () => Promise<Tagged<T>>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // Map order doubles as recency order for the size bound.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const startedAt = this.clock.start();
    const result = await load();
    if (!this.clock.missed(startedAt, result.tags)) this.keep(key, result);
    return result.value;
  }

  invalidate(tags: readonly string[]): void {
    this.clock.tick(tags);
    if (tags.includes('*')) {
      this.entries.clear();
      this.keysByTag.clear();
      return;
    }
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (keys) for (const key of [...keys]) this.delete(key);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private keep(key: string, result: Tagged<unknown>): void {
    this.delete(key);
    this.entries.set(key, { value: result.value, tags: result.tags });
    for (const tag of result.tags) {
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
  }
}
