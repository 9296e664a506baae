// Read-side queries for the public pages: plain functions over Db, one query per list.
import type { Db } from '../../infra/db.js';
import type { CommentView } from '../comments/comments.views.js';
import type { GradeTotalsView } from '../grades/grades.views.js';

/** The grade aggregates of many articles in one query, keyed by article id. */
export async function gradeTotalsFor(
  db: Db,
  articleIds: number[],
): Promise<Map<number, GradeTotalsView>> {
  const result = new Map<number, GradeTotalsView>();
  if (articleIds.length === 0) return result;
  const rows = await db
    .selectFrom('grade_totals')
    .selectAll()
    .where('article_id', 'in', [...new Set(articleIds)])
    .execute();
  for (const r of rows) {
    result.set(r.article_id, {
      count: Number(r.count),
      sum: Number(r.sum),
      histogram: [r.h1, r.h2, r.h3, r.h4, r.h5, r.h6, r.h7, r.h8, r.h9, r.h10].map(Number),
    });
  }
  return result;
}

/** The approved comments of one article, oldest first, in one query. */
export async function approvedCommentsFor(db: Db, articleId: number): Promise<CommentView[]> {
  const rows = await db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'name', 'website', 'body', 'created_at', 'label', 'state'])
    .where('article_id', '=', articleId)
    .where('state', '=', 'approved')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    website: r.website,
    body: r.body,
    createdAt: r.created_at,
    label: r.label,
    state: r.state,
  }));
}
