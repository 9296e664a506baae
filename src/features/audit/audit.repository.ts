// The audit log: who published, deleted, or changed roles or settings. Other features
// call `audit(db, …)` inside the same transaction as the change they record.
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export interface AuditEntry {
  /** The acting user; null for the system (jobs, CLI). */
  userId: number | null;
  /** Dotted verb, e.g. 'article.publish', 'user.role', 'settings.change'. */
  action: string;
  subjectType?: string | null;
  subjectId?: string | number | null;
  /** Small JSON-able facts (old and new value …); never passwords or tokens. */
  detail?: Record<string, unknown> | null;
}

export async function audit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      action: entry.action.slice(0, 100),
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId == null ? null : String(entry.subjectId),
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      created_at: nowIso(),
    })
    .execute();
}

export interface AuditRow {
  id: number;
  user_id: number | null;
  user_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
  created_at: string;
}

export async function listAudit(
  db: Db,
  filter: { action?: string; limit: number; offset: number },
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.user_id',
      'users.name as user_name',
      'audit_log.action',
      'audit_log.subject_type',
      'audit_log.subject_id',
      'audit_log.detail',
      'audit_log.created_at',
    ]);
  if (filter.action) query = query.where('audit_log.action', '=', filter.action);
  return query
    .orderBy('audit_log.created_at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .orderBy('action')
    .limit(200)
    .execute();
  return rows.map((r) => r.action);
}
