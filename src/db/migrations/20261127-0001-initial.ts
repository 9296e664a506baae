// The whole first schema. Every rule of the data model that a database can hold is a
// constraint here: foreign keys, uniqueness, ranges and allowed states.
import { sql } from 'kysely';
import { type MigrationDb, oneOf, withId } from '../migration-helpers.js';

const flag = (column: string) => sql`${sql.ref(column)} in (0, 1)`;

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('invited'))
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recovery_codes', 'text')
    .addColumn('credentials_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .addCheckConstraint('users_role', oneOf('role', ['admin', 'editor', 'author']))
    .addCheckConstraint('users_state', oneOf('state', ['invited', 'active', 'disabled']))
    .addCheckConstraint('users_totp_enabled', flag('totp_enabled'))
    .execute();

  await withId(db, db.schema.createTable('authors'))
    .addColumn('user_id', 'integer', (c) => c.unique().references('users.id').onDelete('set null'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('role_line', 'text')
    .addColumn('bio_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bio_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text')
    .addColumn('linkedin', 'text')
    .addColumn('photo', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('authors_name').on('authors').column('name').execute();

  await withId(db, db.schema.createTable('topics'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('topic_redirects')
    .addColumn('old_slug', 'text', (c) => c.primaryKey())
    .addColumn('topic_id', 'integer', (c) =>
      c.notNull().references('topics.id').onDelete('cascade'),
    )
    .execute();

  await withId(db, db.schema.createTable('articles'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('publish_at', 'text')
    .addColumn('comments_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cover_image', 'text')
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'articles_status',
      oneOf('status', ['draft', 'scheduled', 'published', 'archived']),
    )
    .addCheckConstraint('articles_comments_open', flag('comments_open'))
    .addCheckConstraint('articles_comment_count', sql`comment_count >= 0`)
    // A published or scheduled article always has its time.
    .addCheckConstraint(
      'articles_publish_at',
      sql`status not in ('published', 'scheduled') or publish_at is not null`,
    )
    .execute();
  await db.schema
    .createIndex('articles_status_publish_at')
    .on('articles')
    .columns(['status', 'publish_at'])
    .execute();

  await db.schema
    .createTable('article_authors')
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('author_id', 'integer', (c) =>
      c.notNull().references('authors.id').onDelete('restrict'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'author_id'])
    .addUniqueConstraint('article_authors_position', ['article_id', 'position'])
    .execute();
  await db.schema
    .createIndex('article_authors_author')
    .on('article_authors')
    .column('author_id')
    .execute();

  await db.schema
    .createTable('article_topics')
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('topic_id', 'integer', (c) =>
      c.notNull().references('topics.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('article_topics_pk', ['article_id', 'topic_id'])
    .execute();
  await db.schema
    .createIndex('article_topics_topic')
    .on('article_topics')
    .column('topic_id')
    .execute();

  await withId(db, db.schema.createTable('revisions'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull())
    .addColumn('body_source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('revisions_article')
    .on('revisions')
    .columns(['article_id', 'created_at'])
    .execute();

  await withId(db, db.schema.createTable('grades'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('reader_key', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('counted'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('grades_score', sql`score between 1 and 10`)
    .addCheckConstraint('grades_state', oneOf('state', ['counted', 'held']))
    .addUniqueConstraint('grades_article_reader', ['article_id', 'reader_key'])
    .execute();
  await db.schema
    .createIndex('grades_article_address')
    .on('grades')
    .columns(['article_id', 'address_hash', 'created_at'])
    .execute();

  let totals = db.schema
    .createTable('grade_totals')
    .addColumn('article_id', 'integer', (c) =>
      c.primaryKey().references('articles.id').onDelete('cascade'),
    )
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sum', 'integer', (c) => c.notNull().defaultTo(0));
  for (let i = 1; i <= 10; i++) {
    totals = totals.addColumn(`h${i}`, 'integer', (c) => c.notNull().defaultTo(0));
  }
  await totals
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'grade_totals_consistent',
      sql`count >= 0 and sum >= count and sum <= 10 * count and count = h1 + h2 + h3 + h4 + h5 + h6 + h7 + h8 + h9 + h10`,
    )
    .execute();

  await withId(db, db.schema.createTable('comments'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('website', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('label', 'text')
    .addColumn('reader_key', 'text')
    .addColumn('address_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addCheckConstraint(
      'comments_state',
      oneOf('state', ['pending', 'approved', 'spam', 'deleted']),
    )
    .addCheckConstraint('comments_label', sql`label is null or label in ('author', 'editor')`)
    .addCheckConstraint('comments_name_length', sql`length(name) between 1 and 80`)
    .addCheckConstraint('comments_body_length', sql`length(body) between 1 and 5000`)
    .execute();
  await db.schema
    .createIndex('comments_article_state')
    .on('comments')
    .columns(['article_id', 'state', 'created_at'])
    .execute();
  await db.schema
    .createIndex('comments_state_created')
    .on('comments')
    .columns(['state', 'created_at'])
    .execute();

  await withId(db, db.schema.createTable('addresses'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('confirmed_at', 'text')
    .addColumn('suppressed_at', 'text')
    .addColumn('suppress_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('followers'))
    .addColumn('article_id', 'integer', (c) =>
      c.notNull().references('articles.id').onDelete('cascade'),
    )
    .addColumn('address_id', 'integer', (c) =>
      c.notNull().references('addresses.id').onDelete('cascade'),
    )
    .addColumn('reader_key', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('instant'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('followers_mode', oneOf('mode', ['instant', 'daily']))
    .addUniqueConstraint('followers_article_address', ['article_id', 'address_id'])
    .execute();

  await withId(db, db.schema.createTable('lists'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('lists_is_public', flag('is_public'))
    .execute();

  await withId(db, db.schema.createTable('subscriptions'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('lists.id').onDelete('cascade'))
    .addColumn('address_id', 'integer', (c) =>
      c.notNull().references('addresses.id').onDelete('cascade'),
    )
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('consent_address_hash', 'text')
    .addColumn('consent_text', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('unsubscribed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'subscriptions_state',
      oneOf('state', ['pending', 'confirmed', 'unsubscribed']),
    )
    .addUniqueConstraint('subscriptions_list_address', ['list_id', 'address_id'])
    .execute();

  await withId(db, db.schema.createTable('editions'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('lists.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('intro', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('article_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('send_at', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addCheckConstraint('editions_state', oneOf('state', ['draft', 'scheduled', 'sending', 'sent']))
    .execute();

  await withId(db, db.schema.createTable('deliveries'))
    .addColumn('edition_id', 'integer', (c) =>
      c.notNull().references('editions.id').onDelete('cascade'),
    )
    .addColumn('address_id', 'integer', (c) =>
      c.notNull().references('addresses.id').onDelete('cascade'),
    )
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('message_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addCheckConstraint('deliveries_state', oneOf('state', ['queued', 'sent', 'failed']))
    .addUniqueConstraint('deliveries_edition_address', ['edition_id', 'address_id'])
    .execute();

  await withId(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(8))
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'jobs_state',
      oneOf('state', ['queued', 'running', 'done', 'failed', 'skipped']),
    )
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['state', 'run_at']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('pending_second_factor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addCheckConstraint('sessions_pending', flag('pending_second_factor'))
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('payload', 'text')
    .addColumn('credentials_version', 'integer')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('audit_log'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created').on('audit_log').column('created_at').execute();

  await withId(db, db.schema.createTable('mailbox'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('html', 'text')
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_counters')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['key', 'window_start'])
    .execute();

  await withId(db, db.schema.createTable('media'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

const tables = [
  'media',
  'rate_counters',
  'mailbox',
  'audit_log',
  'one_time_tokens',
  'login_attempts',
  'sessions',
  'jobs',
  'deliveries',
  'editions',
  'subscriptions',
  'lists',
  'followers',
  'addresses',
  'comments',
  'grade_totals',
  'grades',
  'revisions',
  'article_topics',
  'article_authors',
  'articles',
  'topic_redirects',
  'topics',
  'authors',
  'users',
  'settings',
];

export async function down(db: MigrationDb): Promise<void> {
  for (const table of tables) await db.schema.dropTable(table).ifExists().execute();
}
