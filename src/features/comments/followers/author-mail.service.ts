// An author turns off the mail about new comments on their articles through a signed link
// (no login needed), one click from the mail client included.
import { timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../infra/db.js';
import { authorMailOffKey, authorUnsubscribeSignature } from './followers.jobs.js';
import * as repo from './followers.repository.js';

/** The user a link's path names, when its signature is right; otherwise undefined. */
export function authorOfLink(secret: string, user: string, sig: string): number | undefined {
  if (!/^\d{1,9}$/.test(user)) return undefined;
  const expected = Buffer.from(authorUnsubscribeSignature(secret, Number(user)));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? Number(user)
    : undefined;
}

export async function authorMailIsOff(db: Db, userId: number): Promise<boolean> {
  return repo.isAuthorMailOff(db, authorMailOffKey(userId));
}

export async function turnAuthorMailOff(db: Db, userId: number): Promise<void> {
  await repo.setAuthorMailOff(db, authorMailOffKey(userId));
}
