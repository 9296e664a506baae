// The time step of the last two-factor code a user logged in with: a code is accepted once
// (RFC 6238, 5.2), so a code seen over someone's shoulder or caught in transit cannot be
// used again within the minute it stays valid.
import type { MigrationDb } from '../migration-helpers.js';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.alterTable('users').dropColumn('totp_last_step').execute();
}
