// Turning what a reader typed into a safe query, and a database snippet into text parts.
//
// The reader's words never reach the full-text engine as syntax: they are cut into
// letter/digit runs here, so quotes, `*`, AND/OR/NEAR, parentheses or SQL cannot change
// the query. Snippets come back from the database with two control characters around
// each match; those are split out here and the views render the parts as text inside
// <mark>, so a snippet can never inject markup.

export const MAX_QUERY_LENGTH = 200;
const MAX_TERMS = 12;

/** Start and end of a highlighted match inside a snippet (never in article text). */
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

/** The words of a query: runs of letters and digits, lower-cased, at most 12, no repeats. */
export function searchTerms(query: string): string[] {
  const words =
    query
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** FTS5 MATCH expression: every term quoted and prefix-matched, all required. */
export function sqliteMatchExpression(terms: string[]): string {
  // Terms hold only letters and digits, so the quotes cannot be broken out of.
  return terms.map((term) => `"${term}"*`).join(' ');
}

export interface SnippetPart {
  text: string;
  match: boolean;
}

// Markdown punctuation reads as noise in a snippet; links keep their text.
function tidyMarkdown(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(^|\s)#{1,6}\s/g, '$1')
    .replace(/[*_`]{1,3}/g, '')
    .replace(/(^|\s)>\s/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a database snippet into plain and matched parts; stray markers are dropped. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, match: boolean) => {
    const clean = text.split(MATCH_START).join('').split(MATCH_END).join('');
    if (clean) parts.push({ text: clean, match });
  };
  const [first = '', ...rest] = tidyMarkdown(snippet).split(MATCH_START);
  push(first, false);
  for (const segment of rest) {
    const end = segment.indexOf(MATCH_END);
    if (end === -1) {
      push(segment, false);
    } else {
      push(segment.slice(0, end), true);
      push(segment.slice(end + 1), false);
    }
  }
  return parts;
}
