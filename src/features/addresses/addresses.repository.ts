// The rows of `addresses`: one per mailbox, shared by newsletter subscriptions, deliveries
// and discussion followers. Every function takes a NormalisedEmail, so an address can only
// be looked up or created the way `checkEmail` / `normaliseEmail` wrote it.
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';
import type { NormalisedEmail } from './email-address.js';

export interface AddressRow {
  id: number;
  email: string;
  confirmed_at: string | null;
  suppressed_at: string | null;
}

const COLUMNS = ['id', 'email', 'confirmed_at', 'suppressed_at'] as const;

/** The address row of a mailbox, created on first use (two writers at once get one row). */
export async function ensureAddress(db: Db, email: NormalisedEmail): Promise<AddressRow> {
  await db
    .insertInto('addresses')
    .values({ email, created_at: nowIso() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return db
    .selectFrom('addresses')
    .select(COLUMNS)
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
}

/** The first confirmation (of a subscription or a follow) proves the mailbox. */
export async function markAddressConfirmed(db: Db, id: number): Promise<void> {
  await db
    .updateTable('addresses')
    .set({ confirmed_at: nowIso() })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .execute();
}

/** A bounce or complaint: nothing is mailed to the address any more. */
export async function suppressAddress(db: Db, id: number, reason: string): Promise<void> {
  await db
    .updateTable('addresses')
    .set({ suppressed_at: nowIso(), suppress_reason: reason })
    .where('id', '=', id)
    .where('suppressed_at', 'is', null)
    .execute();
}

/**
 * The forms under which a mailbox may have been stored: the normalised one, and the
 * decomposed one that writers before the one normaliser (or an older process still
 * running during an upgrade) stored for input typed that way. Case and spaces were
 * already handled by every writer.
 */
export function storedForms(email: NormalisedEmail): string[] {
  const decomposed = email.normalize('NFD');
  return decomposed === email ? [email] : [email, decomposed];
}

// One-time links that carry a reader's address: newsletter confirmations and the
// "forget me" links themselves. Account links belong to users and stay.
const READER_TOKEN_PURPOSES = ['subscribe-confirm', 'comments-forget'];

/**
 * Forgets a mailbox: every row of it goes, with its subscriptions, deliveries and follows
 * (the foreign keys cascade), and the one-time links that hold the address.
 * Returns how many address rows there were.
 */
export async function forgetMailbox(db: Db, email: NormalisedEmail): Promise<number> {
  const forms = storedForms(email);
  await db
    .deleteFrom('one_time_tokens')
    .where('purpose', 'in', READER_TOKEN_PURPOSES)
    .where('email', 'in', forms)
    .execute();
  const result = await db.deleteFrom('addresses').where('email', 'in', forms).executeTakeFirst();
  return Number(result.numDeletedRows);
}
