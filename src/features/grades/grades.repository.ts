// Queries of grading: the votes (grades) and the aggregate row per article (grade_totals).
// The aggregate is only ever changed by arithmetic in one UPDATE, inside the same
// transaction as the vote, so it never drifts from the votes and never needs a scan.
//
// Grading is the hottest write: every query on its path is prepared (src/db/prepared.ts),
// built and compiled once per database. Queries that name a histogram column exist once
// per score (or pair of scores), made when first needed.
import { PostgresAdapter, sql } from 'kysely';
import { prepared } from '../../db/prepared.js';
import type { GradeState } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';

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

const gradableArticleQuery = prepared((db, p: { articleId: number }) =>
  db
    .selectFrom('articles')
    .select(['id', 'slug', 'title'])
    .where('id', '=', p.articleId)
    .where('status', '=', 'published'),
);

/** The article if readers may grade it: published (the same rule as the public article page). */
export async function findGradableArticle(
  db: Db,
  articleId: number,
): Promise<GradableArticle | undefined> {
  return gradableArticleQuery.takeFirst(db, { articleId });
}

const readerGradeQuery = prepared((db, p: { articleId: number; readerKey: string }) =>
  db
    .selectFrom('grades')
    .select(['score', 'state'])
    .where('article_id', '=', p.articleId)
    .where('reader_key', '=', p.readerKey),
);

/** The reader's own grade of one article (the unique index on article + reader serves it). */
export async function findReaderGrade(
  db: Db,
  articleId: number,
  readerKey: string,
): Promise<{ score: number; state: GradeState } | undefined> {
  return readerGradeQuery.takeFirst(db, { articleId, readerKey });
}

// The template is made per database, so it may depend on the backend (not on the values).
const lockReaderGradeQuery = prepared((db, p: { articleId: number; readerKey: string }) =>
  db
    .selectFrom('grades')
    .select(['id', 'score', 'state'])
    .where('article_id', '=', p.articleId)
    .where('reader_key', '=', p.readerKey)
    .$if(isPostgres(db), (qb) => qb.forUpdate()),
);

/** The vote row of a reader, locked for the rest of the transaction on PostgreSQL. */
export async function lockReaderGrade(
  db: Db,
  articleId: number,
  readerKey: string,
): Promise<{ id: number; score: number; state: GradeState } | undefined> {
  return lockReaderGradeQuery.takeFirst(db, { articleId, readerKey });
}

export type NewGradeRow = {
  articleId: number;
  readerKey: string;
  score: number;
  addressHash: string;
  now: string;
};

const insertGradeQuery = prepared((db, p: NewGradeRow) =>
  db
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
          sql<string>`cast(${p.readerKey} as text)`.as('reader_key'),
          sql<number>`cast(${p.score} as integer)`.as('score'),
          sql<string>`cast(${p.addressHash} as text)`.as('address_hash'),
          sql<GradeState>`'counted'`.as('state'),
          sql<string>`cast(${p.now} as text)`.as('created_at'),
          sql<string>`cast(${p.now} as text)`.as('updated_at'),
        ])
        .where('articles.id', '=', p.articleId)
        .where('articles.status', '=', 'published'),
    )
    .onConflict((oc) => oc.columns(['article_id', 'reader_key']).doNothing())
    .returning('id'),
);

/**
 * Inserts a vote if the article is published and the reader has none yet (a concurrent
 * insert of the same reader may have won); returns its id, or undefined. Checking the
 * article inside the INSERT … SELECT saves the hottest write a round trip.
 */
export async function insertGradeIfAbsent(db: Db, row: NewGradeRow): Promise<number | undefined> {
  return (await insertGradeQuery.takeFirst(db, row))?.id;
}

const updateScoreQuery = prepared((db, p: { gradeId: number; score: number; now: string }) =>
  db.updateTable('grades').set({ score: p.score, updated_at: p.now }).where('id', '=', p.gradeId),
);

export async function updateGradeScore(
  db: Db,
  gradeId: number,
  score: number,
  now: string,
): Promise<void> {
  await updateScoreQuery.execute(db, { gradeId, score, now });
}

const setStateQuery = prepared((db, p: { gradeId: number; state: GradeState }) =>
  db.updateTable('grades').set({ state: p.state }).where('id', '=', p.gradeId),
);

export async function setGradeState(db: Db, gradeId: number, state: GradeState): Promise<void> {
  await setStateQuery.execute(db, { gradeId, state });
}

const TOTALS_COLUMNS = ['count', 'sum', ...HISTOGRAM] as const;

type TotalsParams = { articleId: number; score: number; now: string };

function addToTotalsQueryOf(h: HistogramColumn) {
  return prepared((db, p: TotalsParams) =>
    db
      .insertInto('grade_totals')
      .values({ article_id: p.articleId, count: 1, sum: p.score, [h]: 1, updated_at: p.now })
      .onConflict((oc) =>
        oc.column('article_id').doUpdateSet({
          count: sql`grade_totals.count + 1`,
          sum: sql`grade_totals.sum + ${p.score}`,
          [h]: sql`${sql.ref(`grade_totals.${h}`)} + 1`,
          updated_at: p.now,
        }),
      )
      .returning(TOTALS_COLUMNS),
  );
}

const addToTotalsQueries = new Map<HistogramColumn, ReturnType<typeof addToTotalsQueryOf>>();

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
  let query = addToTotalsQueries.get(h);
  if (!query) {
    query = addToTotalsQueryOf(h);
    addToTotalsQueries.set(h, query);
  }
  const row = await query.takeFirst(db, { articleId, score, now });
  if (!row) throw new Error(`no totals row for article ${articleId}`);
  return toTotals(row);
}

type MoveParams = { articleId: number; delta: number; now: string };

function moveInTotalsQueryOf(hFrom: HistogramColumn, hTo: HistogramColumn) {
  return prepared((db, p: MoveParams) =>
    db
      .updateTable('grade_totals')
      .set({
        sum: sql`sum + ${p.delta}`,
        [hFrom]: sql`${sql.ref(hFrom)} - 1`,
        [hTo]: sql`${sql.ref(hTo)} + 1`,
        updated_at: p.now,
      })
      .where('article_id', '=', p.articleId)
      .returning(TOTALS_COLUMNS),
  );
}

const moveInTotalsQueries = new Map<string, ReturnType<typeof moveInTotalsQueryOf>>();

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
  const key = `${hFrom}>${hTo}`;
  let query = moveInTotalsQueries.get(key);
  if (!query) {
    query = moveInTotalsQueryOf(hFrom, hTo);
    moveInTotalsQueries.set(key, query);
  }
  const row = await query.takeFirst(db, { articleId, delta: to - from, now });
  if (!row) throw new Error(`no totals row for article ${articleId}`);
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

const totalsQuery = prepared((db, p: { articleId: number }) =>
  db.selectFrom('grade_totals').select(TOTALS_COLUMNS).where('article_id', '=', p.articleId),
);

export async function totalsOf(db: Db, articleId: number): Promise<TotalsRow> {
  return toTotals(await totalsQuery.takeFirst(db, { articleId }));
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
