import type { CommentLabel, CommentState } from '../../db/schema.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { allow } from '../../infra/rate-limit.js';
import { runWrite } from '../../infra/writes.js';
import { enqueue } from '../../jobs/queue.js';
import { AppError, type ErrorCode, NotFoundError, ValidationError } from '../../lib/errors.js';
import { DAY, HOUR, MINUTE, nowIso } from '../../lib/time.js';
import type { Messages } from '../../views/messages/index.js';
import type { ErrorMessageKey } from '../../views/messages/keys.js';
import { mayModerate, moderatesEverything, staffLabelOf } from '../accounts/policy.js';
import { forgetMailbox, storedForms } from '../addresses/addresses.repository.js';
import { checkEmail, normaliseEmail } from '../addresses/email-address.js';
import {
  BODY_MAX,
  BODY_MIN,
  cleanBody,
  cleanName,
  cleanWebsite,
  codePoints,
  linkCount,
  NAME_MAX,
} from './comment-text.js';
import * as repo from './comments.repository.js';
import { type CommentSettings, loadCommentSettings } from './comments.settings.js';
import {
  COMMENT_APPROVED_JOB,
  type FollowOutcome,
  requestFollow,
} from './followers/followers.service.js';

export const AUTHOR_NOTICE_JOB = 'comments.author-notice';

/** A refusal that is about the whole comment, not one field; its key is in comments.refused. */
export class CommentRefused extends AppError {
  constructor(
    code: ErrorCode,
    readonly refusal: CommentRefusalKey,
  ) {
    super(code, refusal);
  }
}

export interface CommentFields {
  name: string;
  email: string;
  website: string;
  body: string;
  notify: boolean;
  parentId: number | undefined;
  /** The honeypot field: people never see it, so anything in it came from a robot. */
  trap: string;
}

export interface PostContext {
  articleId: number;
  readerKey: string | undefined;
  addressHash: string;
  /** Milliseconds between the form being rendered and posted. */
  formAgeMs: number;
  viewer?: { id: number; name: string; role: 'admin' | 'editor' | 'author' };
  settings: CommentSettings;
  /** The article, when the caller has just read it (commentableArticle): not read again. */
  article?: repo.CommentArticle;
}

export interface PostResult {
  comment: repo.CommentRow;
  follow: FollowOutcome | 'none';
}

export type CommentRow = repo.CommentRow;
export type CommentArticle = repo.CommentArticle;

interface Cleaned {
  name: string;
  email: string | null;
  website: string | null;
  body: string;
}

export function isPublished(article: repo.CommentArticle, now = Date.now()): boolean {
  return (
    article.status === 'published' &&
    article.publish_at !== null &&
    Date.parse(article.publish_at) <= now
  );
}

export function commentsOpen(
  article: repo.CommentArticle,
  settings: CommentSettings,
  now = Date.now(),
): boolean {
  if (!article.comments_open) return false;
  if (settings.closeAfterDays > 0 && article.publish_at) {
    return Date.parse(article.publish_at) + settings.closeAfterDays * DAY > now;
  }
  return true;
}

/** The article a comment form belongs to: published, or not found. */
export async function commentableArticle(db: Db, articleId: number): Promise<repo.CommentArticle> {
  const article = await repo.findArticle(db, articleId);
  if (!article || !isPublished(article)) throw new NotFoundError();
  return article;
}

/** The article of a comment's links (its row may be gone by now). */
export async function articleOfComment(
  db: Db,
  articleId: number,
): Promise<repo.CommentArticle | undefined> {
  return repo.findArticle(db, articleId);
}

/** A comment and its article, both present, or not found. */
export async function commentWithArticle(
  db: Db,
  id: number,
): Promise<{ comment: repo.CommentRow; article: repo.CommentArticle }> {
  const comment = await repo.findComment(db, id);
  const article = comment ? await repo.findArticle(db, comment.article_id) : undefined;
  if (!comment || !article) throw new NotFoundError();
  return { comment, article };
}

/** The comment a reply on the form page answers: a visible top-level one of the article. */
export async function replyTarget(
  db: Db,
  articleId: number,
  parentId: number | undefined,
): Promise<{ id: number; name: string } | undefined> {
  if (parentId === undefined) return undefined;
  const c = await repo.findComment(db, parentId);
  if (c && c.article_id === articleId && c.state === 'approved' && c.parent_id === null)
    return { id: c.id, name: c.name };
  return undefined;
}

export async function recentComments(
  db: Db,
  limit: number,
  offset: number,
): Promise<repo.RecentComment[]> {
  return repo.listRecentApproved(db, limit, offset);
}

export type CommentErrorKey = keyof Messages['comments']['errors'];
export type CommentRefusalKey = keyof Messages['comments']['refused'];

/** A comment form as posted: field values, the raw parent id and the honeypot. */
export interface CommentSubmission {
  values: Omit<CommentFields, 'parentId' | 'trap'>;
  parentId: string;
  trap: string;
}

/** A comment that was refused goes back to its form with these. */
export interface CommentRefusal {
  status: number;
  errors: Record<string, ErrorMessageKey>;
  refused?: CommentRefusalKey;
  parent?: { id: number; name: string };
}

/**
 * Posts a submitted comment form: the parent id is read here so that a wrong one comes
 * back as a field message, and every field or whole-comment refusal is returned (not
 * thrown) with what the form needs to show it again.
 */
export async function submitComment(
  db: Db,
  form: CommentSubmission,
  ctx: Omit<PostContext, 'settings'>,
): Promise<{ ok: true; result: PostResult } | ({ ok: false } & CommentRefusal)> {
  const settings = await loadCommentSettings(db);
  let parentId: number | undefined;
  try {
    if (form.parentId !== '') {
      if (!/^\d{1,9}$/.test(form.parentId))
        throw new ValidationError({ parent_id: 'parent_invalid' });
      parentId = Number(form.parentId);
    }
    const result = await postComment(
      db,
      { ...form.values, parentId, trap: form.trap },
      { ...ctx, settings },
    );
    return { ok: true, result };
  } catch (error) {
    // The form comes back "in reply to" its parent: read only when the post is refused.
    const parentName =
      parentId !== undefined &&
      (error instanceof ValidationError || error instanceof CommentRefused)
        ? (await repo.findComment(db, parentId))?.name
        : undefined;
    const parent =
      parentId !== undefined && parentName ? { id: parentId, name: parentName } : undefined;
    if (error instanceof ValidationError)
      return {
        ok: false,
        status: 422,
        errors: error.fields,
        parent,
      };
    if (error instanceof CommentRefused)
      return {
        ok: false,
        status: error.status,
        errors: {},
        refused: error.refusal,
        parent,
      };
    throw error;
  }
}

/** Field checks shared by new comments and edits; throws ValidationError with message keys. */
function cleanFields(
  fields: Pick<CommentFields, 'name' | 'email' | 'website' | 'body'>,
  settings: CommentSettings,
  requireName: boolean,
): Cleaned {
  const errors: Record<string, CommentErrorKey> = {};
  const name = cleanName(fields.name);
  if (requireName) {
    if (!name) errors.name = 'name_required';
    else if (codePoints(name) > NAME_MAX) errors.name = 'name_too_long';
  }
  // The address is optional: only one that is there and wrong is refused.
  const email = checkEmail(fields.email);
  if (!email.ok && email.problem !== 'email_required') errors.email = email.problem;
  const websiteRaw = fields.website.trim();
  const website = websiteRaw ? cleanWebsite(websiteRaw) : undefined;
  if (websiteRaw && !website) errors.website = 'website_invalid';
  const { text: body, hadNul } = cleanBody(fields.body);
  if (hadNul) errors.body = 'body_nul';
  else if (!body) errors.body = 'body_required';
  else if (codePoints(body) < BODY_MIN) errors.body = 'body_too_short';
  else if (codePoints(body) > BODY_MAX) errors.body = 'body_too_long';
  else if (settings.maxLinks >= 0 && linkCount(body) > settings.maxLinks)
    errors.body = 'too_many_links';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { name, email: email.ok ? email.email : null, website: website ?? null, body };
}

function blocked(settings: CommentSettings, cleaned: Cleaned): boolean {
  if (settings.blocklist.length === 0) return false;
  const haystack = [cleaned.name, cleaned.email ?? '', cleaned.website ?? '', cleaned.body]
    .join('\n')
    .toLowerCase();
  return settings.blocklist.some(
    (w) => w.trim() !== '' && haystack.includes(w.trim().toLowerCase()),
  );
}

/** The label and approval a logged-in writer gets; only the login decides, never the name. */
async function staffStanding(
  db: Db,
  articleId: number,
  viewer: PostContext['viewer'],
): Promise<CommentLabel | null> {
  if (!viewer) return null;
  if (await repo.isArticleAuthor(db, articleId, viewer.id)) return 'author';
  return staffLabelOf(viewer) ?? null;
}

async function initialState(
  db: Db,
  settings: CommentSettings,
  cleaned: Cleaned,
  label: CommentLabel | null,
): Promise<CommentState> {
  if (label) return 'approved';
  if (settings.moderation === 'open') return 'approved';
  if (settings.moderation === 'all') return 'pending';
  if (!cleaned.email) return 'pending';
  return (await repo.hasApprovedIdentity(db, cleaned.name, cleaned.email)) ? 'approved' : 'pending';
}

/** Checks a parent: a visible top-level comment of the same article (one reply level). */
async function checkParent(db: Db, articleId: number, parentId: number | undefined) {
  if (parentId === undefined) return;
  const parent = await repo.findComment(db, parentId);
  if (!parent || parent.article_id !== articleId || parent.state !== 'approved') {
    throw new ValidationError({ parent_id: 'parent_invalid' });
  }
  if (parent.parent_id !== null) throw new ValidationError({ parent_id: 'parent_nested' });
}

/** Refuses a text that another comment on the article (not `exceptId`) already holds. */
async function refuseDuplicate(
  db: Db,
  settings: CommentSettings,
  articleId: number,
  body: string,
  exceptId?: number,
): Promise<void> {
  if (settings.duplicateHours <= 0) return;
  const since = new Date(Date.now() - settings.duplicateHours * HOUR).toISOString();
  if (await repo.hasDuplicate(db, articleId, body, since, exceptId)) {
    throw new ValidationError({ body: 'duplicate' });
  }
}

/** Counts one more under `key` and refuses it beyond the per-address rate. */
async function refuseBurst(db: Db, settings: CommentSettings, key: string): Promise<void> {
  if (settings.ratePerWindow <= 0) return;
  const window = { windowMs: settings.rateWindowMinutes * MINUTE, max: settings.ratePerWindow };
  if (!(await allow(db, key, window))) throw new CommentRefused('rate_limited', 'rate_limited');
}

export async function postComment(
  db: Db,
  fields: CommentFields,
  ctx: PostContext,
): Promise<PostResult> {
  const { settings } = ctx;
  const article = ctx.article ?? (await repo.findArticle(db, ctx.articleId));
  if (!article || !isPublished(article)) throw new NotFoundError();
  if (!commentsOpen(article, settings)) throw new CommentRefused('forbidden', 'closed');

  const label = await staffStanding(db, article.id, ctx.viewer);
  if (!label) {
    if (settings.honeypot && fields.trap.trim() !== '')
      throw new CommentRefused('validation', 'honeypot');
    if (settings.minSeconds > 0 && ctx.formAgeMs < settings.minSeconds * 1000)
      throw new CommentRefused('validation', 'too_fast');
  }
  const cleaned = cleanFields(
    // Someone logged in writes under their account's name, label or not.
    ctx.viewer ? { ...fields, name: ctx.viewer.name } : fields,
    settings,
    true,
  );
  if (fields.notify && !cleaned.email) throw new ValidationError({ email: 'notify_needs_email' });
  await checkParent(db, article.id, fields.parentId);
  if (!label) {
    if (blocked(settings, cleaned)) throw new CommentRefused('validation', 'blocked');
    await refuseBurst(db, settings, `comment:${ctx.addressHash}`);
  }

  return runWrite(db, async ({ trx, touch }) => {
    // One comment on an article at a time: a double-clicked form finds its twin here, and
    // the comment count below sees every comment committed before this one.
    await repo.lockArticles(trx, [article.id]);
    if (!label) await refuseDuplicate(trx, settings, article.id, cleaned.body);
    const state = await initialState(trx, settings, cleaned, label);
    const now = nowIso();
    const comment = await repo.insertComment(trx, {
      article_id: article.id,
      parent_id: fields.parentId ?? null,
      name: cleaned.name,
      email: cleaned.email,
      website: label ? null : cleaned.website,
      body: cleaned.body,
      state,
      author_user_id: label ? (ctx.viewer?.id ?? null) : null,
      label,
      reader_key: ctx.readerKey ?? null,
      address_hash: ctx.addressHash,
      created_at: now,
      updated_at: now,
      approved_at: state === 'approved' ? now : null,
    });
    if (state === 'approved') await afterApproval(trx, comment);
    await queueAuthorNotices(trx, comment);
    const follow =
      fields.notify && cleaned.email
        ? await requestFollow(trx, {
            articleId: article.id,
            email: cleaned.email,
            readerKey: ctx.readerKey,
          })
        : 'none';
    touch(...tagsFor(article.id, state === 'approved'));
    return { comment, follow };
  });
}

/** What a change to a comment shows on: nothing while the comment is not public. */
function tagsFor(articleId: number, visible: boolean): string[] {
  return visible ? [cacheTags.article(articleId), cacheTags.comments, cacheTags.articles] : [];
}

/** In the transaction that made a comment approved: the count and the followers' mail. */
async function afterApproval(db: Db, comment: repo.CommentRow): Promise<void> {
  await repo.refreshCommentCount(db, [comment.article_id]);
  await enqueue(db, {
    kind: COMMENT_APPROVED_JOB,
    key: `comment-approved:${comment.id}`,
    payload: { commentId: comment.id },
  });
}

/** The article's authors hear of every new comment, held ones included (not of their own). */
async function queueAuthorNotices(db: Db, comment: repo.CommentRow): Promise<void> {
  const users = await repo.articleAuthorUsers(db, comment.article_id);
  for (const user of users) {
    if (user.user_id === comment.author_user_id || user.state === 'disabled') continue;
    await enqueue(db, {
      kind: AUTHOR_NOTICE_JOB,
      key: `comment-author:${comment.id}:${user.user_id}`,
      payload: { commentId: comment.id, userId: user.user_id },
    });
  }
}

// ---- A reader's own comment: edit or delete within the edit window, same browser. ----

async function ownComment(
  db: Db,
  id: number,
  readerKey: string | undefined,
  settings: CommentSettings,
): Promise<repo.CommentRow> {
  const comment = await repo.findComment(db, id);
  if (!comment || comment.state === 'deleted' || comment.state === 'spam')
    throw new NotFoundError();
  if (!readerKey || comment.reader_key !== readerKey || comment.author_user_id !== null)
    throw new CommentRefused('forbidden', 'not_yours');
  if (Date.parse(comment.created_at) + settings.editMinutes * MINUTE < Date.now())
    throw new CommentRefused('forbidden', 'edit_expired');
  return comment;
}

export function canEditOwn(
  comment: repo.CommentRow,
  readerKey: string | undefined,
  settings: CommentSettings,
  now = Date.now(),
): boolean {
  return (
    readerKey !== undefined &&
    comment.reader_key === readerKey &&
    comment.author_user_id === null &&
    Date.parse(comment.created_at) + settings.editMinutes * MINUTE >= now
  );
}

export async function findOwnComment(
  db: Db,
  id: number,
  readerKey: string | undefined,
  settings: CommentSettings,
): Promise<repo.CommentRow> {
  return ownComment(db, id, readerKey, settings);
}

/**
 * An edit passes the same checks as a new comment: blocked words, a copy of another
 * comment on the article, and the per-address rate (edits have their own counter with the
 * same limit, so that a burst of edits cannot drop the article page from the cache again
 * and again). One that adds links to an approved comment goes back to the queue; one that
 * changes nothing stores nothing.
 */
export async function editOwnComment(
  db: Db,
  id: number,
  readerKey: string | undefined,
  body: string,
  settings: CommentSettings,
  addressHash: string,
): Promise<{ comment: repo.CommentRow; requeued: boolean }> {
  const comment = await ownComment(db, id, readerKey, settings);
  const cleaned = cleanFields(
    { name: comment.name, email: comment.email ?? '', website: comment.website ?? '', body },
    settings,
    false,
  );
  if (cleaned.body === comment.body) return { comment, requeued: false };
  if (blocked(settings, cleaned)) throw new CommentRefused('validation', 'blocked');
  await refuseDuplicate(db, settings, comment.article_id, cleaned.body, comment.id);
  await refuseBurst(db, settings, `comment-edit:${addressHash}`);
  const requeued =
    comment.state === 'approved' && linkCount(cleaned.body) > linkCount(comment.body);
  return runWrite(db, async ({ trx, touch }) => {
    await repo.updateComment(trx, id, {
      body: cleaned.body,
      updated_at: nowIso(),
      ...(requeued ? { state: 'pending' as const } : {}),
    });
    if (requeued) await repo.refreshCommentCount(trx, [comment.article_id]);
    const updated = {
      ...comment,
      body: cleaned.body,
      state: requeued ? 'pending' : comment.state,
    } as repo.CommentRow;
    touch(...tagsFor(comment.article_id, comment.state === 'approved'));
    return { comment: updated, requeued };
  });
}

export async function deleteOwnComment(
  db: Db,
  id: number,
  readerKey: string | undefined,
  settings: CommentSettings,
): Promise<{ articleId: number }> {
  const comment = await ownComment(db, id, readerKey, settings);
  await runWrite(db, async ({ trx, touch }) => {
    await repo.updateComment(trx, id, { state: 'deleted', updated_at: nowIso() });
    await repo.refreshCommentCount(trx, [comment.article_id]);
    touch(...tagsFor(comment.article_id, comment.state === 'approved'));
  });
  return { articleId: comment.article_id };
}

// ---- Moderation ----

export interface Moderator {
  id: number;
  role: 'admin' | 'editor' | 'author';
}

/** Editors moderate everything; an author only the comments on their own articles. */
export async function assertMayModerate(db: Db, moderator: Moderator, articleIds: number[]) {
  if (moderatesEverything(moderator)) return;
  for (const articleId of new Set(articleIds)) {
    const own = await repo.isArticleAuthor(db, articleId, moderator.id);
    if (!mayModerate(moderator, own)) throw new AppError('forbidden');
  }
}

export type ModerationAction = 'approve' | 'spam' | 'delete' | 'pending';

const targetState: Record<ModerationAction, CommentState> = {
  approve: 'approved',
  spam: 'spam',
  delete: 'deleted',
  pending: 'pending',
};

/** Changes the state of comments; approving queues the followers' mail. */
export async function moderate(
  db: Db,
  moderator: Moderator,
  ids: number[],
  action: ModerationAction,
): Promise<{ changed: number }> {
  const comments = await repo.findComments(db, ids);
  if (comments.length === 0) return { changed: 0 };
  await assertMayModerate(
    db,
    moderator,
    comments.map((c) => c.article_id),
  );
  const state = targetState[action];
  const changed = comments.filter((c) => c.state !== state);
  if (changed.length === 0) return { changed: 0 };
  await runWrite(db, async ({ trx, touch, enqueue }) => {
    const now = nowIso();
    for (const c of changed) {
      await repo.updateComment(trx, c.id, {
        state,
        updated_at: now,
        ...(state === 'approved' && !c.approved_at ? { approved_at: now } : {}),
      });
      if (state === 'approved') {
        await enqueue({
          kind: COMMENT_APPROVED_JOB,
          key: `comment-approved:${c.id}`,
          payload: { commentId: c.id },
        });
      }
    }
    await repo.refreshCommentCount(
      trx,
      changed.map((c) => c.article_id),
    );
    const articleIds = [...new Set(changed.map((c) => c.article_id))];
    touch(...articleIds.map(cacheTags.article), cacheTags.comments, cacheTags.articles);
  });
  return { changed: changed.length };
}

/** A moderator's correction of a comment's name or text (no spam checks: it is staff's own word). */
export async function editByModerator(
  db: Db,
  moderator: Moderator,
  id: number,
  fields: { name: string; body: string },
  settings: CommentSettings,
): Promise<repo.CommentRow> {
  const comment = await repo.findComment(db, id);
  if (!comment) throw new NotFoundError();
  await assertMayModerate(db, moderator, [comment.article_id]);
  // A staff comment keeps its account's name: only a reader's name is checked and stored.
  const cleaned = cleanFields(
    { name: fields.name, email: '', website: '', body: fields.body },
    { ...settings, maxLinks: -1 },
    comment.label === null,
  );
  await runWrite(db, async ({ trx, touch }) => {
    await repo.updateComment(trx, id, {
      ...(comment.label === null ? { name: cleaned.name } : {}),
      body: cleaned.body,
      updated_at: nowIso(),
    });
    touch(...tagsFor(comment.article_id, comment.state === 'approved'));
  });
  return comment;
}

export async function setArticleComments(
  db: Db,
  moderator: Moderator,
  articleId: number,
  open: boolean,
): Promise<void> {
  await assertMayModerate(db, moderator, [articleId]);
  const article = await repo.findArticle(db, articleId);
  if (!article) throw new NotFoundError();
  await runWrite(db, async ({ trx, touch }) => {
    await repo.setCommentsOpen(trx, articleId, open);
    touch(cacheTags.article(articleId));
  });
}

// ---- Privacy: anonymise or remove a reader's comments and forget the address. ----

export async function forgetCommenter(
  db: Db,
  email: string,
  how: 'anonymise' | 'remove',
  anonymousName: string,
): Promise<{ comments: number }> {
  const address = normaliseEmail(email);
  return runWrite(db, async ({ trx, touch }) => {
    const comments = await repo.commentsByEmail(trx, address);
    const articleIds = [...new Set(comments.map((c) => c.article_id))];
    if (comments.length > 0) {
      const base = trx.updateTable('comments').where('email', 'in', storedForms(address));
      if (how === 'remove') {
        await base
          .set({
            state: 'deleted',
            email: null,
            website: null,
            reader_key: null,
            address_hash: null,
            name: anonymousName,
            body: '-',
            updated_at: nowIso(),
          })
          .execute();
      } else {
        await base
          .set({
            email: null,
            website: null,
            reader_key: null,
            address_hash: null,
            name: anonymousName,
            updated_at: nowIso(),
          })
          .execute();
      }
      await repo.refreshCommentCount(trx, articleIds);
    }
    // "Your e-mail address is forgotten": follows and newsletter subscriptions go with it.
    await forgetMailbox(trx, address);
    touch(...articleIds.map(cacheTags.article), cacheTags.comments, cacheTags.articles);
    return { comments: comments.length };
  });
}
