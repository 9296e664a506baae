// What the article page asks of the comments feature: the comments to show (with this
// reader's own held and editable ones) and whether the page has become personal.
import type { FastifyRequest } from 'fastify';
import type { Flash } from '../../infra/flash.js';
import { readerKeyOf } from '../../infra/reader.js';
import { formValuesFor, hasOwnComments, rememberedCommenter } from './comments.cookies.js';
import * as repo from './comments.repository.js';
import { canEditOwn, commentsOpen } from './comments.service.js';
import { sharedCommentSettings } from './comments.settings.js';
import type { CommentSectionOptions, CommentView } from './comments.views.js';

export interface ArticleComments {
  comments: CommentView[];
  section: CommentSectionOptions;
  /** True when the page shows something for this reader only: never cache it. */
  personal: boolean;
}

/**
 * True when the comment section would show this reader something of their own (their
 * comments, their remembered name, the notice after a post, a staff form): known from the
 * request alone, so the article page can ask the page cache before it loads anything.
 */
export function commentsArePersonal(request: FastifyRequest, flash?: Flash): boolean {
  return (
    hasOwnComments(request) ||
    rememberedCommenter(request) !== undefined ||
    request.viewer !== undefined ||
    (flash !== undefined && flash.data?.feature === 'comments')
  );
}

/**
 * Loads the comment section of an article page. Pass the page's flash message, if any:
 * the one left by a comment post is shown above the form.
 */
export async function articleComments(
  request: FastifyRequest,
  article: { id: number; comments_open: number; publish_at: string | null },
  flash?: Flash,
): Promise<ArticleComments> {
  const db = request.server.db;
  const settings = await sharedCommentSettings(db, request.server.pageCache.shared);
  const own = hasOwnComments(request);
  const readerKey = own ? readerKeyOf(request, request.server.config) : undefined;
  const rows = await repo.listForArticle(db, article.id, readerKey);
  const now = Date.now();
  const form = formValuesFor(request);
  const notice =
    flash && flash.data?.feature === 'comments' && flash.data.article === article.id
      ? flash.message
      : undefined;
  return {
    comments: rows.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      name: r.name,
      website: r.website,
      body: r.body,
      createdAt: r.created_at,
      label: r.label,
      state: r.state,
      editable: readerKey !== undefined && canEditOwn(r, readerKey, settings, now),
    })),
    section: {
      articleId: article.id,
      open: commentsOpen({ ...article, slug: '', title: '', status: 'published' }, settings, now),
      form,
      staffName: request.viewer?.name,
      notice,
    },
    personal: own || form.remember || request.viewer !== undefined || notice !== undefined,
  };
}
