// The one write path. A service that changes anything a page may show runs its work in
// runWrite and says what it touched (`w.touch(cacheTags.article(id))`) and which jobs it
// queued (`w.enqueue(...)`); after the commit, and only then, the touched tags are handed to
// the database's change feed and the job runner is woken. Whoever keeps something made from
// the data (this process's page cache and shared pieces, other processes over the bus)
// subscribes to the feed; no route, job or command talks to a cache itself, so a new write
// path cannot forget to drop a page, and a rolled-back write drops nothing.
//
// The feed belongs to the database handle: every Kysely instance has one, found from the
// instance itself, so repositories and services keep taking a plain `db`.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { enqueue, jobSignal, type NewJob, takeQueuedIn } from '../jobs/queue.js';
import type { Db } from './db.js';

export type ChangeListener = (tags: readonly string[]) => void;

/** What a database's writers publish after each commit: the cache tags they touched. */
export class ChangeFeed {
  private listeners = new Set<ChangeListener>();

  /** Calls `listener` after every committed write with the tags it touched. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every subscriber that what these tags name has changed (after a commit). */
  publish(tags: readonly string[]): void {
    if (tags.length === 0) return;
    for (const listener of this.listeners) listener(tags);
  }
}

const feeds = new WeakMap<Kysely<Database>, ChangeFeed>();

/** The change feed of a database (one per Kysely instance, made when first asked for). */
export function changesOf(db: Kysely<Database>): ChangeFeed {
  let feed = feeds.get(db);
  if (!feed) {
    feed = new ChangeFeed();
    feeds.set(db, feed);
  }
  return feed;
}

export interface Write {
  /** The transaction every statement of the write runs in. */
  trx: Transaction<Database>;
  /** Names what the write changed; published once the transaction has committed. */
  touch(...tags: string[]): void;
  /** Queues a job in the same transaction; the runner is woken after the commit. */
  enqueue(job: NewJob): Promise<boolean>;
}

interface OpenWrite extends Write {
  tags: Set<string>;
}

const openWrites = new WeakMap<Transaction<Database>, OpenWrite>();

/**
 * Runs `work` in one transaction and publishes what it touched after the commit. Called
 * with the transaction of a write already under way, it joins that write: its tags and
 * jobs are published when the outer write commits.
 */
export async function runWrite<T>(db: Db, work: (w: Write) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    const open = openWrites.get(db as Transaction<Database>);
    // A transaction opened elsewhere could commit without publishing: refuse it outright.
    if (!open) throw new Error('runWrite was given a transaction that runWrite did not open');
    return work(open);
  }
  const root = db as Kysely<Database>;
  let write: OpenWrite | undefined;
  const result = await root.transaction().execute(async (trx) => {
    write = openWriteOn(trx);
    openWrites.set(trx, write);
    return work(write);
  });
  // Only a committed transaction gets here.
  if (write) afterCommit(root, write);
  return result;
}

function openWriteOn(trx: Transaction<Database>): OpenWrite {
  const write: OpenWrite = {
    trx,
    tags: new Set(),
    touch(...tags) {
      for (const tag of tags) write.tags.add(tag);
    },
    // The queue remembers that this transaction queued a job (so does a plain enqueue(trx)).
    enqueue: (job) => enqueue(trx, job),
  };
  return write;
}

function afterCommit(db: Kysely<Database>, write: OpenWrite): void {
  changesOf(db).publish([...write.tags]);
  if (takeQueuedIn(write.trx)) jobSignal.notify();
}

/**
 * For code that manages its own transactions (the grades' commit group): publishes tags
 * once the caller's transaction has committed. Everything else uses runWrite.
 */
export function publishCommitted(db: Kysely<Database>, tags: readonly string[]): void {
  changesOf(db).publish(tags);
}
