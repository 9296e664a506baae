// Reading the audit log for the back office.
import type { Db } from '../../infra/db.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { listAudit, listAuditActions } from './audit.repository.js';

/** One page of entries (optionally of one action) and the actions there are to filter by. */
export async function auditLogPage(
  db: Db,
  options: { action: string | undefined; page: number; perPage: number },
) {
  const [rows, actions] = await Promise.all([
    listAudit(db, { action: options.action, ...pageWindow(options.page, options.perPage) }),
    listAuditActions(db),
  ]);
  return { ...splitPage(rows, options.perPage), actions };
}
