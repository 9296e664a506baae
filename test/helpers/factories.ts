// Small factories that insert rows directly, so a test creates exactly what it needs.
// They go around the services on purpose: a test of search or feeds should not depend on
// the article editor's rules. Every field has a sensible default; unique slugs come from
// a counter so several calls in one test never collide. (Route tests that need a user with
// a password and a session use createUser and loginAs of ./login.ts instead.)
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  ArticleStatus,
  CommentLabel,
  CommentState,
  Database,
  Role,
} from '../../src/db/schema.js';
import { renderMarkdown } from '../../src/lib/markdown.js';
import { slugify } from '../../src/lib/slug.js';

type Db = Kysely<Database>;

let counter = 0;
function next(): number {
  counter += 1;
  return counter;
}

const FIXED_CREATED = '2026-01-01T09:00:00.000Z';

export interface AuthorInput {
  name?: string;
  slug?: string;
  company?: string | null;
  bio?: string;
  userId?: number | null;
}

export async function createAuthor(db: Db, input: AuthorInput = {}) {
  const n = next();
  const name = input.name ?? `Auteur ${n}`;
  const bio = input.bio ?? '';
  return db
    .insertInto('authors')
    .values({
      user_id: input.userId ?? null,
      slug: input.slug ?? `${slugify(name)}-${n}`,
      name,
      company: input.company ?? null,
      role_line: null,
      bio_source: bio,
      bio_html: renderMarkdown(bio),
      website: null,
      linkedin: null,
      photo: null,
      created_at: FIXED_CREATED,
      updated_at: FIXED_CREATED,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface TopicInput {
  name?: string;
  slug?: string;
  description?: string | null;
}

export async function createTopic(db: Db, input: TopicInput = {}) {
  const n = next();
  const name = input.name ?? `Onderwerp ${n}`;
  return db
    .insertInto('topics')
    .values({
      slug: input.slug ?? `${slugify(name)}-${n}`,
      name,
      description: input.description ?? null,
      created_at: FIXED_CREATED,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ArticleInput {
  title?: string;
  slug?: string;
  lead?: string;
  /** Markdown source; body_html is rendered from it as the editor would. */
  body?: string;
  /** Defaults to 'published'. */
  status?: ArticleStatus;
  /** ISO time; defaults to a fixed past time for published/scheduled articles. */
  publishAt?: string | null;
  updatedAt?: string;
  commentsOpen?: boolean;
  /** In byline order. */
  authorIds?: number[];
  topicIds?: number[];
}

export async function createArticle(db: Db, input: ArticleInput = {}) {
  const n = next();
  const title = input.title ?? `Artikel ${n}`;
  const body = input.body ?? `Tekst van artikel ${n}.`;
  const status = input.status ?? 'published';
  const publishAt =
    input.publishAt !== undefined
      ? input.publishAt
      : status === 'published' || status === 'scheduled'
        ? '2026-02-01T08:00:00.000Z'
        : null;
  const article = await db
    .insertInto('articles')
    .values({
      slug: input.slug ?? `${slugify(title)}-${n}`,
      title,
      lead: input.lead ?? '',
      body_source: body,
      body_html: renderMarkdown(body),
      status,
      publish_at: publishAt,
      comments_open: input.commentsOpen === false ? 0 : 1,
      cover_image: null,
      created_at: FIXED_CREATED,
      updated_at: input.updatedAt ?? publishAt ?? FIXED_CREATED,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const authorIds = input.authorIds ?? [];
  if (authorIds.length > 0) {
    await db
      .insertInto('article_authors')
      .values(
        authorIds.map((author_id, position) => ({ article_id: article.id, author_id, position })),
      )
      .execute();
  }
  const topicIds = input.topicIds ?? [];
  if (topicIds.length > 0) {
    await db
      .insertInto('article_topics')
      .values(topicIds.map((topic_id) => ({ article_id: article.id, topic_id })))
      .execute();
  }
  return article;
}

/**
 * A user without a password, for tests that call services directly: the row, its linked
 * authors row (for authors, unless told otherwise) and the actor a service is called with.
 */
export async function createActingUser(db: Db, role: Role, withAuthor = role === 'author') {
  const n = next();
  const now = new Date().toISOString();
  const user = await db
    .insertInto('users')
    .values({
      email: `gebruiker${n}-${Date.now()}@example.test`,
      name: `Gebruiker ${n}`,
      password_hash: null,
      role,
      state: 'active',
      totp_secret: null,
      totp_enabled: 0,
      recovery_codes: null,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const author = withAuthor
    ? await createAuthor(db, { name: user.name, userId: user.id })
    : undefined;
  return { user, author, actor: { userId: user.id, role } };
}

/** Stores votes and their aggregate row, as the grades service would. */
export async function storeGrades(db: Db, articleId: number, scores: number[]): Promise<void> {
  const at = '2026-02-02T10:00:00.000Z';
  if (scores.length > 0) {
    await db
      .insertInto('grades')
      .values(
        scores.map((score, i) => ({
          article_id: articleId,
          reader_key: `reader-${articleId}-${i}`,
          score,
          address_hash: `hash-${i}`,
          state: 'counted' as const,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
  const h = (n: number) => scores.filter((s) => s === n).length;
  await db
    .insertInto('grade_totals')
    .values({
      article_id: articleId,
      count: scores.length,
      sum: scores.reduce((a, b) => a + b, 0),
      h1: h(1),
      h2: h(2),
      h3: h(3),
      h4: h(4),
      h5: h(5),
      h6: h(6),
      h7: h(7),
      h8: h(8),
      h9: h(9),
      h10: h(10),
      updated_at: at,
    })
    .execute();
}

export interface CommentInput {
  articleId: number;
  name: string;
  body: string;
  parentId?: number | null;
  label?: CommentLabel | null;
  /** Defaults to 'approved'. */
  state?: CommentState;
  website?: string | null;
  email?: string | null;
  createdAt?: string;
}

/** Stores a comment as if it had been posted (and, unless told otherwise, approved). */
export async function storeComment(db: Db, input: CommentInput): Promise<number> {
  const at = input.createdAt ?? '2026-02-03T12:00:00.000Z';
  const row = await db
    .insertInto('comments')
    .values({
      article_id: input.articleId,
      parent_id: input.parentId ?? null,
      name: input.name,
      email: input.email ?? null,
      website: input.website ?? null,
      body: input.body,
      state: input.state ?? 'approved',
      author_user_id: null,
      label: input.label ?? null,
      reader_key: null,
      address_hash: null,
      created_at: at,
      updated_at: at,
      approved_at: input.state === 'approved' || !input.state ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A newsletter list, public unless told otherwise. */
export async function createList(db: Db, input: { name?: string; isPublic?: boolean } = {}) {
  const n = next();
  return db
    .insertInto('lists')
    .values({
      slug: `lijst-${n}-${randomBytes(3).toString('hex')}`,
      name: input.name ?? `Lijst ${n}`,
      description: null,
      is_public: input.isPublic === false ? 0 : 1,
      created_at: new Date().toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Confirmed subscribers inserted directly (many at once, for delivery tests). */
export async function addConfirmedSubscribers(
  db: Db,
  listId: number,
  emails: string[],
): Promise<void> {
  const now = new Date().toISOString();
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    await db
      .insertInto('addresses')
      .values(chunk.map((email) => ({ email, confirmed_at: now, created_at: now })))
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const rows = await db
      .selectFrom('addresses')
      .select('id')
      .where('email', 'in', chunk)
      .execute();
    await db
      .insertInto('subscriptions')
      .values(
        rows.map((r) => ({
          list_id: listId,
          address_id: r.id,
          state: 'confirmed' as const,
          token: randomBytes(32).toString('base64url'),
          consent_at: now,
          consent_address_hash: null,
          consent_text: 'test',
          confirmed_at: now,
          created_at: now,
        })),
      )
      .execute();
  }
}
