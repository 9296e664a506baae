// What committed writes said they touched, as the page cache hears it (infra/writes.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { changesOf } from '../../src/infra/writes.js';
import type { TestApp } from './app.js';

/** Collects the tags each committed write publishes from now on, one list per write. */
export function recordChanges(t: TestApp): string[][] {
  const seen: string[][] = [];
  changesOf(t.app.db).subscribe((tags) => seen.push([...tags]));
  return seen;
}

/** Announces a change as a write would, for data a test put in place by hand. */
export function announce(t: TestApp, tags: string[]): void {
  changesOf(t.app.db).publish(tags);
}

/** Runs `work` and returns its result with every tag the writes it made published. */
export async function touchedBy<T>(
  db: Kysely<Database>,
  work: () => Promise<T>,
): Promise<{ result: T; tags: string[] }> {
  const tags: string[] = [];
  const stop = changesOf(db).subscribe((touched) => tags.push(...touched));
  try {
    return { result: await work(), tags };
  } finally {
    stop();
  }
}
