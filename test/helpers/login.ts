// Logs a test user in through the real login form, so every back-office test exercises the
// real session and CSRF path. Creates the user (and, for authors, a linked authors row).
import { randomBytes } from 'node:crypto';
import type { Role } from '../../src/db/schema.js';
import { hashPassword } from '../../src/features/accounts/passwords.js';
import { insertUser, setPasswordHash } from '../../src/features/accounts/users.repository.js';
import { nowIso } from '../../src/lib/time.js';
import { cookiesFrom, form, formHeaders, type TestApp } from './app.js';

export interface LoginOptions {
  email?: string;
  name?: string;
  password?: string;
  /** Extra request headers for the login post (e.g. x-forwarded-for with TRUST_PROXY). */
  headers?: Record<string, string>;
}

export interface LoggedIn {
  /** Cookie header value to send with every request. */
  cookie: string;
  /** The session's CSRF token, for the csrf_token field of back-office forms. */
  csrfToken: string;
  user: { id: number; email: string; name: string; role: Role; password: string };
  /** The linked authors row, for role author. */
  authorId?: number;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates an active user with a password (no login). */
export async function createUser(
  t: TestApp,
  role: Role,
  opts: LoginOptions = {},
): Promise<{
  id: number;
  email: string;
  name: string;
  role: Role;
  password: string;
  authorId?: number;
}> {
  const suffix = randomBytes(4).toString('hex');
  const email = opts.email ?? `${role}-${suffix}@example.nl`;
  const name = opts.name ?? `Test ${role} ${suffix}`;
  const password = opts.password ?? TEST_PASSWORD;
  const db = t.database.db;
  const now = nowIso();
  const id = await insertUser(db, { email, name, role, state: 'invited', now });
  await setPasswordHash(db, id, await hashPassword(password), now, { activate: true });
  let authorId: number | undefined;
  if (role === 'author') {
    const row = await db
      .insertInto('authors')
      .values({
        user_id: id,
        slug: `auteur-${suffix}`,
        name,
        bio_source: '',
        bio_html: '',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    authorId = row.id;
  }
  return { id, email, name, role, password, ...(authorId ? { authorId } : {}) };
}

/** Reads the value of a hidden input from a page. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`No ${name} field on the page`);
  return match[1]!.replace(/&amp;/g, '&');
}

/** Posts the real login form for an existing account; returns the session cookie. */
export async function submitLogin(
  t: TestApp,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const page = await t.app.inject({ method: 'GET', url: '/beheer/inloggen' });
  const formToken = hiddenField(page.body, 'form_token');
  return t.app.inject({
    method: 'POST',
    url: '/beheer/inloggen',
    headers: { ...formHeaders, ...headers },
    payload: form({ form_token: formToken, email, password, terug: '/beheer' }),
  });
}

/** The CSRF token of a logged-in session, read from a back-office page as a browser would. */
export async function csrfTokenFor(t: TestApp, cookie: string): Promise<string> {
  const page = await t.app.inject({ method: 'GET', url: '/beheer', headers: { cookie } });
  if (page.statusCode !== 200) throw new Error(`GET /beheer answered ${page.statusCode}`);
  return hiddenField(page.body, 'csrf_token');
}

export async function loginAs(t: TestApp, role: Role, opts: LoginOptions = {}): Promise<LoggedIn> {
  const user = await createUser(t, role, opts);
  const res = await submitLogin(t, user.email, user.password, opts.headers);
  if (res.statusCode !== 303) {
    throw new Error(`Login as ${role} failed with ${res.statusCode}: ${res.body.slice(0, 300)}`);
  }
  const cookie = cookiesFrom(res);
  const csrfToken = await csrfTokenFor(t, cookie);
  const { authorId, ...rest } = user;
  return { cookie, csrfToken, user: rest, ...(authorId ? { authorId } : {}) };
}
