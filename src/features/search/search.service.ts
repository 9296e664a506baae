// Search: from a reader's query to ranked, highlighted, paginated published articles.
import type { Db } from '../../infra/db.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { authorNamesFor, searchPublished } from './search.repository.js';
import { type SnippetPart, searchTerms, snippetParts } from './search.text.js';

export const RESULTS_PER_PAGE = 10;

export interface SearchResult {
  id: number;
  slug: string;
  title: string;
  lead: string;
  publishAt: string | null;
  snippet: SnippetPart[];
  authors: { name: string; slug: string }[];
}

export interface SearchOutcome {
  terms: string[];
  page: number;
  items: SearchResult[];
  hasNext: boolean;
}

export async function searchArticles(db: Db, query: string, page: number): Promise<SearchOutcome> {
  const terms = searchTerms(query);
  if (terms.length === 0) return { terms, page, items: [], hasNext: false };
  const rows = await searchPublished(db, terms, pageWindow(page, RESULTS_PER_PAGE));
  const { items, hasNext } = splitPage(rows, RESULTS_PER_PAGE);
  const names = await authorNamesFor(
    db,
    items.map((row) => row.id),
  );
  return {
    terms,
    page,
    hasNext,
    items: items.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      lead: row.lead,
      publishAt: row.publish_at,
      snippet: snippetParts(row.snippet ?? ''),
      authors: names
        .filter((n) => n.article_id === row.id)
        .map((n) => ({ name: n.name, slug: n.slug })),
    })),
  };
}
