// The store under both the page cache (whole pages) and the shared data (pieces of pages):
// values kept by key, each naming the cache tags of what it was made from, bounded in number
// with the least recently used dropped first. A value made while one of its own tags was
// invalidated is refused, so nothing stale is ever kept (infra/cache/tag-clock.ts).
import { TagClock } from './tag-clock.js';

export class TaggedStore<V extends { readonly tags: readonly string[] }> {
  private entries = new Map<string, V>();
  private keysByTag = new Map<string, Set<string>>();
  private clock = new TagClock();
  /** While held, nothing is kept: the store cannot hear about writes (see bus.ts). */
  private held = false;

  constructor(private readonly maxEntries: number) {}

  /** The value under `key`, counted as just used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map order doubles as recency order for the size bound.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** The value under `key`, without counting it as used. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** When making a value began: pass it to set. */
  started(): number {
    return this.clock.start();
  }

  /** Keeps the value unless one of its tags was invalidated since `startedAt`. */
  set(key: string, value: V, startedAt: number): boolean {
    if (this.held) return false;
    if (this.clock.missed(startedAt, value.tags)) return false;
    this.delete(key);
    this.entries.set(key, value);
    for (const tag of value.tags) {
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
    return true;
  }

  /** Drops everything and keeps nothing until release(): writes may go unheard meanwhile. */
  hold(): void {
    this.held = true;
    this.invalidate(['*']);
  }

  /** Keeps values again; whatever was being made while held is refused (it may be stale). */
  release(): void {
    this.invalidate(['*']);
    this.held = false;
  }

  /** Drops every value made from any of these tags ('*': all of them). */
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

  private delete(key: string): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    for (const tag of value.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
