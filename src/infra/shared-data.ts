// What pages show alike for every reader — the authors sidebar, the newsletter box, the comment
// rules, an article's rendered frame (title, byline, body, related) — is made once and kept
// until a write invalidates one of its cache tags. It rides on the page cache's invalidations
// (infra/page-cache.ts), so it is exact in the same way, across processes too. Unlike whole
// pages it is kept when PAGE_CACHE is off: it holds nothing personal, and personal pages (a
// reader who graded, a commenter) are the ones that need it.

interface Entry {
  value: Promise<unknown>;
  /** Known once the load has finished; until then any invalidation drops the entry. */
  tags: readonly string[] | undefined;
}

export interface Tagged<T> {
  value: T;
  /** The cache tags naming everything the value was made from. */
  tags: readonly string[];
}

export class SharedData {
  private entries = new Map<string, Entry>();
  private generation = 0;

  constructor(private readonly maxEntries = 2_000) {}

  /** The value under `key`, loaded once until one of `tags` is invalidated. */
  get<T>(key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
    return this.getTagged(key, async () => ({ value: await load(), tags }));
  }

  /** As get, for values whose tags are known only once loaded (an article's authors …). */
  getTagged<T>(key: string, load: () => Promise<Tagged<T>>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      // Map order doubles as recency order for the size bound.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const generation = this.generation;
    const entry: Entry = { value: Promise.resolve(), tags: undefined };
    const loaded = load();
    entry.value = loaded.then((result) => result.value);
    // Concurrent readers share one load. A load that overlapped an invalidation may hold
    // what was just changed: it answers its own callers but is not kept.
    loaded.then(
      (result) => {
        if (this.entries.get(key) !== entry) return;
        if (generation !== this.generation) this.entries.delete(key);
        else entry.tags = result.tags;
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return entry.value as Promise<T>;
  }

  invalidate(tags: readonly string[]): void {
    this.generation++;
    if (tags.includes('*')) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) {
      if (entry.tags === undefined || entry.tags.some((tag) => tags.includes(tag))) {
        this.entries.delete(key);
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
