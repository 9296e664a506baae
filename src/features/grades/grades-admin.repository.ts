// Back-office queries of grading: statistics per article and the held-back votes.
import { PostgresAdapter, sql } from 'kysely';
import type { ArticleStatus } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface ArticleStatsRow {
  id: number;
  title: string;
  slug: string;
  status: ArticleStatus;
  count: number;
  sum: number;
  held: number;
}

/** Articles with their totals and held-back count; only one user's articles when given. */
export async function articleStatsList(
  db: Db,
  filter: { authorUserId?: number; limit: number; offset?: number },
): Promise<ArticleStatsRow[]> {
  const held = db
    .selectFrom('grades')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('held')])
    .where('state', '=', 'held')
    .groupBy('article_id')
    .as('h');
  let query = db
    .selectFrom('articles as a')
    .leftJoin('grade_totals as gt', 'gt.article_id', 'a.id')
    .leftJoin(held, 'h.article_id', 'a.id')
    .select([
      'a.id',
      'a.title',
      'a.slug',
      'a.status',
      sql<number>`coalesce(gt.count, 0)`.as('count'),
      sql<number>`coalesce(gt.sum, 0)`.as('sum'),
      sql<number>`coalesce(h.held, 0)`.as('held'),
    ]);
  if (filter.authorUserId !== undefined) {
    const userId = filter.authorUserId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors as aa')
          .innerJoin('authors as au', 'au.id', 'aa.author_id')
          .select(sql`1`.as('one'))
          .whereRef('aa.article_id', '=', 'a.id')
          .where('au.user_id', '=', userId),
      ),
    );
  } else {
    query = query.where((eb) =>
      eb.or([eb('a.status', '=', 'published'), eb('gt.count', '>', 0), eb('h.held', '>', 0)]),
    );
  }
  const rows = await query
    .orderBy(sql`coalesce(gt.count, 0)`, 'desc')
    .orderBy('a.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    ...r,
    count: Number(r.count),
    sum: Number(r.sum),
    held: Number(r.held),
  }));
}

/** The whole site's counted votes: the prior for rankings and the comparison line. */
export async function siteTotals(db: Db): Promise<{ count: number; sum: number }> {
  const row = await db
    .selectFrom('grade_totals')
    .select([
      sql<number>`coalesce(sum(count), 0)`.as('count'),
      sql<number>`coalesce(sum(sum), 0)`.as('sum'),
    ])
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), sum: Number(row?.sum ?? 0) };
}

export async function articleForStats(
  db: Db,
  articleId: number,
): Promise<{ id: number; title: string; slug: string; status: ArticleStatus } | undefined> {
  return db
    .selectFrom('articles')
    .select(['id', 'title', 'slug', 'status'])
    .where('id', '=', articleId)
    .executeTakeFirst();
}

/** The user accounts behind the article's byline (guest experts have none). */
export async function bylineUserIds(db: Db, articleId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('article_authors as aa')
    .innerJoin('authors as au', 'au.id', 'aa.author_id')
    .select('au.user_id')
    .where('aa.article_id', '=', articleId)
    .execute();
  return rows.flatMap((r) => (r.user_id === null ? [] : [r.user_id]));
}

/** Totals of the other published articles sharing an author with this one. */
export async function otherArticlesTotals(
  db: Db,
  articleId: number,
): Promise<{ count: number; sum: number; articles: number }> {
  const row = await db
    .selectFrom('grade_totals as gt')
    .innerJoin('articles as a', 'a.id', 'gt.article_id')
    .select([
      sql<number>`coalesce(sum(gt.count), 0)`.as('count'),
      sql<number>`coalesce(sum(gt.sum), 0)`.as('sum'),
      sql<number>`count(*)`.as('articles'),
    ])
    .where('gt.article_id', '<>', articleId)
    .where('a.status', '=', 'published')
    .where('gt.article_id', 'in', (eb) =>
      eb
        .selectFrom('article_authors as mine')
        .innerJoin('article_authors as theirs', 'theirs.author_id', 'mine.author_id')
        .select('theirs.article_id')
        .where('mine.article_id', '=', articleId),
    )
    .executeTakeFirst();
  return {
    count: Number(row?.count ?? 0),
    sum: Number(row?.sum ?? 0),
    articles: Number(row?.articles ?? 0),
  };
}

export interface WeekRow {
  /** Monday of the week, YYYY-MM-DD (UTC). */
  week: string;
  count: number;
  sum: number;
}

/** Counted votes per week (by when the current score was given), oldest first. */
export async function weeklyTotals(db: Db, articleId: number, since: string): Promise<WeekRow[]> {
  const week = isPostgres(db)
    ? sql<string>`to_char(date_trunc('week', updated_at::timestamptz at time zone 'UTC'), 'YYYY-MM-DD')`
    : sql<string>`date(updated_at, 'weekday 0', '-6 days')`;
  const rows = await db
    .selectFrom('grades')
    .select([
      week.as('week'),
      (eb) => eb.fn.countAll<number>().as('count'),
      (eb) => eb.fn.sum<number>('score').as('sum'),
    ])
    .where('article_id', '=', articleId)
    .where('state', '=', 'counted')
    .where('updated_at', '>=', since)
    .groupBy(week)
    .orderBy(week)
    .execute();
  return rows.map((r) => ({ week: String(r.week), count: Number(r.count), sum: Number(r.sum) }));
}

export interface HeldGradeRow {
  id: number;
  article_id: number;
  title: string;
  score: number;
  address_hash: string;
  created_at: string;
}

/** Held-back votes, oldest first, of one article or of all. */
export async function heldGrades(
  db: Db,
  filter: { articleId?: number; limit: number },
): Promise<HeldGradeRow[]> {
  let query = db
    .selectFrom('grades as g')
    .innerJoin('articles as a', 'a.id', 'g.article_id')
    .select(['g.id', 'g.article_id', 'a.title', 'g.score', 'g.address_hash', 'g.created_at'])
    .where('g.state', '=', 'held');
  if (filter.articleId !== undefined) query = query.where('g.article_id', '=', filter.articleId);
  return query.orderBy('g.created_at').orderBy('g.id').limit(filter.limit).execute();
}

/** How many votes are held back, of one article or of all. */
export async function heldGradeCount(db: Db, filter: { articleId?: number }): Promise<number> {
  let query = db
    .selectFrom('grades')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'held');
  if (filter.articleId !== undefined) query = query.where('article_id', '=', filter.articleId);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A held vote, locked for the rest of the transaction on PostgreSQL. */
export async function lockHeldGrade(
  db: Db,
  gradeId: number,
): Promise<{ id: number; article_id: number; score: number } | undefined> {
  return db
    .selectFrom('grades')
    .select(['id', 'article_id', 'score'])
    .where('id', '=', gradeId)
    .where('state', '=', 'held')
    .$if(isPostgres(db), (qb) => qb.forUpdate())
    .executeTakeFirst();
}

export async function deleteGrade(db: Db, gradeId: number): Promise<void> {
  await db.deleteFrom('grades').where('id', '=', gradeId).execute();
}
