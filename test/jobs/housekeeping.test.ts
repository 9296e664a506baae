// The periodic clean-up deletes what it should and nothing else: rows just inside each
// limit, confirmed rows and other kinds stay. Two runs at once (several processes) share
// the work without an error.
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { saveCommentSetting } from '../../src/features/comments/comments.settings.js';
import { runHousekeeping } from '../../src/features/housekeeping/housekeeping.tasks.js';
import {
  DEV_MAILBOX_MS,
  FAILED_JOBS_MS,
  FINISHED_JOBS_MS,
  UNCONFIRMED_MS,
} from '../../src/features/housekeeping/retention.js';
import { DAY, MINUTE } from '../../src/lib/time.js';
import { backends } from '../helpers/backends.js';
import { createArticle, createList } from '../helpers/factories.js';

const NOW = new Date('2026-12-04T12:00:00.000Z');
const SECOND = 1000;
/** An ISO time `ms` before NOW. */
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const nothing = {
  rateCounters: 0,
  finishedJobs: 0,
  failedJobs: 0,
  mailbox: 0,
  expiredLinks: 0,
  unconfirmedFollows: 0,
  unconfirmedSubscriptions: 0,
  addresses: 0,
};

for (const backend of backends) {
  describe(`housekeeping on ${backend.name}`, { timeout: 300_000 }, () => {
    let database: DatabaseHandle;
    afterEach(async () => database?.close());
    const db = () => database.db;

    async function keys(table: 'rate_counters' | 'mailbox' | 'one_time_tokens' | 'jobs') {
      if (table === 'rate_counters') {
        const rows = await db().selectFrom('rate_counters').select('key').orderBy('key').execute();
        return rows.map((r) => r.key);
      }
      if (table === 'jobs') {
        const rows = await db().selectFrom('jobs').select('key').orderBy('key').execute();
        return rows.map((r) => r.key);
      }
      if (table === 'mailbox') {
        const rows = await db()
          .selectFrom('mailbox')
          .select('subject')
          .orderBy('subject')
          .execute();
        return rows.map((r) => r.subject);
      }
      const rows = await db().selectFrom('one_time_tokens').select('id').orderBy('id').execute();
      return rows.map((r) => r.id);
    }

    async function address(email: string, createdAt = ago(30 * DAY), suppressed = false) {
      const row = await db()
        .insertInto('addresses')
        .values({
          email,
          created_at: createdAt,
          ...(suppressed ? { suppressed_at: ago(DAY), suppress_reason: 'bounce' } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }

    async function follow(
      articleId: number,
      addressId: number,
      createdAt: string,
      confirmedAt: string | null,
    ) {
      const row = await db()
        .insertInto('followers')
        .values({
          article_id: articleId,
          address_id: addressId,
          reader_key: null,
          confirmed_at: confirmedAt,
          mode: 'instant',
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('follower_tokens')
        .values({ token_hash: `hash-${row.id}`, follower_id: row.id, created_at: createdAt })
        .execute();
      return row.id;
    }

    async function subscribe(
      listId: number,
      addressId: number,
      state: 'pending' | 'confirmed' | 'unsubscribed',
      consentAt: string,
      confirmedAt: string | null,
    ) {
      const row = await db()
        .insertInto('subscriptions')
        .values({
          list_id: listId,
          address_id: addressId,
          state,
          token: `abo-${listId}-${addressId}`,
          consent_at: consentAt,
          consent_address_hash: null,
          consent_text: 'Ja, stuur mij de nieuwsbrief.',
          confirmed_at: confirmedAt,
          unsubscribed_at: state === 'unsubscribed' ? consentAt : null,
          created_at: ago(60 * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it('removes rate-limit windows older than the longest window in use, and no others', async () => {
      database = await backend.open();
      const counters = [
        ['ended-a-day-ago', ago(DAY + SECOND)],
        ['ended-long-ago', ago(40 * DAY)],
        ['just-inside', ago(DAY - SECOND)],
        ['current', ago(10 * MINUTE)],
      ] as const;
      await db()
        .insertInto('rate_counters')
        .values(counters.map(([key, start]) => ({ key, window_start: start, count: 3 })))
        .execute();
      expect(await runHousekeeping(database, NOW)).toEqual({ ...nothing, rateCounters: 2 });
      expect(await keys('rate_counters')).toEqual(['current', 'just-inside']);
    });

    it('keeps the windows of a longer limit an editor has set', async () => {
      database = await backend.open();
      // Grades held back per three days: a two-day-old window is still counting.
      await db()
        .insertInto('settings')
        .values({ key: 'grades.hold_window_minutes', value: '4320', updated_at: ago(0) })
        .execute();
      await db()
        .insertInto('rate_counters')
        .values([
          { key: 'three-day-window', window_start: ago(2 * DAY), count: 1 },
          { key: 'four-days-old', window_start: ago(4 * DAY), count: 1 },
        ])
        .execute();
      expect(await runHousekeeping(database, NOW)).toEqual({ ...nothing, rateCounters: 1 });
      expect(await keys('rate_counters')).toEqual(['three-day-window']);
      // The comments' window (in minutes) counts as well.
      await saveCommentSetting(db(), 'rateWindowMinutes', 7 * 24 * 60);
      await db()
        .insertInto('rate_counters')
        .values({ key: 'six-days-old', window_start: ago(6 * DAY), count: 1 })
        .execute();
      expect(await runHousekeeping(database, NOW)).toEqual(nothing);
      expect(await keys('rate_counters')).toEqual(['six-days-old', 'three-day-window']);
    });

    it('removes finished jobs after 14 days and failed ones after 90, never a waiting or running one', async () => {
      database = await backend.open();
      const job = (key: string, state: string, at: string) => ({
        kind: 'test.kind',
        key,
        payload: '{}',
        state: state as 'done',
        run_at: at,
        created_at: at,
        updated_at: at,
      });
      await db()
        .insertInto('jobs')
        .values([
          job('done-old', 'done', ago(FINISHED_JOBS_MS + SECOND)),
          job('skipped-old', 'skipped', ago(FINISHED_JOBS_MS + DAY)),
          job('done-inside', 'done', ago(FINISHED_JOBS_MS - SECOND)),
          job('failed-older', 'failed', ago(FAILED_JOBS_MS + SECOND)),
          job('failed-inside', 'failed', ago(FAILED_JOBS_MS - SECOND)),
          job('failed-recent', 'failed', ago(FINISHED_JOBS_MS + DAY)),
          job('queued-ancient', 'queued', ago(400 * DAY)),
          job('running-ancient', 'running', ago(400 * DAY)),
        ])
        .execute();
      // Due long ago, but it ran only yesterday: it is kept for 14 days from then.
      await db()
        .insertInto('jobs')
        .values({ ...job('done-late', 'done', ago(30 * DAY)), updated_at: ago(DAY) })
        .execute();
      expect(await runHousekeeping(database, NOW)).toEqual({
        ...nothing,
        finishedJobs: 2,
        failedJobs: 1,
      });
      expect(await keys('jobs')).toEqual([
        'done-inside',
        'done-late',
        'failed-inside',
        'failed-recent',
        'queued-ancient',
        'running-ancient',
      ]);
    });

    it('removes dev-mailbox messages older than a week', async () => {
      database = await backend.open();
      const mail = (subject: string, at: string) => ({
        to_address: 'lezer@example.nl',
        subject,
        text: 'tekst',
        html: null,
        headers: '{}',
        created_at: at,
      });
      await db()
        .insertInto('mailbox')
        .values([
          mail('old', ago(DEV_MAILBOX_MS + SECOND)),
          mail('inside', ago(DEV_MAILBOX_MS - SECOND)),
          mail('new', ago(0)),
        ])
        .execute();
      expect(await runHousekeeping(database, NOW)).toEqual({ ...nothing, mailbox: 1 });
      expect(await keys('mailbox')).toEqual(['inside', 'new']);
    });

    it('removes one-time links of every kind once expired, used or not, and keeps live ones', async () => {
      database = await backend.open();
      const link = (id: string, purpose: string, expiresAt: string, used = false) => ({
        id,
        purpose,
        user_id: null,
        email: null,
        payload: null,
        credentials_version: null,
        expires_at: expiresAt,
        used_at: used ? ago(DAY) : null,
        created_at: ago(10 * DAY),
      });
      await db()
        .insertInto('one_time_tokens')
        .values([
          link('expired-reset', 'reset', ago(SECOND)),
          link('expired-invite', 'invite', ago(DAY)),
          link('expired-email', 'email', ago(DAY), true),
          link('expired-setup', 'setup', ago(DAY)),
          link('expired-subscribe', 'subscribe-confirm', ago(DAY)),
          link('expired-forget', 'comments-forget', ago(DAY)),
          link('live-reset', 'reset', ago(-SECOND)),
          link('live-used-invite', 'invite', ago(-DAY), true),
          link('live-subscribe', 'subscribe-confirm', ago(-6 * DAY)),
        ])
        .execute();
      expect(await runHousekeeping(database, NOW)).toEqual({ ...nothing, expiredLinks: 6 });
      expect(await keys('one_time_tokens')).toEqual([
        'live-reset',
        'live-subscribe',
        'live-used-invite',
      ]);
    });

    it('removes follows never confirmed after a week, and an address nothing else uses', async () => {
      database = await backend.open();
      const a = await createArticle(db());
      const b = await createArticle(db());
      const list = await createList(db());
      const edition = await db()
        .insertInto('editions')
        .values({
          list_id: list.id,
          subject: 'Editie',
          intro: '',
          article_ids: '[]',
          state: 'sent',
          send_at: null,
          created_by: null,
          created_at: ago(90 * DAY),
          sent_at: ago(90 * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const lonely = await address('alleen@example.nl');
      const alsoFollows = await address('ook-bevestigd@example.nl');
      const suppressed = await address('gebounced@example.nl', ago(30 * DAY), true);
      const mailed = await address('kreeg-editie@example.nl');
      const subscriber = await address('abonnee@example.nl');
      const waiting = await address('wacht-nog@example.nl');
      const confirmed = await address('bevestigd@example.nl');
      await db()
        .insertInto('deliveries')
        .values({
          edition_id: edition.id,
          address_id: mailed,
          state: 'sent',
          message_id: null,
          error: null,
          created_at: ago(90 * DAY),
          sent_at: ago(90 * DAY),
        })
        .execute();
      await subscribe(list.id, subscriber, 'unsubscribed', ago(90 * DAY), ago(95 * DAY));
      const old = ago(UNCONFIRMED_MS + SECOND);
      await follow(a.id, lonely, old, null);
      await follow(a.id, alsoFollows, old, null);
      await follow(b.id, alsoFollows, ago(60 * DAY), ago(60 * DAY));
      await follow(a.id, suppressed, old, null);
      await follow(a.id, mailed, old, null);
      await follow(a.id, subscriber, old, null);
      const inside = await follow(a.id, waiting, ago(UNCONFIRMED_MS - SECOND), null);
      const kept = await follow(a.id, confirmed, ago(400 * DAY), ago(400 * DAY));

      expect(await runHousekeeping(database, NOW)).toEqual({
        ...nothing,
        unconfirmedFollows: 5,
        addresses: 1,
      });
      const followers = await db()
        .selectFrom('followers')
        .select(['id', 'address_id', 'confirmed_at'])
        .orderBy('id')
        .execute();
      expect(followers.map((f) => f.address_id)).toEqual([alsoFollows, waiting, confirmed]);
      expect(followers.filter((f) => f.id === inside || f.id === kept)).toHaveLength(2);
      // The deleted follows' link tokens went with them.
      const tokens = await db().selectFrom('follower_tokens').select('follower_id').execute();
      expect(tokens.map((t) => t.follower_id).sort()).toEqual(followers.map((f) => f.id).sort());
      const emails = await db().selectFrom('addresses').select('email').orderBy('email').execute();
      expect(emails.map((e) => e.email)).toEqual([
        'abonnee@example.nl',
        'bevestigd@example.nl',
        'gebounced@example.nl',
        'kreeg-editie@example.nl',
        'ook-bevestigd@example.nl',
        'wacht-nog@example.nl',
      ]);
    });

    it('removes newsletter subscriptions never confirmed after a week, keeping every consent record', async () => {
      database = await backend.open();
      const list = await createList(db());
      const other = await createList(db());
      const old = ago(UNCONFIRMED_MS + SECOND);
      const gone = await address('nooit-bevestigd@example.nl');
      const twoLists = await address('twee-lijsten@example.nl');
      const recent = await address('net-gevraagd@example.nl');
      const once = await address('ooit-bevestigd@example.nl');
      const left = await address('afgemeld@example.nl');
      const reader = await address('lezer@example.nl');
      // Asked for on the day of the sweep: the address is new, its request too recent.
      const fresh = await address('vandaag@example.nl', ago(MINUTE));
      await subscribe(list.id, gone, 'pending', old, null);
      await subscribe(list.id, twoLists, 'pending', old, null);
      await subscribe(other.id, twoLists, 'confirmed', ago(200 * DAY), ago(200 * DAY));
      await subscribe(list.id, recent, 'pending', ago(UNCONFIRMED_MS - SECOND), null);
      // Confirmed once, unsubscribed, and asked again without confirming: the record stays.
      await subscribe(list.id, once, 'pending', ago(100 * DAY), ago(300 * DAY));
      await subscribe(list.id, left, 'unsubscribed', ago(300 * DAY), ago(300 * DAY));
      await subscribe(list.id, reader, 'confirmed', ago(300 * DAY), ago(300 * DAY));
      await subscribe(list.id, fresh, 'pending', ago(MINUTE), null);

      expect(await runHousekeeping(database, NOW)).toEqual({
        ...nothing,
        unconfirmedSubscriptions: 2,
        addresses: 1,
      });
      const rows = await db()
        .selectFrom('subscriptions as s')
        .innerJoin('addresses as a', 'a.id', 's.address_id')
        .select(['a.email', 's.list_id', 's.state'])
        .orderBy('a.email')
        .orderBy('s.list_id')
        .execute();
      expect(rows).toEqual([
        { email: 'afgemeld@example.nl', list_id: list.id, state: 'unsubscribed' },
        { email: 'lezer@example.nl', list_id: list.id, state: 'confirmed' },
        { email: 'net-gevraagd@example.nl', list_id: list.id, state: 'pending' },
        { email: 'ooit-bevestigd@example.nl', list_id: list.id, state: 'pending' },
        { email: 'twee-lijsten@example.nl', list_id: other.id, state: 'confirmed' },
        { email: 'vandaag@example.nl', list_id: list.id, state: 'pending' },
      ]);
      const emails = await db().selectFrom('addresses').select('email').execute();
      expect(emails.map((e) => e.email)).not.toContain('nooit-bevestigd@example.nl');
      expect(emails).toHaveLength(6);
    });

    it('shares the work when two processes sweep at once', async () => {
      database = await backend.open();
      const rows = Array.from({ length: 2600 }, (_, i) => ({
        key: `k${i}`,
        window_start: ago(2 * DAY),
        count: 1,
      }));
      for (let i = 0; i < rows.length; i += 500)
        await db()
          .insertInto('rate_counters')
          .values(rows.slice(i, i + 500))
          .execute();
      await db()
        .insertInto('rate_counters')
        .values({ key: 'current', window_start: ago(MINUTE), count: 1 })
        .execute();
      const [first, second] = await Promise.all([
        runHousekeeping(database, NOW),
        runHousekeeping(database, NOW),
      ]);
      expect(first!.rateCounters + second!.rateCounters).toBe(2600);
      expect(await keys('rate_counters')).toEqual(['current']);
    });
  });
}
