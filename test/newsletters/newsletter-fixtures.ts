// What the newsletter tests share: a list, confirmed subscribers inserted directly, the
// public form token, and following links found in received mails.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { form, formHeaders, type TestApp } from '../helpers/app.js';
import { hiddenField } from '../helpers/login.js';
import type { ReceivedMail } from '../helpers/smtp.js';

let counter = 0;

export async function createList(
  db: Kysely<Database>,
  input: { name?: string; isPublic?: boolean } = {},
) {
  counter += 1;
  return db
    .insertInto('lists')
    .values({
      slug: `lijst-${counter}-${randomBytes(3).toString('hex')}`,
      name: input.name ?? `Lijst ${counter}`,
      description: null,
      is_public: input.isPublic === false ? 0 : 1,
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Confirmed subscribers inserted directly (many at once, for delivery tests). */
export async function addConfirmedSubscribers(
  db: Kysely<Database>,
  listId: number,
  emails: string[],
): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    await db
      .insertInto('addresses')
      .values(chunk.map((email) => ({ email, confirmed_at: now, created_at: now })))
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const rows = await db
      .selectFrom('addresses')
      .select('id')
      .where('email', 'in', chunk)
      .execute();
    await db
      .insertInto('subscriptions')
      .values(
        rows.map((r) => ({
          list_id: listId,
          address_id: r.id,
          state: 'confirmed' as const,
          token: randomBytes(32).toString('base64url'),
          consent_at: now,
          consent_address_hash: null,
          consent_text: 'test',
          confirmed_at: now,
          created_at: now,
        })),
      )
      .execute();
  }
}

export async function formToken(t: TestApp): Promise<string> {
  const page = await t.app.inject('/nieuwsbrief');
  return hiddenField(page.body, 'form_token');
}

export async function postSubscribe(
  t: TestApp,
  fields: Record<string, string | number | undefined>,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method: 'POST',
    url: '/nieuwsbrief',
    headers: { ...formHeaders, ...headers },
    payload: form(fields),
  });
}

/** The first link in a mail's text part that starts with the given prefix. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const text = mail.parsed.text ?? '';
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s<>"]+`).exec(text);
  if (!match) throw new Error(`No link starting with ${prefix} in:\n${text}`);
  return match[0];
}

export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}
