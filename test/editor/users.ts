// Users for tests that call services directly (route tests log in with loginAs instead).
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../src/db/schema.js';
import { createAuthor } from '../helpers/factories.js';

let n = 0;

export async function createUser(db: Kysely<Database>, role: Role, withAuthor = role === 'author') {
  n += 1;
  const now = new Date().toISOString();
  const user = await db
    .insertInto('users')
    .values({
      email: `gebruiker${n}-${Date.now()}@example.test`,
      name: `Gebruiker ${n}`,
      password_hash: null,
      role,
      state: 'active',
      totp_secret: null,
      totp_enabled: 0,
      recovery_codes: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const author = withAuthor
    ? await createAuthor(db, { name: user.name, userId: user.id })
    : undefined;
  return { user, author, actor: { userId: user.id, role } };
}
