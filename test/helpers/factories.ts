// Small factories that insert rows directly, so a test creates exactly what it needs.
// They go around the services on purpose: a test of search or feeds should not depend on
// the article editor's rules. Every field has a sensible default; unique slugs come from
// a counter so several calls in one test never collide.
import type { Kysely } from 'kysely';
import type { ArticleStatus, Database } from '../../src/db/schema.js';
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
