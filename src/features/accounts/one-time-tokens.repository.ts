// Single-use links (setup, invite, reset). Only the SHA-256 of a token is stored.
import type { Db } from '../../infra/db.js';

export type TokenPurpose = 'setup' | 'invite' | 'reset' | 'email';

export async function insertToken(
  db: Db,
  row: {
    id: string;
    purpose: TokenPurpose;
    userId: number | null;
    email: string | null;
    credentialsVersion: number | null;
    expiresAt: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      id: row.id,
      purpose: row.purpose,
      user_id: row.userId,
      email: row.email,
      payload: null,
      credentials_version: row.credentialsVersion,
      expires_at: row.expiresAt,
      created_at: row.now,
      used_at: null,
    })
    .execute();
}

/** An unused, unexpired token of one of these purposes, with its user if it has one. */
export async function findUsableToken(db: Db, id: string, purposes: TokenPurpose[], now: string) {
  return db
    .selectFrom('one_time_tokens as t')
    .leftJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.purpose',
      't.user_id',
      't.email',
      't.credentials_version',
      'u.name as user_name',
      'u.email as user_email',
      'u.state as user_state',
      'u.credentials_version as user_credentials_version',
    ])
    .where('t.id', '=', id)
    .where('t.purpose', 'in', purposes)
    .where('t.used_at', 'is', null)
    .where('t.expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks the token used; false when another request used it first. */
export async function consumeToken(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
