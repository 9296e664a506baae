// What pages show alike for every reader — the authors sidebar, the newsletter box, the comment
// rules, an article's rendered frame (title, byline, body, related) — is made once and kept
// until a write invalidates one of its cache tags. It rides on the page cache's invalidations
// (infra/cache/page-cache.ts), so it is exact in the same way, across processes too. Unlike whole
// pages it is kept when PAGE_CACHE is off: it holds nothing personal, and personal pages (a
// reader who graded, a commenter) are the ones that need it.
//
// Loads are not shared while they run: a reader who comes after a write must never be handed
// a value that was being read before it. Of several loads of one key, the first to finish
// without having missed a write to one of its tags is kept (infra/cache/tagged-store.ts).
import { TaggedStore } from './tagged-store.js';

export interface Tagged<T> {
  value: T;
  /** The cache tags naming everything the value was made from. */
  tags: readonly string[];
}

export class SharedData {
  private store: TaggedStore<Tagged<unknown>>;

  constructor(maxEntries = 2_000) {
    this.store = new TaggedStore(maxEntries);
  }

  /** The value under `key`, loaded once until one of `tags` is invalidated. */
  get<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    return this.getTagged(key, async () => ({ value: await load(), tags }));
  }

  /**
   * As get, for values whose tags are known only once loaded (an article's authors …).
   * `since`: for a value made from other kept values or rows read earlier, when those were
   * read; a write since then to one of its tags keeps it from being kept.
   */
  async getTagged<T>(key: string, load: () => Promise<Tagged<T>>, since?: number): Promise<T> {
    const hit = this.store.get(key);
    if (hit) return hit.value as T;
    const startedAt = since ?? this.store.started();
    const result = await load();
    this.store.set(key, result, startedAt);
    return result.value;
  }

  /** The moment to pass as `since` for a value made from what is read from now on. */
  started(): number {
    return this.store.started();
  }

  hold(): void {
    this.store.hold();
  }

  release(): void {
    this.store.release();
  }

  invalidate(tags: readonly string[]): void {
    this.store.invalidate(tags);
  }

  get size(): number {
    return this.store.size;
  }
}

/** A kept value declared once: its name, what keys it, and how it is made with its tags. */
export interface SharedValue<A extends unknown[], T> {
  readonly name: string;
  /** The kept value for these arguments, made once until one of its tags is written. */
  get(shared: SharedData, ...args: A): Promise<T>;
  /**
   * The same, for a value made from inputs read at `since` (shared.started() taken before
   * reading them): one of its tags written since then keeps what is made from them out.
   */
  getMadeSince(shared: SharedData, since: number, ...args: A): Promise<T>;
}

export function sharedValue<A extends unknown[], T>(spec: {
  name: string;
  /** What tells one kept value of this name from another (an article id …); none: one value. */
  key?: (...args: A) => string | number;
  load: (...args: A) => Promise<Tagged<T>>;
}): SharedValue<A, T> {
  return {
    name: spec.name,
    get(shared, ...args) {
      const key = spec.key ? `${spec.name}:${spec.key(...args)}` : spec.name;
      return shared.getTagged(key, () => spec.load(...args));
    },
    getMadeSince(shared, since, ...args) {
      const key = spec.key ? `${spec.name}:${spec.key(...args)}` : spec.name;
      return shared.getTagged(key, () => spec.load(...args), since);
    },
  };
}

/** For values whose tags are known in advance. */
export function withTags<T>(tags: readonly string[], value: T): Tagged<T> {
  return { value, tags };
}
