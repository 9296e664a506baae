// A site with a row in every exported table: the WordPress fixture plus newsletter,
// follower, revision, media and audit rows inserted directly.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { importWordpress } from '../../src/features/portability/wordpress-import.service.js';

export const fixture = path.resolve('test/portability/fixtures/wordpress.xml');

const at = '2026-02-03T04:05:06.000Z';

export async function seedSite(db: Kysely<Database>): Promise<void> {
  await importWordpress(db, createReadStream(fixture), { pages: true });
  const user = await db.selectFrom('users').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db
    .updateTable('users')
    .set({
      password_hash: '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$geheim',
      totp_secret: 'JBSWY3DPEHPK3PXP',
      totp_enabled: 1,
      state: 'active',
    })
    .where('id', '=', user.id)
    .execute();
  const article = await db
    .selectFrom('articles')
    .select(['id', 'title', 'lead', 'body_source'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const topic = await db.selectFrom('topics').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db
    .insertInto('settings')
    .values([
      { key: 'site.tagline', value: JSON.stringify('Kennis die werkt ✨'), updated_at: at },
      { key: 'comments.moderation', value: JSON.stringify({ firstTime: true }), updated_at: at },
    ])
    .execute();
  await db
    .insertInto('topic_redirects')
    .values({ old_slug: 'verkopen', topic_id: topic.id })
    .execute();
  await db
    .insertInto('revisions')
    .values({
      article_id: article.id,
      user_id: user.id,
      title: article.title,
      lead: article.lead,
      body_source: article.body_source,
      created_at: at,
    })
    .execute();
  const address = await db
    .insertInto('addresses')
    .values({ email: 'lezer@voorbeeld.nl', confirmed_at: at, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const follower = await db
    .insertInto('followers')
    .values({
      article_id: article.id,
      address_id: address.id,
      reader_key: 'r-1',
      confirmed_at: at,
      mode: 'daily',
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('follower_tokens')
    .values({ token_hash: 'a'.repeat(64), follower_id: follower.id, created_at: at })
    .execute();
  const list = await db
    .insertInto('lists')
    .values({
      slug: 'sales',
      name: 'Persoonlijke Sales Ontwikkeling',
      description: null,
      is_public: 1,
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('subscriptions')
    .values({
      list_id: list.id,
      address_id: address.id,
      state: 'confirmed',
      token: 'abo-token-1',
      consent_at: at,
      consent_address_hash: 'hash-1',
      consent_text: 'Ja, stuur mij de nieuwsbrief.',
      confirmed_at: at,
      created_at: at,
    })
    .execute();
  const edition = await db
    .insertInto('editions')
    .values({
      list_id: list.id,
      subject: 'Editie 1',
      intro: 'Welkom',
      article_ids: JSON.stringify([article.id]),
      state: 'sent',
      created_by: user.id,
      created_at: at,
      sent_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('deliveries')
    .values({
      edition_id: edition.id,
      address_id: address.id,
      state: 'sent',
      message_id: '<m1@podium>',
      created_at: at,
      sent_at: at,
    })
    .execute();
  await db
    .insertInto('media')
    .values({
      key: 'a'.repeat(24),
      kind: 'photo',
      mime: 'image/webp',
      width: 320,
      height: 320,
      bytes: 1234,
      created_at: at,
    })
    .execute();
  await db
    .insertInto('audit_log')
    .values({
      user_id: user.id,
      action: 'import',
      subject_type: 'site',
      subject_id: '1',
      detail: '{}',
      created_at: at,
    })
    .execute();
}
