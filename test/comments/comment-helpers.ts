// Shared steps of the comment tests: post the real form as a browser would.
import { createFormToken } from '../../src/infra/form-token.js';
import { cookiesFrom, form, formHeaders, TEST_SECRET, type TestApp } from '../helpers/app.js';

export interface PostOptions {
  cookie?: string;
  /** How long ago the form was loaded (default 30 s, past every minimum). */
  ageMs?: number;
  headers?: Record<string, string>;
  json?: boolean;
  /** Raw urlencoded body instead of the fields. */
  raw?: string;
}

export function formToken(ageMs = 30_000): string {
  return createFormToken(TEST_SECRET, Date.now() - ageMs);
}

export async function postComment(
  t: TestApp,
  articleId: number,
  fields: Record<string, string | undefined>,
  options: PostOptions = {},
) {
  const payload = options.raw ?? form({ form_token: formToken(options.ageMs), ...fields });
  const res = await t.app.inject({
    method: 'POST',
    url: `/artikel/${articleId}/reacties`,
    headers: {
      ...formHeaders,
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.json ? { accept: 'application/json' } : {}),
      ...options.headers,
    },
    payload,
  });
  return { res, cookie: cookiesFrom(res, options.cookie ?? '') };
}

export async function commentsOf(t: TestApp, articleId: number) {
  return t.database.db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
}

export async function commentCount(t: TestApp, articleId: number): Promise<number> {
  const row = await t.database.db
    .selectFrom('articles')
    .select('comment_count')
    .where('id', '=', articleId)
    .executeTakeFirstOrThrow();
  return Number(row.comment_count);
}
