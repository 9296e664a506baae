// The dev mailbox: mail stored instead of sent while no SMTP server is set.
import type { Db } from '../../infra/db.js';

export async function listMailbox(db: Db, limit: number, offset: number) {
  return db
    .selectFrom('mailbox')
    .select(['id', 'to_address', 'subject', 'text', 'created_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}
