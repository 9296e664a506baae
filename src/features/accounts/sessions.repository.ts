// Back-office sessions: the row id is the SHA-256 of the cookie value.

import type { Role } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';

export interface SessionWithUser {
  id: string;
  user_id: number;
  csrf_token: string;
  pending_second_factor: number;
  last_seen_at: string;
  expires_at: string;
  name: string;
  role: Role;
}

export async function findLiveSession(
  db: Db,
  id: string,
  now: string,
): Promise<SessionWithUser | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.pending_second_factor',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.name',
      'users.role',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .where('users.state', '=', 'active')
    .executeTakeFirst();
}

export async function insertSession(
  db: Db,
  row: {
    id: string;
    userId: number;
    csrfToken: string;
    pendingSecondFactor: boolean;
    userAgent: string | null;
    now: string;
    expiresAt: string;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      pending_second_factor: row.pendingSecondFactor ? 1 : 0,
      user_agent: row.userAgent,
      created_at: row.now,
      last_seen_at: row.now,
      expires_at: row.expiresAt,
    })
    .execute();
}

export async function touchSession(
  db: Db,
  id: string,
  now: string,
  expiresAt: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends one session of a user (only the user's own: the id comes from a form). */
export async function deleteUserSession(db: Db, userId: number, id: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteSessionsOfUser(
  db: Db,
  userId: number,
  exceptId?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

export async function listSessionsOfUser(db: Db, userId: number, now: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_agent', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .where('pending_second_factor', '=', 0)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}
