// Every query of the newsletter: lists, subscriptions and their consent records,
// confirmation tokens, editions, deliveries and the two settings it reads. Address rows
// are shared with followers: see features/addresses.
import { sql } from 'kysely';
import type { SubscriptionState } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

// ---------- settings ----------

export async function readSetting(db: Db, key: string): Promise<unknown> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value);
  } catch {
    return undefined;
  }
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now }),
    )
    .execute();
}

// ---------- lists ----------

export interface ListRow {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  is_public: number;
}

export function publicLists(db: Db): Promise<ListRow[]> {
  return db
    .selectFrom('lists')
    .select(['id', 'slug', 'name', 'description', 'is_public'])
    .where('is_public', '=', 1)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Public lists with the subscribe-box placement setting, in one query (article pages). */
export function publicListsWithPlacement(
  db: Db,
): Promise<(ListRow & { placement: string | null })[]> {
  return db
    .selectFrom('lists')
    .select(['id', 'slug', 'name', 'description', 'is_public'])
    .select((eb) =>
      eb.selectFrom('settings').select('value').where('key', '=', 'newsletter.box').as('placement'),
    )
    .where('is_public', '=', 1)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function allLists(db: Db): Promise<ListRow[]> {
  return db
    .selectFrom('lists')
    .select(['id', 'slug', 'name', 'description', 'is_public'])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findList(db: Db, id: number): Promise<ListRow | undefined> {
  return db
    .selectFrom('lists')
    .select(['id', 'slug', 'name', 'description', 'is_public'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertList(
  db: Db,
  list: { slug: string; name: string; description: string | null; isPublic: boolean },
): Promise<number> {
  const row = await db
    .insertInto('lists')
    .values({
      slug: list.slug,
      name: list.name,
      description: list.description,
      is_public: list.isPublic ? 1 : 0,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateList(
  db: Db,
  id: number,
  list: { name: string; description: string | null; isPublic: boolean },
): Promise<void> {
  await db
    .updateTable('lists')
    .set({ name: list.name, description: list.description, is_public: list.isPublic ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  const row = await db.selectFrom('lists').select('id').where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

// ---------- subscriptions ----------

export interface SubscriptionRow {
  id: number;
  list_id: number;
  address_id: number;
  state: SubscriptionState;
  token: string;
}

export function findSubscription(
  db: Db,
  listId: number,
  addressId: number,
): Promise<SubscriptionRow | undefined> {
  return db
    .selectFrom('subscriptions')
    .select(['id', 'list_id', 'address_id', 'state', 'token'])
    .where('list_id', '=', listId)
    .where('address_id', '=', addressId)
    .executeTakeFirst();
}

export function findSubscriptionByToken(
  db: Db,
  token: string,
): Promise<(SubscriptionRow & { email: string; list_name: string }) | undefined> {
  return db
    .selectFrom('subscriptions as s')
    .innerJoin('addresses as a', 'a.id', 's.address_id')
    .innerJoin('lists as l', 'l.id', 's.list_id')
    .select(['s.id', 's.list_id', 's.address_id', 's.state', 's.token', 'a.email'])
    .select('l.name as list_name')
    .where('s.token', '=', token)
    .executeTakeFirst();
}

export function findSubscriptionById(
  db: Db,
  id: number,
): Promise<(SubscriptionRow & { list_name: string }) | undefined> {
  return db
    .selectFrom('subscriptions as s')
    .innerJoin('lists as l', 'l.id', 's.list_id')
    .select(['s.id', 's.list_id', 's.address_id', 's.state', 's.token', 'l.name as list_name'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export interface Consent {
  at: string;
  addressHash: string | null;
  text: string;
}

export async function insertPendingSubscription(
  db: Db,
  s: { listId: number; addressId: number; token: string; consent: Consent },
): Promise<number> {
  const row = await db
    .insertInto('subscriptions')
    .values({
      list_id: s.listId,
      address_id: s.addressId,
      state: 'pending',
      token: s.token,
      consent_at: s.consent.at,
      consent_address_hash: s.consent.addressHash,
      consent_text: s.consent.text,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A new request for a pending or unsubscribed subscription: fresh consent, pending again. */
export async function renewPendingSubscription(
  db: Db,
  id: number,
  consent: Consent,
): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({
      state: 'pending',
      consent_at: consent.at,
      consent_address_hash: consent.addressHash,
      consent_text: consent.text,
      unsubscribed_at: null,
    })
    .where('id', '=', id)
    .where('state', '!=', 'confirmed')
    .execute();
}

/** Returns true when the subscription went from pending to confirmed. */
export async function confirmSubscription(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('subscriptions')
    .set({ state: 'confirmed', confirmed_at: nowIso() })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function unsubscribeOne(db: Db, id: number): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({ state: 'unsubscribed', unsubscribed_at: nowIso() })
    .where('id', '=', id)
    .where('state', '!=', 'unsubscribed')
    .execute();
}

export async function unsubscribeAllOf(db: Db, addressId: number): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({ state: 'unsubscribed', unsubscribed_at: nowIso() })
    .where('address_id', '=', addressId)
    .where('state', '!=', 'unsubscribed')
    .execute();
}

export async function deleteSubscription(db: Db, id: number): Promise<void> {
  await db.deleteFrom('subscriptions').where('id', '=', id).execute();
}

export interface SubscriberRow {
  id: number;
  email: string;
  state: SubscriptionState;
  created_at: string;
  confirmed_at: string | null;
  consent_at: string;
  consent_address_hash: string | null;
  consent_text: string;
  suppressed_at: string | null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function subscribersOf(
  db: Db,
  listId: number,
  options: { search?: string; limit?: number; offset?: number } = {},
): Promise<SubscriberRow[]> {
  let query = db
    .selectFrom('subscriptions as s')
    .innerJoin('addresses as a', 'a.id', 's.address_id')
    .select([
      's.id',
      'a.email',
      's.state',
      's.created_at',
      's.confirmed_at',
      's.consent_at',
      's.consent_address_hash',
      's.consent_text',
      'a.suppressed_at',
    ])
    .where('s.list_id', '=', listId);
  if (options.search) {
    query = query.where(
      sql<boolean>`a.email like ${`%${escapeLike(options.search.toLowerCase())}%`} escape '\\'`,
    );
  }
  query = query.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc');
  if (options.limit !== undefined) query = query.limit(options.limit).offset(options.offset ?? 0);
  return query.execute();
}

export async function subscriberCounts(
  db: Db,
): Promise<{ list_id: number; state: SubscriptionState; n: number }[]> {
  const rows = await db
    .selectFrom('subscriptions')
    .select(['list_id', 'state'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['list_id', 'state'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

// ---------- one-time confirmation tokens ----------

export async function insertConfirmToken(
  db: Db,
  t: { idHash: string; email: string; subscriptionId: number; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      id: t.idHash,
      purpose: 'subscribe-confirm',
      email: t.email,
      user_id: null,
      payload: JSON.stringify({ subscriptionId: t.subscriptionId }),
      credentials_version: null,
      expires_at: t.expiresAt,
      used_at: null,
      created_at: nowIso(),
    })
    .execute();
}

export function findConfirmToken(
  db: Db,
  idHash: string,
): Promise<{ payload: string | null; expires_at: string; used_at: string | null } | undefined> {
  return db
    .selectFrom('one_time_tokens')
    .select(['payload', 'expires_at', 'used_at'])
    .where('id', '=', idHash)
    .where('purpose', '=', 'subscribe-confirm')
    .executeTakeFirst();
}

/** Marks the token used; true only for the one request that got to it first. */
export async function useConfirmToken(db: Db, idHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now })
    .where('id', '=', idHash)
    .where('purpose', '=', 'subscribe-confirm')
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
