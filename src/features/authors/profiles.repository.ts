// Queries of author profiles in the back office.
import type { Db } from '../../infra/db.js';
import { nowIso } from '../../lib/time.js';

export interface ProfileFields {
  name: string;
  company: string | null;
  role_line: string | null;
  bio_source: string;
  bio_html: string;
  website: string | null;
  linkedin: string | null;
}

export function findAuthorById(db: Db, id: number) {
  return db.selectFrom('authors').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAuthorByUserId(db: Db, userId: number) {
  return db.selectFrom('authors').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export function findAuthorsByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('authors')
    .select(['id', 'name', 'slug', 'user_id', 'photo'])
    .where('id', 'in', ids)
    .execute();
}

/** Every author, for the editor's author picker (names and ids only). */
export function allAuthorNames(db: Db) {
  return db
    .selectFrom('authors')
    .select(['id', 'name', 'user_id'])
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function authorSlugTaken(db: Db, slug: string, exceptId?: number) {
  let query = db.selectFrom('authors').select('id').where('slug', '=', slug);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertAuthor(
  db: Db,
  values: ProfileFields & { slug: string; user_id: number | null },
): Promise<number> {
  const now = nowIso();
  const row = await db
    .insertInto('authors')
    .values({ ...values, photo: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAuthor(db: Db, id: number, values: Partial<ProfileFields>) {
  await db
    .updateTable('authors')
    .set({ ...values, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function setAuthorPhoto(db: Db, id: number, photo: string | null) {
  await db
    .updateTable('authors')
    .set({ photo, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export function listAuthors(db: Db, options: { q?: string; limit: number; offset: number }) {
  let query = db
    .selectFrom('authors')
    .leftJoin('users', 'users.id', 'authors.user_id')
    .select([
      'authors.id',
      'authors.name',
      'authors.slug',
      'authors.company',
      'authors.user_id',
      'users.email as user_email',
      'users.state as user_state',
    ])
    .orderBy('authors.name')
    .orderBy('authors.id')
    .limit(options.limit)
    .offset(options.offset);
  if (options.q) {
    const like = `%${options.q.toLowerCase()}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['authors.name']), 'like', like),
        eb(eb.fn('lower', ['authors.company']), 'like', like),
      ]),
    );
  }
  return query.execute();
}

export async function linkAuthorToUser(db: Db, authorId: number, userId: number) {
  await db
    .updateTable('authors')
    .set({ user_id: userId, updated_at: nowIso() })
    .where('id', '=', authorId)
    .where('user_id', 'is', null)
    .execute();
}

/** Deletes a profile that no article names (the byline's foreign key refuses otherwise). */
export async function deleteUnusedAuthor(db: Db, id: number) {
  await db
    .deleteFrom('authors')
    .where('id', '=', id)
    .where('id', 'not in', db.selectFrom('article_authors').select('author_id'))
    .execute();
}
