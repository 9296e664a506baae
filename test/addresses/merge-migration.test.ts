// 20261204-0100 merges the address rows that one mailbox got under the old normalisers:
// children move to the surviving row (one of a clashing pair kept), the survivor keeps a
// suppression and the earliest confirmation, and comments, users and links are rewritten.
import { type Kysely, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { mergeDuplicateAddresses } from '../../src/db/migrations/20261204-0100-merge-duplicate-addresses.js';
import { migrations } from '../../src/db/migrations/index.js';
import { backends, withSchemaLock } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';

const BEFORE = '20261127-0600-drop-grades-article-address';
const MERGE = '20261204-0100-merge-duplicate-addresses';

const NFC = 'ren\u00e9e@example.nl';
const NFD = 'rene\u0301e@example.nl';

for (const backend of backends) {
  describe(`merging duplicate addresses on ${backend.name}`, { timeout: 300_000 }, () => {
    let handle: DatabaseHandle;
    afterEach(async () => handle?.close());

    async function migrateTo(name: string) {
      const migrator = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => migrations },
        ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
      });
      const run = () => migrator.migrateTo(name);
      // Migrations on the shared server take turns with other workers' schema drops.
      const url = process.env.TEST_DATABASE_URL;
      const result =
        backend.name === 'postgres' && url ? await withSchemaLock(url, run) : await run();
      expect(result.error).toBeUndefined();
    }

    it('merges the rows of one mailbox, keeping one of each clashing child', async () => {
      handle = await backend.open({ migrate: false });
      await migrateTo(BEFORE);
      // Written as the code before the change wrote it, with the schema of that version.
      // biome-ignore lint/suspicious/noExplicitAny: the schema of an older version
      const db = handle.db as unknown as Kysely<any>;
      const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
      let n = 0;
      const token = () => `token-${++n}-${Math.random().toString(36).slice(2)}`;

      const address = async (email: string, extra: Record<string, unknown> = {}) =>
        (
          await db
            .insertInto('addresses')
            .values({ email, created_at: at(5), ...extra })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id as number;
      const composed = await address(NFC, { confirmed_at: at(8) });
      const decomposed = await address(NFD, {
        confirmed_at: at(3),
        created_at: at(2),
        suppressed_at: at(9),
        suppress_reason: 'bounce',
      });
      const jan = await address('jan@example.nl');
      const piet = await address(' Piet@Example.nl');
      const annaUpper = await address('ANNA@example.nl');
      const anna = await address('anna@example.nl');

      const list = async (slug: string) =>
        (
          await db
            .insertInto('lists')
            .values({ slug, name: slug, created_at: at(1) })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id as number;
      const [first, second] = [await list('eerste'), await list('tweede')];
      const subscribe = (
        listId: number,
        addressId: number,
        state: string,
        dates: { consent: string; confirmed?: string; unsubscribed?: string },
      ) =>
        db
          .insertInto('subscriptions')
          .values({
            list_id: listId,
            address_id: addressId,
            state,
            token: token(),
            consent_at: dates.consent,
            consent_text: 'test',
            confirmed_at: dates.confirmed ?? null,
            unsubscribed_at: dates.unsubscribed ?? null,
            created_at: dates.consent,
          })
          .execute();
      // The same list twice: the later decision (here a confirmation) wins.
      await subscribe(first, composed, 'pending', { consent: at(4) });
      await subscribe(first, decomposed, 'confirmed', { consent: at(3), confirmed: at(6) });
      await subscribe(second, decomposed, 'confirmed', { consent: at(3), confirmed: at(3) });
      // Anna left the list under one row after confirming under the other.
      await subscribe(first, anna, 'confirmed', { consent: at(1), confirmed: at(1) });
      await subscribe(first, annaUpper, 'unsubscribed', {
        consent: at(2),
        confirmed: at(2),
        unsubscribed: at(7),
      });

      const [article, other] = [await createArticle(handle.db), await createArticle(handle.db)];
      const follow = (articleId: number, addressId: number, confirmed: string | null) =>
        db
          .insertInto('followers')
          .values({
            article_id: articleId,
            address_id: addressId,
            confirmed_at: confirmed,
            mode: 'instant',
            token: token(),
            created_at: at(4),
          })
          .execute();
      await follow(article.id, composed, null);
      await follow(article.id, decomposed, at(4));
      await follow(other.id, decomposed, null);

      const edition = (
        await db
          .insertInto('editions')
          .values({ list_id: first, subject: 'Maart', created_at: at(5) })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id as number;
      const deliver = (addressId: number, state: string) =>
        db
          .insertInto('deliveries')
          .values({ edition_id: edition, address_id: addressId, state, created_at: at(5) })
          .execute();
      await deliver(composed, 'queued');
      await deliver(decomposed, 'sent');

      await db
        .insertInto('audit_log')
        .values({
          action: 'newsletter.suppress',
          subject_type: 'address',
          subject_id: String(decomposed),
          created_at: at(9),
        })
        .execute();
      await db
        .insertInto('comments')
        .values({
          article_id: article.id,
          name: 'Renée',
          email: `Rene\u0301e@example.nl`,
          body: 'Goed stuk.',
          state: 'approved',
          created_at: at(4),
          updated_at: at(4),
        })
        .execute();
      const user = async (email: string) =>
        db
          .insertInto('users')
          .values({ email, name: email, role: 'author', created_at: at(1), updated_at: at(1) })
          .execute();
      await user('Bo@Example.nl');
      await user('Kim@example.nl');
      await user('kim@example.nl');
      await db
        .insertInto('one_time_tokens')
        .values({
          id: 'link-1',
          purpose: 'subscribe-confirm',
          email: NFD,
          expires_at: at(20),
          created_at: at(4),
        })
        .execute();

      await migrateTo(MERGE);

      const rows = await db
        .selectFrom('addresses')
        .select(['id', 'email', 'confirmed_at', 'suppressed_at', 'suppress_reason', 'created_at'])
        .orderBy('email')
        .execute();
      expect(rows.map((r) => [r.id, r.email])).toEqual([
        [anna, 'anna@example.nl'],
        [jan, 'jan@example.nl'],
        [piet, 'piet@example.nl'],
        [composed, NFC],
      ]);
      expect(rows[3]).toMatchObject({
        confirmed_at: at(3),
        created_at: at(2),
        suppressed_at: at(9),
        suppress_reason: 'bounce',
      });

      const subscriptions = await db
        .selectFrom('subscriptions')
        .select(['list_id', 'address_id', 'state'])
        .orderBy('address_id')
        .orderBy('list_id')
        .execute();
      expect(subscriptions).toEqual([
        { list_id: first, address_id: composed, state: 'confirmed' },
        { list_id: second, address_id: composed, state: 'confirmed' },
        { list_id: first, address_id: anna, state: 'unsubscribed' },
      ]);

      const followers = await db
        .selectFrom('followers')
        .select(['article_id', 'address_id', 'confirmed_at'])
        .orderBy('article_id')
        .execute();
      expect(followers).toEqual([
        { article_id: article.id, address_id: composed, confirmed_at: at(4) },
        { article_id: other.id, address_id: composed, confirmed_at: null },
      ]);
      expect(await db.selectFrom('deliveries').select(['address_id', 'state']).execute()).toEqual([
        { address_id: composed, state: 'sent' },
      ]);
      expect(await db.selectFrom('audit_log').select('subject_id').execute()).toEqual([
        { subject_id: String(composed) },
      ]);
      expect(await db.selectFrom('comments').select('email').execute()).toEqual([{ email: NFC }]);
      expect(
        (await db.selectFrom('users').select('email').orderBy('id').execute()).map((u) => u.email),
      ).toEqual(['bo@example.nl', 'Kim@example.nl', 'kim@example.nl']);
      expect(await db.selectFrom('one_time_tokens').select('email').execute()).toEqual([
        { email: NFC },
      ]);

      // Nothing is left to do a second time, and going down leaves the merged data alone.
      expect(await mergeDuplicateAddresses(db)).toEqual({ merged: 0, rewritten: 0 });
      await migrateTo(BEFORE);
      expect(await db.selectFrom('addresses').select('id').execute()).toHaveLength(4);
    });
  });
}
