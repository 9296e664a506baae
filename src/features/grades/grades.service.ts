// The rules of grading: one grade per reader per article, changeable; ballot stuffing is
// held back; every vote and the article's aggregate change in one transaction.

import { type Kysely, SqliteAdapter } from 'kysely';
import type { Database, GradeState } from '../../db/schema.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { hit } from '../../infra/rate-limit.js';
import { publishCommitted, runWrite } from '../../infra/writes.js';
import { NotFoundError } from '../../lib/errors.js';
import { HOUR, MINUTE } from '../../lib/time.js';
import { paths } from '../../views/paths.js';
import { commitGroupOf } from './grades.commit-group.js';
import {
  addToTotals,
  findGradableArticle,
  findReaderGrade,
  insertGradeIfAbsent,
  lockReaderGrade,
  moveInTotals,
  setGradeState,
  settingValues,
  type TotalsRow,
  totalsOf,
  updateGradeScore,
} from './grades.repository.js';

/** Settings keys (JSON numbers) an administrator may set; defaults below. */
export const GRADE_SETTINGS = {
  holdAfter: 'grades.hold_after',
  holdWindowMinutes: 'grades.hold_window_minutes',
} as const;

export interface HoldPolicy {
  /** New grades from one address for one article beyond this many per window are held. */
  holdAfter: number;
  windowMs: number;
}

export const DEFAULT_HOLD_POLICY: HoldPolicy = { holdAfter: 5, windowMs: HOUR };

function positiveInteger(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

// Settings change seldom and grading is the hottest write: a policy read is reused for a
// few seconds per database (a changed threshold applies within POLICY_TTL_MS).
const POLICY_TTL_MS = 10_000;
const policyCache = new WeakMap<object, { policy: HoldPolicy; until: number }>();

export async function holdPolicy(db: Db, now = Date.now()): Promise<HoldPolicy> {
  const cached = policyCache.get(db);
  if (cached && cached.until > now) return cached.policy;
  const policy = await readHoldPolicy(db);
  policyCache.set(db, { policy, until: now + POLICY_TTL_MS });
  return policy;
}

async function readHoldPolicy(db: Db): Promise<HoldPolicy> {
  const values = await settingValues(db, Object.values(GRADE_SETTINGS));
  const holdAfter = positiveInteger(values.get(GRADE_SETTINGS.holdAfter));
  const minutes = positiveInteger(values.get(GRADE_SETTINGS.holdWindowMinutes));
  return {
    holdAfter: holdAfter ?? DEFAULT_HOLD_POLICY.holdAfter,
    windowMs: minutes ? minutes * MINUTE : DEFAULT_HOLD_POLICY.windowMs,
  };
}

export interface GradeInput {
  articleId: number;
  readerKey: string;
  score: number;
  /** Keyed daily hash of the client address (infra/address-hash.ts), never the address. */
  addressHash: string;
  now?: Date;
}

export interface GradeOutcome {
  articleId: number;
  /** created: a new vote; changed: the reader's earlier vote was replaced; unchanged: a replay. */
  change: 'created' | 'changed' | 'unchanged';
  score: number;
  state: GradeState;
  totals: TotalsRow;
}

/** A readable score 1–10 from form text, or undefined ("7.5", "", "07x" are not scores). */
export function parseScore(text: string | undefined): number | undefined {
  return text !== undefined && /^(10|[1-9])$/.test(text) ? Number(text) : undefined;
}

/**
 * Records the reader's grade. Race-free on PostgreSQL: the reader's vote row is locked
 * (or inserted with ON CONFLICT DO NOTHING, and on losing that race locked and changed),
 * and the aggregate only moves by arithmetic. On SQLite the one connection serialises
 * transactions, and grades arriving together share one (grades.commit-group.ts). The
 * touched tags are published after the commit (infra/writes.ts).
 */
export async function gradeArticle(db: Db, input: GradeInput): Promise<GradeOutcome> {
  const at = (input.now ?? new Date()).getTime();
  const grade: GradeToRecord = { ...input, at, now: new Date(at).toISOString() };
  const policy = await holdPolicy(db, at);
  // The article page and every list ranked by grade show the new numbers.
  const touched = [cacheTags.article(input.articleId), cacheTags.grades];
  if (!db.isTransaction && db.getExecutor().adapter instanceof SqliteAdapter) {
    const root = db as Kysely<Database>;
    const outcome = await commitGroupOf(root).run((trx) => recordGrade(trx, grade, policy));
    publishCommitted(root, touched);
    return outcome;
  }
  return runWrite(db, ({ trx, touch }) => {
    touch(...touched);
    return recordGrade(trx, grade, policy);
  });
}

interface GradeToRecord extends Omit<GradeInput, 'now'> {
  /** The grade's time in milliseconds and as stored (ISO 8601). */
  at: number;
  now: string;
}

/** The rules of one grade, inside a transaction that also holds its aggregate change. */
async function recordGrade(
  trx: Db,
  grade: GradeToRecord,
  policy: HoldPolicy,
): Promise<GradeOutcome> {
  const { articleId, readerKey, score, now } = grade;
  const outcome = (change: GradeOutcome['change'], state: GradeState, totals: TotalsRow) => ({
    articleId,
    change,
    score,
    state,
    totals,
  });

  // The common case first: a new vote on a published article. ON CONFLICT DO NOTHING makes
  // a concurrent first vote of the same reader fall through to the change path below.
  const id = await insertGradeIfAbsent(trx, grade);
  if (id !== undefined) {
    // Only new votes count against the address: a reader changing their mind is not stuffing.
    const seen = await hit(
      trx,
      `grade:${articleId}:${grade.addressHash}`,
      policy.windowMs,
      grade.at,
    );
    if (seen > policy.holdAfter) {
      await setGradeState(trx, id, 'held');
      return outcome('created', 'held', await totalsOf(trx, articleId));
    }
    return outcome('created', 'counted', await addToTotals(trx, articleId, score, now));
  }

  // The reader has a vote: lock it (PostgreSQL waits here for a concurrent change) and replace it.
  const existing = await lockReaderGrade(trx, articleId, readerKey);
  // No vote and no insert: the article is unknown or not published (or an editor deleted
  // this held vote at this very moment). A vote on an article taken offline stays as it is.
  if (!existing || !(await findGradableArticle(trx, articleId))) throw new NotFoundError();
  if (existing.score === score) {
    return outcome('unchanged', existing.state, await totalsOf(trx, articleId));
  }
  await updateGradeScore(trx, existing.id, score, now);
  // A held vote stays outside the totals until an editor accepts it.
  const totals =
    existing.state === 'counted'
      ? await moveInTotals(trx, articleId, existing.score, score, now)
      : await totalsOf(trx, articleId);
  return outcome('changed', existing.state, totals);
}

/** The reader's own grade for the article page, when they have one. */
export async function readerGradeOf(
  db: Db,
  articleId: number,
  readerKey: string | undefined,
): Promise<number | undefined> {
  if (!readerKey) return undefined;
  return (await findReaderGrade(db, articleId, readerKey))?.score;
}

/** The article and its totals for re-showing the form after a refused grade; 404 otherwise. */
export async function gradableArticle(
  db: Db,
  articleId: number,
): Promise<{ title: string; path: string; totals: TotalsRow }> {
  const article = await findGradableArticle(db, articleId);
  if (!article) throw new NotFoundError();
  return {
    title: article.title,
    path: paths.article(article),
    totals: await totalsOf(db, articleId),
  };
}

/** The canonical path of a gradable article, for the redirect after a grade without script. */
export async function gradedArticlePath(db: Db, articleId: number): Promise<string> {
  const article = await findGradableArticle(db, articleId);
  if (!article) throw new NotFoundError();
  return paths.article(article);
}
