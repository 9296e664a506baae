// The tables a Podium export carries, in an order where every foreign key points to a
// table already restored, and how each is sorted so the document is the same on every
// backend. Operational tables (jobs, sessions, login attempts, one-time tokens, rate
// counters, the dev mailbox, import runs) are not part of a site and are left out.
import type { Database } from '../../db/schema.js';

export interface ExportTable {
  name: keyof Database;
  /** Columns that order the rows (the primary key). */
  orderBy: string[];
  /** Has a serial id whose sequence must follow the restored rows on PostgreSQL. */
  serial: boolean;
}

const t = (
  name: keyof Database,
  orderBy: string[] = ['id'],
  serial = orderBy[0] === 'id',
): ExportTable => ({
  name,
  orderBy,
  serial,
});

export const exportTables: ExportTable[] = [
  t('settings', ['key']),
  t('users'),
  t('authors'),
  t('topics'),
  t('topic_redirects', ['old_slug']),
  t('articles'),
  t('article_authors', ['article_id', 'position']),
  t('article_topics', ['article_id', 'topic_id']),
  t('revisions'),
  t('grades'),
  t('grade_totals', ['article_id']),
  t('comments'),
  t('addresses'),
  t('followers'),
  t('follower_tokens', ['token_hash'], false),
  t('lists'),
  t('subscriptions'),
  t('editions'),
  t('deliveries'),
  t('media'),
  t('audit_log'),
  t('legacy_redirects', ['legacy_path']),
  t('import_map', ['source', 'kind', 'source_id']),
];

/** Secrets a default export leaves out (set to null); --with-secrets keeps them. */
export const secretUserColumns = ['password_hash', 'totp_secret', 'recovery_codes'] as const;
