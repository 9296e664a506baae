// Read-side queries of the author directory, author pages and the "Onze auteurs" sidebar.
import type { Db } from '../../infra/db.js';

const listColumns = ['id', 'slug', 'name', 'company', 'role_line', 'photo', 'bio_html'] as const;

export type AuthorListRow = {
  id: number;
  slug: string;
  name: string;
  company: string | null;
  role_line: string | null;
  photo: string | null;
  bio_html: string;
};

/** Every author, by name, one page at a time: authors without articles are listed too. */
export async function authorsByName(
  db: Db,
  window: { limit: number; offset: number },
): Promise<AuthorListRow[]> {
  return db
    .selectFrom('authors')
    .select(listColumns)
    .orderBy('name')
    .orderBy('id')
    .limit(window.limit)
    .offset(window.offset)
    .execute();
}

/**
 * Authors with at least one published article, by name: the ones worth promoting beside an
 * article. One query; the EXISTS stops at an author's first published article.
 */
export async function publishedAuthorsByName(db: Db, limit: number): Promise<AuthorListRow[]> {
  return db
    .selectFrom('authors')
    .select(listColumns)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .innerJoin('articles', 'articles.id', 'article_authors.article_id')
          .select('article_authors.article_id')
          .whereRef('article_authors.author_id', '=', 'authors.id')
          .where('articles.status', '=', 'published'),
      ),
    )
    .orderBy('name')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function authorBySlug(db: Db, slug: string) {
  return db.selectFrom('authors').selectAll().where('slug', '=', slug).executeTakeFirst();
}
