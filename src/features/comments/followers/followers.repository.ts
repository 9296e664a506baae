// Queries about followers of a discussion; their address rows are in features/addresses.

import type { Selectable } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Db } from '../../../infra/db.js';
import { nowIso } from '../../../lib/time.js';
import { randomToken, sha256 } from '../../accounts/secret-token.js';

export type FollowerRow = Selectable<Database['followers']>;
export interface FollowerWithEmail extends FollowerRow {
  email: string;
}

export async function findFollower(
  db: Db,
  articleId: number,
  addressId: number,
): Promise<FollowerRow | undefined> {
  return db
    .selectFrom('followers')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('address_id', '=', addressId)
    .executeTakeFirst();
}

export async function insertFollower(
  db: Db,
  values: {
    article_id: number;
    address_id: number;
    reader_key: string | null;
    confirmed_at: string | null;
  },
): Promise<FollowerRow> {
  return db
    .insertInto('followers')
    .values({ ...values, mode: 'instant', created_at: nowIso() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findFollowerById(db: Db, id: number): Promise<FollowerWithEmail | undefined> {
  return db
    .selectFrom('followers')
    .innerJoin('addresses', 'addresses.id', 'followers.address_id')
    .selectAll('followers')
    .select('addresses.email')
    .where('followers.id', '=', id)
    .where('addresses.suppressed_at', 'is', null)
    .executeTakeFirst();
}

/** The follower a link's token was handed out to; only the token's SHA-256 is stored. */
export async function findFollowerByToken(
  db: Db,
  token: string,
): Promise<FollowerWithEmail | undefined> {
  return db
    .selectFrom('follower_tokens')
    .innerJoin('followers', 'followers.id', 'follower_tokens.follower_id')
    .innerJoin('addresses', 'addresses.id', 'followers.address_id')
    .selectAll('followers')
    .select('addresses.email')
    .where('follower_tokens.token_hash', '=', sha256(token))
    .executeTakeFirst();
}

/**
 * A new token for the links of one mail to a follower, minted when the mail is sent: the
 * raw token goes only into that mail, its hash stays until the follower is deleted.
 */
export async function issueFollowerToken(db: Db, followerId: number): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('follower_tokens')
    .values({ token_hash: sha256(token), follower_id: followerId, created_at: nowIso() })
    .execute();
  return token;
}

export async function confirmFollower(db: Db, id: number, readerKey: string | null): Promise<void> {
  await db
    .updateTable('followers')
    .set({ confirmed_at: nowIso(), ...(readerKey ? { reader_key: readerKey } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function setFollowerMode(
  db: Db,
  id: number,
  mode: 'instant' | 'daily',
): Promise<void> {
  await db.updateTable('followers').set({ mode }).where('id', '=', id).execute();
}

/** True when this browser confirmed this address before (for any discussion). */
export async function confirmedFromReader(
  db: Db,
  addressId: number,
  readerKey: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('followers')
    .select('id')
    .where('address_id', '=', addressId)
    .where('reader_key', '=', readerKey)
    .where('confirmed_at', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function confirmedFollowersOf(
  db: Db,
  articleId: number,
): Promise<FollowerWithEmail[]> {
  return db
    .selectFrom('followers')
    .innerJoin('addresses', 'addresses.id', 'followers.address_id')
    .selectAll('followers')
    .select('addresses.email')
    .where('followers.article_id', '=', articleId)
    .where('followers.confirmed_at', 'is not', null)
    .where('addresses.suppressed_at', 'is', null)
    .execute();
}

export async function deleteFollower(db: Db, id: number): Promise<void> {
  await db.deleteFrom('followers').where('id', '=', id).execute();
}

export async function deleteFollowersOfAddress(db: Db, addressId: number): Promise<number> {
  const result = await db
    .deleteFrom('followers')
    .where('address_id', '=', addressId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function isAuthorMailOff(db: Db, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('settings')
    .select('key')
    .where('key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setAuthorMailOff(db: Db, key: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: 'true', updated_at: nowIso() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
