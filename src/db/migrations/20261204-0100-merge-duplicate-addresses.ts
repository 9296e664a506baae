// Before one normaliser served the whole product, the newsletter stored addresses trimmed
// and lowered but not composed (NFC) while comments composed them, so one mailbox could
// own two `addresses` rows and "forget me" could miss one. This merges every set of rows
// that normalise alike into one, with the normalised address, and brings the addresses
// kept in comments, users and one-time links to that form too.
//
// It uses the product's own normaliser on purpose: the rows must end up exactly as the
// code that reads them looks them up, and a second copy of the rule is what caused this.
//
// Children of a merged row move to the surviving row. Where both rows have one under a
// UNIQUE key (a subscription to the same list, a follow of the same article, a delivery of
// the same edition) one is kept: the subscription with the reader's latest decision, the
// confirmed follow, the sent delivery, else the surviving row's own.
import { normaliseEmail } from '../../features/addresses/email-address.js';
import type { MigrationDb } from '../migration-helpers.js';

const BATCH = 1000;

interface AddressRow {
  id: number;
  email: string;
  confirmed_at: string | null;
  suppressed_at: string | null;
  suppress_reason: string | null;
  created_at: string;
}

export interface MergeSummary {
  /** Address rows removed because another row is the same mailbox. */
  merged: number;
  /** Rows (of any table) whose address was rewritten to the normal form. */
  rewritten: number;
}

export async function up(db: MigrationDb): Promise<void> {
  await mergeDuplicateAddresses(db);
}

/** Nothing to undo: which rows were one mailbox cannot be told apart again. */
export async function down(_db: MigrationDb): Promise<void> {}

export async function mergeDuplicateAddresses(db: MigrationDb): Promise<MergeSummary> {
  // PostgreSQL runs each migration in a transaction already; SQLite's migrator does not.
  if (db.isTransaction) return merge(db);
  return db.transaction().execute((trx) => merge(trx));
}

async function merge(db: MigrationDb): Promise<MergeSummary> {
  const summary: MergeSummary = { merged: 0, rewritten: 0 };
  for (const rows of (await addressGroups(db)).values()) {
    await mergeGroup(db, rows, summary);
  }
  summary.rewritten += await rewriteColumn(db, 'comments', 'email');
  summary.rewritten += await rewriteColumn(db, 'one_time_tokens', 'email');
  summary.rewritten += await rewriteUsers(db);
  return summary;
}

/** Rows by normalised address, for the mailboxes that need work only. */
async function addressGroups(db: MigrationDb): Promise<Map<string, AddressRow[]>> {
  // The one row seen so far of each mailbox whose rows are all fine until now.
  const single = new Map<string, AddressRow>();
  const groups = new Map<string, AddressRow[]>();
  let after = 0;
  for (;;) {
    const rows: AddressRow[] = await db
      .selectFrom('addresses')
      .select(['id', 'email', 'confirmed_at', 'suppressed_at', 'suppress_reason', 'created_at'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const key = normaliseEmail(row.email);
      const group = groups.get(key);
      const first = single.get(key);
      if (group) group.push(row);
      else if (first) {
        groups.set(key, [first, row]);
        single.delete(key);
      } else if (row.email !== key) groups.set(key, [row]);
      else single.set(key, row);
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  return groups;
}

function earliest(values: (string | null)[]): string | null {
  let first: string | null = null;
  for (const v of values) if (v !== null && (first === null || v < first)) first = v;
  return first;
}

async function mergeGroup(db: MigrationDb, rows: AddressRow[], summary: MergeSummary) {
  const email = normaliseEmail(rows[0]!.email);
  // The row already in normal form survives (nothing else needs to change for it), else the oldest.
  const survivor =
    rows.find((r) => r.email === email) ?? rows.reduce((a, b) => (a.id < b.id ? a : b));
  const suppressed = rows
    .filter((r) => r.suppressed_at !== null)
    .sort((a, b) => (a.suppressed_at! < b.suppressed_at! ? -1 : 1))[0];
  for (const row of rows) {
    if (row.id === survivor.id) continue;
    await moveSubscriptions(db, row.id, survivor.id);
    await moveChildren(
      db,
      'followers',
      'article_id',
      row.id,
      survivor.id,
      (kept, moving) => kept.confirmed_at === null && moving.confirmed_at !== null,
    );
    await moveChildren(
      db,
      'deliveries',
      'edition_id',
      row.id,
      survivor.id,
      (kept, moving) => kept.state !== 'sent' && moving.state === 'sent',
    );
    await db
      .updateTable('audit_log')
      .set({ subject_id: String(survivor.id) })
      .where('subject_type', '=', 'address')
      .where('subject_id', '=', String(row.id))
      .execute();
    await db.deleteFrom('addresses').where('id', '=', row.id).execute();
    summary.merged++;
  }
  // A mailbox that bounced or complained in any of its rows stays suppressed.
  await db
    .updateTable('addresses')
    .set({
      email,
      confirmed_at: earliest(rows.map((r) => r.confirmed_at)),
      suppressed_at: suppressed?.suppressed_at ?? null,
      suppress_reason: suppressed?.suppress_reason ?? null,
      created_at: earliest(rows.map((r) => r.created_at))!,
    })
    .where('id', '=', survivor.id)
    .execute();
  if (survivor.email !== email) summary.rewritten++;
}

// biome-ignore lint/suspicious/noExplicitAny: rows of whichever child table is being moved
type ChildRow = Record<string, any>;

/**
 * Moves the rows of `table` from one address to another. A row whose `key` the target
 * already has is dropped, unless `moveWins(kept, moving)` says the moving one is better:
 * then the target's row goes instead.
 */
async function moveChildren(
  db: MigrationDb,
  table: 'followers' | 'deliveries' | 'subscriptions',
  key: string,
  from: number,
  to: number,
  moveWins: (kept: ChildRow, moving: ChildRow) => boolean,
): Promise<void> {
  const kept: ChildRow[] = await db
    .selectFrom(table)
    .selectAll()
    .where('address_id', '=', to)
    .execute();
  const keptBy = new Map(kept.map((r) => [r[key], r]));
  const moving: ChildRow[] = await db
    .selectFrom(table)
    .selectAll()
    .where('address_id', '=', from)
    .execute();
  for (const row of moving) {
    const clash = keptBy.get(row[key]);
    if (clash && !moveWins(clash, row)) {
      await db.deleteFrom(table).where('id', '=', row.id).execute();
      continue;
    }
    if (clash) await db.deleteFrom(table).where('id', '=', clash.id).execute();
    await db.updateTable(table).set({ address_id: to }).where('id', '=', row.id).execute();
  }
}

/** The moment of a subscription's last decision: consent, confirmation or leaving. */
function lastDecision(row: ChildRow): string {
  let last = '';
  for (const at of [row.consent_at, row.confirmed_at, row.unsubscribed_at]) {
    if (typeof at === 'string' && at > last) last = at;
  }
  return last;
}

function moveSubscriptions(db: MigrationDb, from: number, to: number): Promise<void> {
  // The reader's latest word counts: a later "unsubscribe" beats an older confirmation.
  return moveChildren(
    db,
    'subscriptions',
    'list_id',
    from,
    to,
    (kept, moving) => lastDecision(moving) > lastDecision(kept),
  );
}

/** Rewrites a column of addresses that are not in normal form; returns how many rows. */
async function rewriteColumn(
  db: MigrationDb,
  table: 'comments' | 'one_time_tokens',
  column: 'email',
): Promise<number> {
  let rewritten = 0;
  let after: string | number | null = null;
  for (;;) {
    let query = db
      .selectFrom(table)
      .select(['id', column])
      .where(column, 'is not', null)
      .orderBy('id')
      .limit(BATCH);
    if (after !== null) query = query.where('id', '>', after);
    const rows: { id: string | number; email: string }[] = await query.execute();
    for (const row of rows) {
      const email = normaliseEmail(row.email);
      if (email === row.email) continue;
      await db.updateTable(table).set({ email }).where('id', '=', row.id).execute();
      rewritten++;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  return rewritten;
}

/**
 * Users' addresses are their login: rewritten where no other account has the normal form
 * already. Two accounts of one mailbox are two people's business to sort out, not ours.
 */
async function rewriteUsers(db: MigrationDb): Promise<number> {
  const users: { id: number; email: string }[] = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .orderBy('id')
    .execute();
  const taken = new Set(users.map((u) => u.email));
  let rewritten = 0;
  for (const user of users) {
    const email = normaliseEmail(user.email);
    if (email === user.email || taken.has(email)) continue;
    await db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
    taken.add(email);
    rewritten++;
  }
  return rewritten;
}
