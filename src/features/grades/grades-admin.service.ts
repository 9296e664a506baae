// What authors and editors may see and do with grades: authors see their own articles'
// statistics only; editors see all and decide on held-back votes.

import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { runWrite } from '../../infra/writes.js';
import { ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { DAY } from '../../lib/time.js';
import type { Viewer } from '../../views/site-context.js';
import { isStaff } from '../accounts/policy.js';
import { audit } from '../audit/audit.repository.js';
import { addToTotals, setGradeState, type TotalsRow, totalsOf } from './grades.repository.js';
import {
  type ArticleStatsRow,
  articleForStats,
  articleStatsList,
  bylineUserIds,
  deleteGrade,
  type HeldGradeRow,
  heldGradeCount,
  heldGrades,
  lockHeldGrade,
  otherArticlesTotals,
  siteTotals,
  type WeekRow,
  weeklyTotals,
} from './grades-admin.repository.js';

/** Articles per page of the overview, most graded first. */
const ARTICLES_PER_PAGE = 100;
const HELD_LIMIT = 100;
const TREND_WEEKS = 26;

export interface Mean {
  count: number;
  sum: number;
}

export interface GradesOverview {
  /** One page of the articles, most graded first. */
  articles: ArticleStatsRow[];
  page: number;
  hasNext: boolean;
  site: Mean;
  /** Editors only: the oldest held votes, and how many there are in all. */
  held: HeldVotes | undefined;
}

export interface HeldVotes {
  oldest: HeldGradeRow[];
  total: number;
}

async function heldVotes(db: Db, filter: { articleId?: number }): Promise<HeldVotes> {
  const [oldest, total] = await Promise.all([
    heldGrades(db, { ...filter, limit: HELD_LIMIT }),
    heldGradeCount(db, filter),
  ]);
  return { oldest, total };
}

export async function gradesOverview(db: Db, viewer: Viewer, page = 1): Promise<GradesOverview> {
  const editor = isStaff(viewer);
  const [rows, site, held] = await Promise.all([
    articleStatsList(db, {
      ...(editor ? {} : { authorUserId: viewer.id }),
      ...pageWindow(page, ARTICLES_PER_PAGE),
    }),
    siteTotals(db),
    editor ? heldVotes(db, {}) : Promise.resolve(undefined),
  ]);
  const { items, hasNext } = splitPage(rows, ARTICLES_PER_PAGE);
  return { articles: items, page, hasNext, site, held };
}

export interface ArticleGradeStats {
  article: { id: number; title: string; slug: string; status: string };
  totals: TotalsRow;
  weeks: WeekRow[];
  others: Mean & { articles: number };
  site: Mean;
  held: HeldVotes | undefined;
}

/** One article's statistics; an author who is not in its byline gets a 403. */
export async function articleGradeStats(
  db: Db,
  viewer: Viewer,
  articleId: number,
  now = new Date(),
): Promise<ArticleGradeStats> {
  const article = await articleForStats(db, articleId);
  if (!article) throw new NotFoundError();
  const editor = isStaff(viewer);
  if (!editor && !(await bylineUserIds(db, articleId)).includes(viewer.id)) {
    throw new ForbiddenError();
  }
  const since = new Date(now.getTime() - TREND_WEEKS * 7 * DAY).toISOString();
  const [totals, weeks, others, site, held] = await Promise.all([
    totalsOf(db, articleId),
    weeklyTotals(db, articleId, since),
    otherArticlesTotals(db, articleId),
    siteTotals(db),
    editor ? heldVotes(db, { articleId }) : Promise.resolve(undefined),
  ]);
  return { article, totals, weeks, others, site, held };
}

function requireEditor(viewer: Viewer): void {
  if (!isStaff(viewer)) throw new ForbiddenError();
}

/**
 * Counts a held-back vote: its state and the article's totals change in one transaction.
 * Returns the article id, or undefined when the vote is gone or was already handled.
 */
export async function acceptHeldGrade(
  db: Db,
  viewer: Viewer,
  gradeId: number,
): Promise<number | undefined> {
  requireEditor(viewer);
  const now = new Date().toISOString();
  return runWrite(db, async ({ trx, touch }) => {
    const grade = await lockHeldGrade(trx, gradeId);
    if (!grade) return undefined;
    // The article page and graded lists show the new numbers.
    touch(cacheTags.article(grade.article_id), cacheTags.grades);
    await setGradeState(trx, grade.id, 'counted');
    await addToTotals(trx, grade.article_id, grade.score, now);
    await audit(trx, {
      userId: viewer.id,
      action: 'grade.accept',
      subjectType: 'grade',
      subjectId: grade.id,
      detail: { articleId: grade.article_id, score: grade.score },
    });
    return grade.article_id;
  });
}

/** Deletes a held-back vote (never a counted one). Returns the article id, as above. */
export async function discardHeldGrade(
  db: Db,
  viewer: Viewer,
  gradeId: number,
): Promise<number | undefined> {
  requireEditor(viewer);
  // A held vote was never counted nor shown to anyone but its voter: no page changes.
  return runWrite(db, async ({ trx }) => {
    const grade = await lockHeldGrade(trx, gradeId);
    if (!grade) return undefined;
    await deleteGrade(trx, grade.id);
    await audit(trx, {
      userId: viewer.id,
      action: 'grade.discard',
      subjectType: 'grade',
      subjectId: grade.id,
      detail: { articleId: grade.article_id, score: grade.score },
    });
    return grade.article_id;
  });
}
