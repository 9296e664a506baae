// Queries of grading: the votes (grades) and the aggregate row per article (grade_totals).
// The aggregate is only ever changed by arithmetic in one UPDATE, inside the same
// transaction as the vote, so it never drifts from the votes and never needs a scan.
import { PostgresAdapter, sql } from 'kysely';
import type { GradeState } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';

export const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type Score = (typeof SCORES)[number];

const HISTOGRAM = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7', 'h8', 'h9', 'h10'] as const;
type HistogramColumn = (typeof HISTOGRAM)[number];

function histogramColumn(score: number): HistogramColumn {
  const column = HISTOGRAM[score - 1];
  if (!column) throw new RangeError(`score out of range: ${score}`);
  return column;
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface TotalsRow {
  count: number;
  sum: number;
  /** Index 0 holds the votes for score 1. */
  histogram: number[];
}

const EMPTY_TOTALS: TotalsRow = { count: 0, sum: 0, histogram: HISTOGRAM.map(() => 0) };

export interface GradableArticle {
  id: number;
  slug: string;
  title: string;
}

/** The article if readers may grade it: published (the same rule as the public article page). */
export async function findGradableArticle(
  db: Db,
  articleId: number,
): Promise<GradableArticle | undefined> {
  return db
    .selectFrom('articles')
    .select(['id', 'slug', 'title'])
    .where('id', '=', articleId)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** The reader's own grade of one article (the unique index on article + reader serves it). */
export async function findReaderGrade(
  db: Db,
  articleId: number,
  readerKey: string,
): Promise<{ score: number; state: GradeState } | undefined> {
  return db
    .selectFrom('grades')
    .select(['score', 'state'])
    .where('article_id', '=', articleId)
    .where('reader_key', '=', readerKey)
    .executeTakeFirst();
}

/** The vote row of a reader, locked for the rest of the transaction on PostgreSQL. */
export async function lockReaderGrade(
  db: Db,
  articleId: number,
  readerKey: string,
): Promise<{ id: number; score: number; state: GradeState } | undefined> {
  return db
    .selectFrom('grades')
    .select(['id', 'score', 'state'])
    .where('article_id', '=', articleId)
    .where('reader_key', '=', readerKey)
    .$if(isPostgres(db), (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/**
 * Inserts a vote if the article is published and the reader has none yet (a concurrent
 * insert of the same reader may have won); returns its id, or undefined. Checking the
 * article inside the INSERT … SELECT saves the hottest write a round trip.
 */
export async function insertGradeIfAbsent(
  db: Db,
  row: { articleId: number; readerKey: string; score: number; addressHash: string; now: string },
): Promise<number | undefined> {
  const inserted = await db
    .insertInto('grades')
    .columns([
      'article_id',
      'reader_key',
      'score',
      'address_hash',
      'state',
      'created_at',
      'updated_at',
    ])
    .expression((eb) =>
      eb
        .selectFrom('articles')
        .select([
          'articles.id',
          sql<string>`cast(${row.readerKey} as text)`.as('reader_key'),
          sql<number>`cast(${row.score} as integer)`.as('score'),
          sql<string>`cast(${row.addressHash} as text)`.as('address_hash'),
          sql<GradeState>`'counted'`.as('state'),
          sql<string>`cast(${row.now} as text)`.as('created_at'),
          sql<string>`cast(${row.now} as text)`.as('updated_at'),
        ])
        .where('articles.id', '=', row.articleId)
        .where('articles.status', '=', 'published'),
    )
    .onConflict((oc) => oc.columns(['article_id', 'reader_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function updateGradeScore(
  db: Db,
  gradeId: number,
  score: number,
  now: string,
): Promise<void> {
  await db
    .updateTable('grades')
    .set({ score, updated_at: now })
    .where('id', '=', gradeId)
    .execute();
}

export async function setGradeState(db: Db, gradeId: number, state: GradeState): Promise<void> {
  await db.updateTable('grades').set({ state }).where('id', '=', gradeId).execute();
}

const TOTALS_COLUMNS = ['count', 'sum', ...HISTOGRAM] as const;

/**
 * Adds one counted vote to the aggregate, creating the row for the first one, in one
 * statement (INSERT … ON CONFLICT DO UPDATE is atomic on both backends); returns the new totals.
 */
export async function addToTotals(
  db: Db,
  articleId: number,
  score: number,
  now: string,
): Promise<TotalsRow> {
  const h = histogramColumn(score);
  const row = await db
    .insertInto('grade_totals')
    .values({ article_id: articleId, count: 1, sum: score, [h]: 1, updated_at: now })
    .onConflict((oc) =>
      oc.column('article_id').doUpdateSet({
        count: sql`grade_totals.count + 1`,
        sum: sql`grade_totals.sum + ${score}`,
        [h]: sql`${sql.ref(`grade_totals.${h}`)} + 1`,
        updated_at: now,
      }),
    )
    .returning(TOTALS_COLUMNS)
    .executeTakeFirstOrThrow();
  return toTotals(row);
}

/** Moves one counted vote from one score to another (the count stays); returns the new totals. */
export async function moveInTotals(
  db: Db,
  articleId: number,
  from: number,
  to: number,
  now: string,
): Promise<TotalsRow> {
  const hFrom = histogramColumn(from);
  const hTo = histogramColumn(to);
  const row = await db
    .updateTable('grade_totals')
    .set({
      sum: sql`sum + ${to - from}`,
      [hFrom]: sql`${sql.ref(hFrom)} - 1`,
      [hTo]: sql`${sql.ref(hTo)} + 1`,
      updated_at: now,
    })
    .where('article_id', '=', articleId)
    .returning(TOTALS_COLUMNS)
    .executeTakeFirstOrThrow();
  return toTotals(row);
}

function toTotals(
  r:
    | {
        count: number;
        sum: number;
        h1: number;
        h2: number;
        h3: number;
        h4: number;
        h5: number;
        h6: number;
        h7: number;
        h8: number;
        h9: number;
        h10: number;
      }
    | undefined,
): TotalsRow {
  if (!r) return { ...EMPTY_TOTALS, histogram: [...EMPTY_TOTALS.histogram] };
  return {
    count: Number(r.count),
    sum: Number(r.sum),
    histogram: HISTOGRAM.map((h) => Number(r[h])),
  };
}

export async function totalsOf(db: Db, articleId: number): Promise<TotalsRow> {
  const row = await db
    .selectFrom('grade_totals')
    .select(TOTALS_COLUMNS)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return toTotals(row);
}

/** Settings rows (JSON values) by key, for the ballot-stuffing thresholds. */
export async function settingValues(db: Db, keys: string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}
