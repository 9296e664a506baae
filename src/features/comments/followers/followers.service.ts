// Following a discussion by e-mail: double opt-in, per-discussion and global unsubscribe,
// and the fan-out of a newly approved comment to the followers' mail jobs.
import type { Db } from '../../../infra/db.js';
import { enqueue } from '../../../jobs/queue.js';
import { DAY, MINUTE } from '../../../lib/time.js';
import * as addresses from '../../addresses/addresses.repository.js';
import { normaliseEmail } from '../../addresses/email-address.js';
import * as comments from '../comments.repository.js';
import * as repo from './followers.repository.js';

export const FOLLOW_CONFIRM_JOB = 'followers.confirm';
export const COMMENT_APPROVED_JOB = 'comments.approved';
export const FOLLOWER_BATCH_JOB = 'followers.batch';

export type FollowOutcome = 'confirmation_sent' | 'following' | 'pending';

/**
 * Records the wish to follow an article's discussion. A confirmation mail goes out once,
 * unless this browser already confirmed this address: nobody can subscribe someone else,
 * but a reader is not asked twice.
 */
export async function requestFollow(
  db: Db,
  input: { articleId: number; email: string; readerKey: string | undefined },
): Promise<FollowOutcome> {
  const { id: addressId } = await addresses.ensureAddress(db, normaliseEmail(input.email));
  const existing = await repo.findFollower(db, input.articleId, addressId);
  if (existing?.confirmed_at) return 'following';
  const trusted =
    input.readerKey !== undefined &&
    (await repo.confirmedFromReader(db, addressId, input.readerKey));
  if (existing) {
    if (trusted) {
      await repo.confirmFollower(db, existing.id, input.readerKey ?? null);
      return 'following';
    }
    // The one confirmation mail for this follow was already queued.
    return 'pending';
  }
  const follower = await repo.insertFollower(db, {
    article_id: input.articleId,
    address_id: addressId,
    reader_key: input.readerKey ?? null,
    confirmed_at: trusted ? new Date().toISOString() : null,
  });
  if (trusted) return 'following';
  await enqueue(db, {
    kind: FOLLOW_CONFIRM_JOB,
    key: `follow-confirm:${follower.id}`,
    payload: { followerId: follower.id },
  });
  return 'confirmation_sent';
}

export async function confirmFollow(
  db: Db,
  token: string,
  readerKey: string | undefined,
): Promise<repo.FollowerWithEmail | undefined> {
  const follower = await repo.findFollowerByToken(db, token);
  if (!follower) return undefined;
  if (!follower.confirmed_at) {
    await repo.confirmFollower(db, follower.id, readerKey ?? follower.reader_key);
    await addresses.markAddressConfirmed(db, follower.address_id);
  }
  return follower;
}

export async function setMode(db: Db, token: string, mode: 'instant' | 'daily'): Promise<boolean> {
  const follower = await repo.findFollowerByToken(db, token);
  if (!follower) return false;
  await repo.setFollowerMode(db, follower.id, mode);
  return true;
}

/** Stops mail for one discussion, or for every discussion this address follows. */
export async function unsubscribe(
  db: Db,
  token: string,
  scope: 'discussion' | 'all',
): Promise<{ articleId: number } | undefined> {
  const follower = await repo.findFollowerByToken(db, token);
  if (!follower) return undefined;
  if (scope === 'all') await repo.deleteFollowersOfAddress(db, follower.address_id);
  else await repo.deleteFollower(db, follower.id);
  return { articleId: follower.article_id };
}

/** When a follower's mail about comments approved at `approvedAt` is sent, and what it covers. */
export function batchWindow(
  approvedAt: string,
  mode: 'instant' | 'daily',
  batchMinutes: number,
  commentId: number,
): { key: string; from: string; to: string; runAt: Date } {
  const t = Date.parse(approvedAt);
  if (mode === 'daily') {
    const start = Math.floor(t / DAY) * DAY;
    const day = new Date(start).toISOString().slice(0, 10);
    // The digest leaves the next morning (07:00 UTC), covering the whole day.
    return {
      key: `day:${day}`,
      from: new Date(start).toISOString(),
      to: new Date(start + DAY).toISOString(),
      runAt: new Date(start + DAY + 7 * 60 * MINUTE),
    };
  }
  if (batchMinutes <= 0) {
    return {
      key: `comment:${commentId}`,
      from: approvedAt,
      to: new Date(t + 1).toISOString(),
      runAt: new Date(t),
    };
  }
  const size = batchMinutes * MINUTE;
  const start = Math.floor(t / size) * size;
  return {
    key: `window:${new Date(start).toISOString()}`,
    from: new Date(start).toISOString(),
    to: new Date(start + size).toISOString(),
    runAt: new Date(start + size),
  };
}

/**
 * Queues one mail job per follower for a newly approved comment. Comments approved in the
 * same window share the job key, so several arrive as one mail. The commenter's own
 * address is left out.
 */
export async function fanOutApproved(
  db: Db,
  comment: { id: number; article_id: number; email: string | null; approved_at: string },
  batchMinutes: number,
): Promise<number> {
  const followers = await repo.confirmedFollowersOf(db, comment.article_id);
  let queued = 0;
  for (const follower of followers) {
    if (comment.email && follower.email === comment.email) continue;
    const w = batchWindow(comment.approved_at, follower.mode, batchMinutes, comment.id);
    const isNew = await enqueue(db, {
      kind: FOLLOWER_BATCH_JOB,
      key: `follower:${follower.id}:${w.key}`,
      payload: { followerId: follower.id, from: w.from, to: w.to },
      runAt: w.runAt,
    });
    if (isNew) queued++;
  }
  return queued;
}

/** A follower by the token of their link, with the article they follow; else undefined. */
export async function followerWithArticle(db: Db, token: string) {
  const follower = await repo.findFollowerByToken(db, token);
  const article = follower ? await comments.findArticle(db, follower.article_id) : undefined;
  return follower && article ? { follower, article } : undefined;
}

/** The article a follow was about, for the page after unsubscribing (it may be gone). */
export async function followedArticle(db: Db, articleId: number) {
  return comments.findArticle(db, articleId);
}
