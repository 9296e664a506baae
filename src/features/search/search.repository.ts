// Full-text queries over published articles. The index is built by the migration
// 20261127-0100-article-search; the PostgreSQL document expression below must stay
// identical to the indexed one, or the index is not used.
import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../infra/db.js';
import { MATCH_END, MATCH_START, sqliteMatchExpression } from './search.text.js';

export interface SearchRow {
  id: number;
  slug: string;
  title: string;
  lead: string;
  publish_at: string | null;
  /** Text around the best match, matches wrapped in MATCH_START/MATCH_END. */
  snippet: string;
}

export interface ArticleAuthorName {
  article_id: number;
  name: string;
  slug: string;
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

const pgDocument = sql`(
  setweight(to_tsvector('dutch'::regconfig, a.title), 'A') ||
  setweight(to_tsvector('dutch'::regconfig, a.lead), 'B') ||
  setweight(to_tsvector('dutch'::regconfig, a.body_source), 'C')
)`;

const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** Best matches first (title over lead over body); `limit` one more than shown. */
export async function searchPublished(
  db: Db,
  terms: string[],
  window: { limit: number; offset: number },
): Promise<SearchRow[]> {
  if (terms.length === 0) return [];
  if (isPostgres(db)) {
    // Rank and page first, then build headlines for the page's rows only: ts_headline
    // re-parses the whole text and is the expensive part.
    const result = await sql<SearchRow>`
      with query as (select plainto_tsquery('dutch'::regconfig, ${terms.join(' ')}) as q),
      hits as (
        select a.id, ts_rank(${pgDocument}, query.q) as rank, a.publish_at
        from articles a, query
        where ${pgDocument} @@ query.q and a.status = 'published'
        order by rank desc, a.publish_at desc, a.id desc
        limit ${window.limit} offset ${window.offset}
      )
      select a.id, a.slug, a.title, a.lead, a.publish_at,
        ts_headline('dutch'::regconfig, a.lead || ' ' || a.body_source, query.q, ${HEADLINE_OPTIONS}) as snippet
      from hits join articles a on a.id = hits.id, query
      order by hits.rank desc, hits.publish_at desc, hits.id desc`.execute(db);
    return result.rows;
  }
  // bm25 is lower-is-better; the weights favour title, then lead, then body.
  const result = await sql<SearchRow>`
    select a.id, a.slug, a.title, a.lead, a.publish_at,
      snippet(article_search, -1, ${MATCH_START}, ${MATCH_END}, '…', 24) as snippet
    from article_search
    join articles a on a.id = article_search.rowid
    where article_search match ${sqliteMatchExpression(terms)} and a.status = 'published'
    order by bm25(article_search, 10.0, 4.0, 1.0), a.publish_at desc, a.id desc
    limit ${window.limit} offset ${window.offset}`.execute(db);
  return result.rows;
}

/** Bylines of several articles at once, in byline order. */
export async function authorNamesFor(db: Db, articleIds: number[]): Promise<ArticleAuthorName[]> {
  if (articleIds.length === 0) return [];
  return db
    .selectFrom('article_authors as aa')
    .innerJoin('authors as au', 'au.id', 'aa.author_id')
    .select(['aa.article_id', 'au.name', 'au.slug'])
    .where('aa.article_id', 'in', articleIds)
    .orderBy('aa.article_id')
    .orderBy('aa.position')
    .execute();
}
