import { describe, expect, it } from 'vitest';
import {
  MATCH_END,
  MATCH_START,
  searchTerms,
  snippetParts,
  sqliteMatchExpression,
} from '../../src/features/search/search.text.js';

describe('search text', () => {
  it('keeps only words from a query', () => {
    expect(searchTerms('"Sales" AND (manager*) NEAR( x')).toEqual([
      'sales',
      'and',
      'manager',
      'near',
      'x',
    ]);
    expect(searchTerms("') OR 1=1 --")).toEqual(['or', '1']);
    expect(searchTerms('*"()')).toEqual([]);
    expect(searchTerms('Reünie reünie')).toEqual(['reünie']);
    expect(searchTerms('a b c d e f g h i j k l m n o')).toHaveLength(12);
    expect(sqliteMatchExpression(['sales', 'near'])).toBe('"sales"* "near"*');
  });

  it('splits a snippet into text and matches, dropping stray markers', () => {
    const raw = `Over ${MATCH_START}<b>sales</b>${MATCH_END} en ${MATCH_START}half`;
    expect(snippetParts(raw)).toEqual([
      { text: 'Over ', match: false },
      { text: '<b>sales</b>', match: true },
      { text: ' en ', match: false },
      { text: 'half', match: false },
    ]);
    expect(snippetParts(`## Kop\n**vet** [link](https://x.test) ${MATCH_END}`)).toEqual([
      { text: 'Kop vet link ', match: false },
    ]);
  });
});
