// Records the tags every write hands to the page cache (the cache itself still runs).
import type { TestApp } from '../helpers/app.js';

export function recordInvalidations(t: TestApp): string[][] {
  const seen: string[][] = [];
  const cache = t.app.pageCache;
  const invalidate = cache.invalidate.bind(cache);
  cache.invalidate = (tags: string[]) => {
    seen.push([...tags]);
    invalidate(tags);
  };
  return seen;
}
