// The queries of the WordPress import: the id map that makes it idempotent, lookups of
// what already exists (e-mail, slugs), and the inserts. Nothing else here.
import type { Insertable } from 'kysely';
import type {
  ArticlesTable,
  AuthorsTable,
  CommentsTable,
  GradesTable,
  UsersTable,
} from '../../db/schema.js';
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export type MapKind = 'user' | 'author' | 'topic' | 'article' | 'comment' | 'media';

export async function mappedId(
  db: Db,
  source: string,
  kind: MapKind,
  sourceId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('import_map')
    .select('target_id')
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row?.target_id;
}

export async function mappedIds(
  db: Db,
  source: string,
  kind: MapKind,
  sourceIds: string[],
): Promise<Map<string, number>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('import_map')
    .select(['source_id', 'target_id'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', 'in', sourceIds)
    .execute();
  return new Map(rows.map((r) => [r.source_id, r.target_id]));
}

export async function remember(
  db: Db,
  source: string,
  kind: MapKind,
  sourceId: string,
  targetId: number,
): Promise<void> {
  await db
    .insertInto('import_map')
    .values({ source, kind, source_id: sourceId, target_id: targetId, created_at: nowIso() })
    .execute();
}

export async function userIdByEmail(db: Db, email: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row?.id;
}

export async function authorIdByUser(db: Db, userId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('authors')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.id;
}

export async function insertUser(db: Db, user: Insertable<UsersTable>): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertAuthor(db: Db, author: Insertable<AuthorsTable>): Promise<number> {
  const row = await db
    .insertInto('authors')
    .values(author)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Slugs already used in a table that start with the given stem (stem, stem-2, …). */
export async function slugsLike(
  db: Db,
  table: 'authors' | 'topics' | 'articles',
  stem: string,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom(table)
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', stem), eb('slug', 'like', `${stem}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export async function topicIdBySlug(db: Db, slug: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('topics')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.id;
}

export async function insertTopic(
  db: Db,
  topic: { slug: string; name: string; description: string | null },
): Promise<number> {
  const row = await db
    .insertInto('topics')
    .values({ ...topic, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertArticle(db: Db, article: Insertable<ArticlesTable>): Promise<number> {
  const row = await db
    .insertInto('articles')
    .values(article)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function articleSlug(db: Db, id: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('articles')
    .select('slug')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.slug;
}

export async function linkArticle(
  db: Db,
  articleId: number,
  authorIds: number[],
  topicIds: number[],
): Promise<void> {
  if (authorIds.length) {
    await db
      .insertInto('article_authors')
      .values(
        authorIds.map((authorId, position) => ({
          article_id: articleId,
          author_id: authorId,
          position,
        })),
      )
      .execute();
  }
  if (topicIds.length) {
    await db
      .insertInto('article_topics')
      .values(topicIds.map((topicId) => ({ article_id: articleId, topic_id: topicId })))
      .execute();
  }
}

export async function insertComment(db: Db, comment: Insertable<CommentsTable>): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values(comment)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Keeps the denormalised count of approved comments right after an import. */
export async function recountComments(db: Db, articleId: number): Promise<void> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .where('state', '=', 'approved')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('articles')
    .set({ comment_count: Number(row.n) })
    .where('id', '=', articleId)
    .execute();
}

export async function insertGrades(
  db: Db,
  articleId: number,
  votes: Insertable<GradesTable>[],
  totals: { count: number; sum: number; histogram: number[] },
): Promise<void> {
  // Chunks keep each statement under SQLite's bound-parameter limit.
  for (let i = 0; i < votes.length; i += 500) {
    await db
      .insertInto('grades')
      .values(votes.slice(i, i + 500))
      .execute();
  }
  const h = totals.histogram;
  await db
    .insertInto('grade_totals')
    .values({
      article_id: articleId,
      count: totals.count,
      sum: totals.sum,
      h1: h[0] ?? 0,
      h2: h[1] ?? 0,
      h3: h[2] ?? 0,
      h4: h[3] ?? 0,
      h5: h[4] ?? 0,
      h6: h[5] ?? 0,
      h7: h[6] ?? 0,
      h8: h[7] ?? 0,
      h9: h[8] ?? 0,
      h10: h[9] ?? 0,
      updated_at: nowIso(),
    })
    .execute();
}

export async function addRedirect(
  db: Db,
  legacyPath: string,
  targetPath: string,
): Promise<boolean> {
  const result = await db
    .insertInto('legacy_redirects')
    .values({ legacy_path: legacyPath, target_path: targetPath, created_at: nowIso() })
    .onConflict((oc) => oc.column('legacy_path').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function redirectTarget(db: Db, legacyPath: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('legacy_redirects')
    .select('target_path')
    .where('legacy_path', '=', legacyPath)
    .executeTakeFirst();
  return row?.target_path;
}

export async function mediaKey(
  db: Db,
  id: number,
): Promise<{ key: string; width: number } | undefined> {
  return db.selectFrom('media').select(['key', 'width']).where('id', '=', id).executeTakeFirst();
}

export async function insertImportedMedia(
  db: Db,
  m: { key: string; width: number; height: number; bytes: number },
): Promise<number> {
  const row = await db
    .insertInto('media')
    .values({
      key: m.key,
      kind: 'article',
      mime: 'image/webp',
      width: m.width,
      height: m.height,
      bytes: m.bytes,
      created_by: null,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces an old image URL in every article body that uses it. */
export async function rewriteArticleUrls(db: Db, from: string, to: string): Promise<void> {
  const escaped = from.replace(/&/g, '&amp;');
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'body_html', 'body_source'])
    .where((eb) =>
      eb.or([eb('body_html', 'like', `%${from}%`), eb('body_html', 'like', `%${escaped}%`)]),
    )
    .execute();
  for (const row of rows) {
    await db
      .updateTable('articles')
      .set({
        body_html: row.body_html.split(escaped).join(to).split(from).join(to),
        body_source: row.body_source.split(escaped).join(to).split(from).join(to),
      })
      .where('id', '=', row.id)
      .execute();
  }
}
