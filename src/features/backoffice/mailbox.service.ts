// The dev mailbox: mail that stayed here because no SMTP server is set.
import type { Db } from '../../infra/db.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { listMailbox } from './mailbox.repository.js';

export async function mailboxPage(db: Db, page: number, perPage: number) {
  const { limit, offset } = pageWindow(page, perPage);
  return splitPage(await listMailbox(db, limit, offset), perPage);
}
