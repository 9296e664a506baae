// The one-time links of the reader's "forget me" request (purpose 'comments-forget').
import type { Db } from '../../infra/db.js';
import { storedForms } from '../addresses/addresses.repository.js';
import type { NormalisedEmail } from '../addresses/email-address.js';

const PURPOSE = 'comments-forget';

export async function insertForgetToken(
  db: Db,
  row: { id: string; email: string; expiresAt: string; now: string },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      id: row.id,
      purpose: PURPOSE,
      user_id: null,
      email: row.email,
      payload: null,
      credentials_version: null,
      expires_at: row.expiresAt,
      used_at: null,
      created_at: row.now,
    })
    .execute();
}

export async function findForgetToken(
  db: Db,
  id: string,
  now: string,
): Promise<{ id: string; email: string } | undefined> {
  const row = await db
    .selectFrom('one_time_tokens')
    .select(['id', 'email'])
    .where('id', '=', id)
    .where('purpose', '=', PURPOSE)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.email ? { id: row.id, email: row.email } : undefined;
}

export async function useForgetToken(db: Db, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * True when the mailbox wrote comments or has an address row (it follows a discussion or
 * is on a newsletter list): only then is a mail sent, for forgetting removes all of that.
 */
export async function isKnownReader(db: Db, email: NormalisedEmail): Promise<boolean> {
  const forms = storedForms(email);
  const comment = await db
    .selectFrom('comments')
    .select('id')
    .where('email', 'in', forms)
    .limit(1)
    .executeTakeFirst();
  if (comment) return true;
  const address = await db
    .selectFrom('addresses')
    .select('id')
    .where('email', 'in', forms)
    .limit(1)
    .executeTakeFirst();
  return address !== undefined;
}
