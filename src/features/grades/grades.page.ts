// What the article page needs from grading for one request: the reader's own grade and the
// thank-you after a post. The page is cached for everyone only while neither applies: a
// reader with a grade gets a personal, uncached page (one indexed query on the unique
// article + reader key), so their choice is never shown to anyone else nor lost to a cache.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../infra/db.js';
import type { Flash } from '../../infra/flash.js';
import { readerKeyOf } from '../../infra/reader.js';
import { readerGradeOf } from './grades.service.js';
import type { GradeNotice } from './grades.views.js';

export interface ArticleGrading {
  ownScore?: number;
  notice?: GradeNotice;
  /** True when the page shows something for this reader only: never cache it. */
  personal: boolean;
}

const NOTICES: Record<string, GradeNotice> = {
  'grades.thanks': 'thanks',
  'grades.changed': 'changed',
  'grades.held': 'held',
};

export async function articleGrading(
  db: Db,
  request: FastifyRequest,
  articleId: number,
  flash: Flash | undefined,
): Promise<ArticleGrading> {
  const ownScore = await readerGradeOf(db, articleId, readerKeyOf(request, request.server.config));
  const notice = flash && flash.data?.article === articleId ? NOTICES[flash.message] : undefined;
  return { ownScore, notice, personal: ownScore !== undefined || notice !== undefined };
}
