// Accounts (users table). E-mail addresses are stored normalised (trimmed, lower case).
import { sql } from 'kysely';
import type { Role, UserState } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; role: Role; state: UserState; now: string },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      state: user.state,
      created_at: user.now,
      updated_at: user.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Gives the account a new e-mail address; bumping credentials_version voids every link
 * issued before (a reset link mailed to the old address among them).
 */
export async function setEmail(db: Db, userId: number, email: string, now: string) {
  await db
    .updateTable('users')
    .set({ email, updated_at: now, credentials_version: sql`credentials_version + 1` })
    .where('id', '=', userId)
    .execute();
}

/** Sets a new password; bumping credentials_version voids every link issued before. */
export async function setPasswordHash(
  db: Db,
  userId: number,
  passwordHash: string,
  now: string,
  options: { activate?: boolean } = {},
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      credentials_version: sql`credentials_version + 1`,
      updated_at: now,
      ...(options.activate ? { state: 'active' as const } : {}),
    })
    .where('id', '=', userId)
    .execute();
}

/** Replaces a hash made with old parameters; the password itself did not change. */
export async function replaceHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .execute();
}

export async function recordLogin(db: Db, userId: number, now: string): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateRole(db: Db, userId: number, role: Role, now: string): Promise<void> {
  await db.updateTable('users').set({ role, updated_at: now }).where('id', '=', userId).execute();
}

export async function updateState(
  db: Db,
  userId: number,
  state: UserState,
  now: string,
): Promise<void> {
  await db.updateTable('users').set({ state, updated_at: now }).where('id', '=', userId).execute();
}

export async function setTotp(
  db: Db,
  userId: number,
  values: { secret: string | null; enabled: boolean; recoveryCodes: string | null },
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      totp_secret: values.secret,
      totp_enabled: values.enabled ? 1 : 0,
      recovery_codes: values.recoveryCodes,
      // A new secret (or none) starts with no code used; enabling keeps the step that the
      // confirming code claimed.
      ...(values.enabled ? {} : { totp_last_step: null }),
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records the time step of an accepted TOTP code, only if no code of that step or a later
 * one was accepted before: of two logins racing with one code, one wins.
 */
export async function claimTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Stores the remaining recovery codes only if nobody used one in the meantime. */
export async function replaceRecoveryCodes(
  db: Db,
  userId: number,
  expected: string,
  next: string,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ recovery_codes: next })
    .where('id', '=', userId)
    .where('recovery_codes', '=', expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface UserListFilter {
  search?: string;
  role?: Role;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, filter: UserListFilter) {
  let query = db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'role', 'state', 'last_login_at', 'created_at']);
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`email`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return query.orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
}
