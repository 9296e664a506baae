// Plain inserts for the demo seed. Nothing here has rules: demo.service.ts decides what to write.
import type { Insertable } from 'kysely';
import type {
  ArticlesTable,
  AuthorsTable,
  CommentsTable,
  GradesTable,
  GradeTotalsTable,
  ListsTable,
  TopicsTable,
} from '../../db/schema.js';
import type { Db } from '../../infra/db.js';

export async function countArticles(db: Db): Promise<number> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertAuthor(db: Db, values: Insertable<AuthorsTable>): Promise<number> {
  const row = await db
    .insertInto('authors')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertTopic(db: Db, values: Insertable<TopicsTable>): Promise<number> {
  const row = await db
    .insertInto('topics')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertArticle(
  db: Db,
  values: Insertable<ArticlesTable>,
  authorIds: number[],
  topicIds: number[],
): Promise<number> {
  const { id } = await db
    .insertInto('articles')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (authorIds.length > 0) {
    await db
      .insertInto('article_authors')
      .values(authorIds.map((author_id, position) => ({ article_id: id, author_id, position })))
      .execute();
  }
  if (topicIds.length > 0) {
    await db
      .insertInto('article_topics')
      .values(topicIds.map((topic_id) => ({ article_id: id, topic_id })))
      .execute();
  }
  return id;
}

export async function insertGrades(
  db: Db,
  grades: Insertable<GradesTable>[],
  totals: Insertable<GradeTotalsTable>,
): Promise<void> {
  if (grades.length > 0) await db.insertInto('grades').values(grades).execute();
  await db.insertInto('grade_totals').values(totals).execute();
}

export async function insertComment(db: Db, values: Insertable<CommentsTable>): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setCommentCount(db: Db, articleId: number, count: number): Promise<void> {
  await db
    .updateTable('articles')
    .set({ comment_count: count })
    .where('id', '=', articleId)
    .execute();
}

export async function insertList(db: Db, values: Insertable<ListsTable>): Promise<void> {
  await db.insertInto('lists').values(values).execute();
}
