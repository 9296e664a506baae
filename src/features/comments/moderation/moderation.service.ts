// The comment queue of the back office: what a moderator sees and may act on. Editors and
// admins see every comment, an author those on their own articles.
import type { CommentState } from '../../../db/schema.js';
import type { Db } from '../../../infra/db.js';
import { NotFoundError } from '../../../lib/errors.js';
import { pageWindow, splitPage } from '../../../lib/pagination.js';
import { moderatesEverything } from '../../accounts/policy.js';
import * as repo from '../comments.repository.js';
import {
  assertMayModerate,
  editByModerator,
  type Moderator,
  postComment,
} from '../comments.service.js';
import { loadCommentSettings } from '../comments.settings.js';

/** One page of the queue (a state, an article) and the articles to filter by. */
export async function moderationQueue(
  db: Db,
  moderator: Moderator,
  filter: { state: CommentState | undefined; articleId: number | undefined },
  page: number,
  perPage: number,
) {
  if (filter.articleId !== undefined) await assertMayModerate(db, moderator, [filter.articleId]);
  const authorUserId = moderatesEverything(moderator) ? undefined : moderator.id;
  const { limit, offset } = pageWindow(page, perPage);
  const [rows, articles] = await Promise.all([
    repo.listQueue(db, { ...filter, authorUserId }, limit, offset),
    repo.articlesWithComments(db, authorUserId),
  ]);
  return { ...splitPage(rows, perPage), articles };
}

/** The first page of pending comments of every article (the settings form shown again). */
export async function pendingQueue(db: Db, perPage: number) {
  const rows = await repo.listQueue(db, { state: 'pending' }, perPage + 1, 0);
  return { ...splitPage(rows, perPage), articles: await repo.articlesWithComments(db) };
}

/** A comment by id, whoever asks; not found when there is none. */
export async function moderatedComment(db: Db, id: number) {
  const comment = await repo.findComment(db, id);
  if (!comment) throw new NotFoundError();
  return comment;
}

/** A comment the moderator may act on; 404 when there is none, 403 when not theirs. */
export async function commentToModerate(db: Db, moderator: Moderator, id: number) {
  const comment = await moderatedComment(db, id);
  await assertMayModerate(db, moderator, [comment.article_id]);
  return comment;
}

/**
 * A moderator's correction. A staff comment keeps its name (it is the account's), so only
 * a reader's name can be corrected. Returns the comment as it was, for the way back.
 */
export async function correctComment(
  db: Db,
  moderator: Moderator,
  id: number,
  values: { name: string; body: string },
) {
  return editByModerator(db, moderator, id, values, await loadCommentSettings(db));
}

/** A reply from the back office: under the account's name and label, no spam checks. */
export async function replyAsStaff(
  db: Db,
  viewer: Moderator & { name: string },
  parent: { id: number; article_id: number },
  body: string,
): Promise<void> {
  await postComment(
    db,
    {
      name: viewer.name,
      email: '',
      website: '',
      body,
      notify: false,
      parentId: parent.id,
      trap: '',
    },
    {
      articleId: parent.article_id,
      readerKey: undefined,
      addressHash: 'staff',
      formAgeMs: Number.MAX_SAFE_INTEGER,
      viewer,
      settings: await loadCommentSettings(db),
    },
  );
}
