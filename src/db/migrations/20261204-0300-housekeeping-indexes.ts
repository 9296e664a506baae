// Indexes for the periodic clean-ups (features/housekeeping): each sweep deletes in small
// batches found through one of these, never by reading a whole table. The address_id
// indexes also serve the foreign keys' cascades when an address row is deleted, and the
// check that nothing refers to an address any more.
import { sql } from 'kysely';
import type { MigrationDb } from '../migration-helpers.js';

export async function up(db: MigrationDb): Promise<void> {
  // The primary key leads with the key, so it cannot find old windows across all keys.
  await db.schema
    .createIndex('rate_counters_window')
    .on('rate_counters')
    .column('window_start')
    .execute();
  await db.schema.createIndex('mailbox_created').on('mailbox').column('created_at').execute();
  await db.schema
    .createIndex('one_time_tokens_expires')
    .on('one_time_tokens')
    .column('expires_at')
    .execute();
  // Partial: only the few follows and subscriptions still waiting for their confirmation.
  await db.schema
    .createIndex('followers_unconfirmed')
    .on('followers')
    .column('created_at')
    .where(sql<boolean>`confirmed_at is null`)
    .execute();
  await db.schema
    .createIndex('subscriptions_unconfirmed')
    .on('subscriptions')
    .column('consent_at')
    .where(sql<boolean>`state = 'pending' and confirmed_at is null`)
    .execute();
  for (const table of ['followers', 'subscriptions', 'deliveries']) {
    await db.schema.createIndex(`${table}_address`).on(table).column('address_id').execute();
  }
}

export async function down(db: MigrationDb): Promise<void> {
  for (const name of [
    'deliveries_address',
    'subscriptions_address',
    'followers_address',
    'subscriptions_unconfirmed',
    'followers_unconfirmed',
    'one_time_tokens_expires',
    'mailbox_created',
    'rate_counters_window',
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
