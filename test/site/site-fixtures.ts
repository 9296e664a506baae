// Rows the reading-site tests need beyond the shared factories: grade aggregates and comments.
import { HtmlValidate } from 'html-validate';
import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { CommentLabel, CommentState, Database } from '../../src/db/schema.js';

type Db = Kysely<Database>;

/** Stores votes and their aggregate row, as the grades service would. */
export async function storeGrades(db: Db, articleId: number, scores: number[]): Promise<void> {
  const at = '2026-02-02T10:00:00.000Z';
  if (scores.length > 0) {
    await db
      .insertInto('grades')
      .values(
        scores.map((score, i) => ({
          article_id: articleId,
          reader_key: `reader-${articleId}-${i}`,
          score,
          address_hash: `hash-${i}`,
          state: 'counted' as const,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
  const h = (n: number) => scores.filter((s) => s === n).length;
  await db
    .insertInto('grade_totals')
    .values({
      article_id: articleId,
      count: scores.length,
      sum: scores.reduce((a, b) => a + b, 0),
      h1: h(1),
      h2: h(2),
      h3: h(3),
      h4: h(4),
      h5: h(5),
      h6: h(6),
      h7: h(7),
      h8: h(8),
      h9: h(9),
      h10: h(10),
      updated_at: at,
    })
    .execute();
}

export async function storeComment(
  db: Db,
  input: {
    articleId: number;
    name: string;
    body: string;
    parentId?: number | null;
    label?: CommentLabel | null;
    state?: CommentState;
    website?: string | null;
    email?: string | null;
    createdAt?: string;
  },
): Promise<number> {
  const at = input.createdAt ?? '2026-02-03T12:00:00.000Z';
  const row = await db
    .insertInto('comments')
    .values({
      article_id: input.articleId,
      parent_id: input.parentId ?? null,
      name: input.name,
      email: input.email ?? null,
      website: input.website ?? null,
      body: input.body,
      state: input.state ?? 'approved',
      author_user_id: null,
      label: input.label ?? null,
      reader_key: null,
      address_hash: null,
      created_at: at,
      updated_at: at,
      approved_at: input.state === 'approved' || !input.state ? at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every JSON-LD object of a page, parsed (throws on invalid JSON). */
export function jsonLdOf(html: string): Record<string, unknown>[] {
  const found = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  return found.map((m) => JSON.parse(m[1] ?? '') as Record<string, unknown>);
}

// Preact writes void elements as <meta/>; that style is valid HTML, so the rule is off.
// An aria-label on a list is allowed by ARIA; the recommendation against it is advisory.
export const htmlValidator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'void-style': 'off', 'aria-label-misuse': 'off' },
});

export async function expectValidHtml(html: string): Promise<void> {
  const report = await htmlValidator.validateString(html);
  const problems = report.results.flatMap((r) =>
    r.messages.map((m) => `${m.ruleId}: ${m.message} (${m.selector})`),
  );
  expect(problems).toEqual([]);
}
