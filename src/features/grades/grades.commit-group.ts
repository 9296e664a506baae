// Group commit for grades on SQLite.
//
// SQLite has one connection and writes one transaction at a time; committing one (writing
// the changed pages to the write-ahead log) costs more CPU than the grade's own statements.
// Grades that arrive together are therefore recorded in one transaction, one after the
// other, each inside its own savepoint: a grade that fails is undone alone and its caller
// gets the error, the others still count. Every caller is answered only after the commit
// that holds its grade, so nothing is reported that is not stored (durability is exactly
// that of a single commit), and a vote and its aggregate change still commit together.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  work: Work<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Result = { ok: true; value: unknown } | { ok: false; error: unknown };

const SAVEPOINT = CompiledQuery.raw('savepoint grade');
const RELEASE = CompiledQuery.raw('release savepoint grade');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint grade');

/** Bounds one transaction (and so the wait of the last grade in it) under a burst. */
const MAX_GROUP = 256;

export class CommitGroup {
  private queue: Pending[] = [];
  private scheduled = false;

  constructor(private readonly db: Kysely<Database>) {}

  /** Runs `work` in the next group transaction; settles after that transaction's commit. */
  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the current I/O phase: every grade whose request was read in it joins.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        let results: Result[];
        try {
          results = await this.db.transaction().execute(async (trx) => {
            const done: Result[] = [];
            for (const item of group) {
              await trx.executeQuery(SAVEPOINT);
              try {
                done.push({ ok: true, value: await item.work(trx) });
              } catch (error) {
                await trx.executeQuery(ROLLBACK_TO);
                done.push({ ok: false, error });
              }
              await trx.executeQuery(RELEASE);
            }
            return done;
          });
        } catch (error) {
          // The transaction as a whole failed (commit, or undoing a savepoint): none is stored.
          for (const item of group) item.reject(error);
          continue;
        }
        group.forEach((item, i) => {
          const result = results[i]!;
          if (result.ok) item.resolve(result.value);
          else item.reject(result.error);
        });
      }
    } finally {
      this.scheduled = false;
    }
  }
}

const groups = new WeakMap<Kysely<Database>, CommitGroup>();

/** The commit group of a database handle (one per handle, shared by its callers). */
export function commitGroupOf(db: Kysely<Database>): CommitGroup {
  let group = groups.get(db);
  if (!group) {
    group = new CommitGroup(db);
    groups.set(db, group);
  }
  return group;
}
