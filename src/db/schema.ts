// The database as Kysely sees it. Times are ISO-8601 UTC strings on every backend
// (lexically ordered, so comparisons work the same on SQLite and PostgreSQL);
// booleans are 0/1 integers for the same reason.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Id = Generated<number>;
type Flag = ColumnType<number, number | undefined, number>;

export type Role = 'admin' | 'editor' | 'author';
export type UserState = 'invited' | 'active' | 'disabled';
export type ArticleStatus = 'draft' | 'scheduled' | 'published' | 'archived';
export type GradeState = 'counted' | 'held';
export type CommentState = 'pending' | 'approved' | 'spam' | 'deleted';
export type CommentLabel = 'author' | 'editor';
export type FollowMode = 'instant' | 'daily';
export type SubscriptionState = 'pending' | 'confirmed' | 'unsubscribed';
export type EditionState = 'draft' | 'scheduled' | 'sending' | 'sent';
export type DeliveryState = 'queued' | 'sent' | 'failed';
export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'skipped';

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: string;
}

export interface UsersTable {
  id: Id;
  email: string; // normalised (lower case, trimmed)
  name: string;
  password_hash: string | null;
  role: Role;
  state: UserState;
  totp_secret: string | null;
  totp_enabled: Flag;
  recovery_codes: string | null; // JSON array of hashes
  /** Time step of the last accepted TOTP code: that code and older ones are refused. */
  totp_last_step: number | null;
  /** Bumped on every password or e-mail change: one-time links issued before it are void. */
  credentials_version: Generated<number>;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface AuthorsTable {
  id: Id;
  user_id: number | null; // null: a guest expert without a login
  slug: string;
  name: string;
  company: string | null;
  role_line: string | null;
  bio_source: string;
  bio_html: string;
  website: string | null;
  linkedin: string | null;
  photo: string | null; // key of an uploaded photo; null means the generated avatar
  created_at: string;
  updated_at: string;
}

export interface TopicsTable {
  id: Id;
  slug: string;
  name: string;
  description: string | null;
  created_at: string;
}

export interface TopicRedirectsTable {
  old_slug: string;
  topic_id: number;
}

export interface ArticlesTable {
  id: Id;
  slug: string;
  title: string;
  lead: string;
  body_source: string;
  body_html: string;
  status: ArticleStatus;
  publish_at: string | null;
  comments_open: Flag;
  cover_image: string | null;
  /** Approved comments, kept up to date on write so lists never count per row. */
  comment_count: Generated<number>;
  /** Optimistic lock: a form saved from an older version is refused. */
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface ArticleTopicsTable {
  article_id: number;
  topic_id: number;
}

export interface RevisionsTable {
  id: Id;
  article_id: number;
  user_id: number | null;
  title: string;
  lead: string;
  body_source: string;
  created_at: string;
}

export interface GradesTable {
  id: Id;
  article_id: number;
  reader_key: string;
  score: number;
  address_hash: string;
  state: GradeState;
  created_at: string;
  updated_at: string;
}

export interface GradeTotalsTable {
  article_id: number;
  count: Generated<number>;
  sum: Generated<number>;
  h1: Generated<number>;
  h2: Generated<number>;
  h3: Generated<number>;
  h4: Generated<number>;
  h5: Generated<number>;
  h6: Generated<number>;
  h7: Generated<number>;
  h8: Generated<number>;
  h9: Generated<number>;
  h10: Generated<number>;
  updated_at: string;
}

export interface CommentsTable {
  id: Id;
  article_id: number;
  parent_id: number | null;
  name: string;
  email: string | null;
  website: string | null;
  body: string;
  state: CommentState;
  /** Set only when written from a login; the "Auteur"/"Redactie" label derives from it. */
  author_user_id: number | null;
  label: CommentLabel | null;
  reader_key: string | null;
  address_hash: string | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
}

export interface AddressesTable {
  id: Id;
  email: string; // normalised
  confirmed_at: string | null;
  suppressed_at: string | null;
  suppress_reason: string | null;
  created_at: string;
}

export interface FollowersTable {
  id: Id;
  article_id: number;
  address_id: number;
  reader_key: string | null;
  confirmed_at: string | null;
  mode: FollowMode;
  created_at: string;
}

/** One row per token handed out in a follower's mail; the token itself is only in the mail. */
export interface FollowerTokensTable {
  token_hash: string; // SHA-256 (hex) of the token
  follower_id: number;
  created_at: string;
}

export interface ListsTable {
  id: Id;
  slug: string;
  name: string;
  description: string | null;
  is_public: Flag;
  created_at: string;
}

export interface SubscriptionsTable {
  id: Id;
  list_id: number;
  address_id: number;
  state: SubscriptionState;
  token: string;
  consent_at: string;
  consent_address_hash: string | null;
  consent_text: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
  created_at: string;
}

export interface EditionsTable {
  id: Id;
  list_id: number;
  subject: string;
  intro: string;
  article_ids: string; // JSON array, in the order chosen
  state: EditionState;
  send_at: string | null;
  created_by: number | null;
  created_at: string;
  sent_at: string | null;
}

export interface DeliveriesTable {
  id: Id;
  edition_id: number;
  address_id: number;
  state: DeliveryState;
  message_id: string | null;
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface JobsTable {
  id: Id;
  kind: string;
  key: string; // idempotency key: the same work is queued once
  payload: string; // JSON
  state: JobState;
  run_at: string;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  last_error: string | null;
  locked_by: string | null;
  locked_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string; // SHA-256 of the cookie value
  user_id: number;
  csrf_token: string;
  /** 1 while the password was right but the second factor is still asked. */
  pending_second_factor: Flag;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginAttemptsTable {
  key: string; // "account:<email>" or "address:<hash>"
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface OneTimeTokensTable {
  id: string; // SHA-256 of the token; the token itself is only in the link
  purpose: string; // setup, invite, reset, follow-confirm, subscribe-confirm, forget …
  user_id: number | null;
  email: string | null;
  payload: string | null; // JSON
  credentials_version: number | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Id;
  user_id: number | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null; // JSON
  created_at: string;
}

export interface MailboxTable {
  id: Id;
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  headers: string; // JSON
  created_at: string;
}

export interface RateCountersTable {
  key: string;
  window_start: string;
  count: number;
}

export interface MediaTable {
  id: Id;
  key: string; // file name stem under DATA_DIR/media
  kind: string; // photo, cover
  mime: string;
  width: number;
  height: number;
  bytes: number;
  created_by: number | null;
  created_at: string;
}

export interface LegacyRedirectsTable {
  legacy_path: string; // lower case, no trailing slash, or "?p=123" / "?page_id=7"
  target_path: string;
  created_at: string;
}

export interface ImportMapTable {
  source: string; // e.g. "wordpress:https://oud.example.nl"
  kind: string; // user, author, topic, article, comment
  source_id: string;
  target_id: number;
  created_at: string;
}

export type ImportRunState = 'queued' | 'running' | 'done' | 'failed';

export interface ImportRunsTable {
  id: Id;
  kind: string;
  state: ImportRunState;
  file_name: string;
  progress: string; // JSON
  summary: string | null; // JSON
  error: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  authors: AuthorsTable;
  topics: TopicsTable;
  topic_redirects: TopicRedirectsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_topics: ArticleTopicsTable;
  revisions: RevisionsTable;
  grades: GradesTable;
  grade_totals: GradeTotalsTable;
  comments: CommentsTable;
  addresses: AddressesTable;
  followers: FollowersTable;
  follower_tokens: FollowerTokensTable;
  lists: ListsTable;
  subscriptions: SubscriptionsTable;
  editions: EditionsTable;
  deliveries: DeliveriesTable;
  jobs: JobsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  one_time_tokens: OneTimeTokensTable;
  audit_log: AuditLogTable;
  mailbox: MailboxTable;
  rate_counters: RateCountersTable;
  media: MediaTable;
  legacy_redirects: LegacyRedirectsTable;
  import_map: ImportMapTable;
  import_runs: ImportRunsTable;
}

export type Article = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type Author = Selectable<AuthorsTable>;
export type Topic = Selectable<TopicsTable>;
export type Job = Selectable<JobsTable>;
