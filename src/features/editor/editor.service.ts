// The rules of writing and publishing: who may change what, optimistic locking, revisions,
// the scheduled-publishing task and exactly which cached pages each write affects.

import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/errors.js';
import type { Article, ArticleStatus, Database, Role } from '../../db/schema.js';
import { cacheTags } from '../../infra/cache/tags.js';
import type { Db } from '../../infra/db.js';
import { runWrite } from '../../infra/writes.js';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { slugify, uniqueSlug } from '../../lib/slug.js';
import { nowIso } from '../../lib/time.js';
import { mayDelete, mayEdit, mayPublish } from '../accounts/policy.js';
import { audit } from '../audit/audit.repository.js';
import { findAuthorByUserId, findAuthorsByIds } from '../authors/profiles.repository.js';
import { mediaExists } from '../media/media.repository.js';
import {
  findTopicsByIds,
  findTopicsByNames,
  insertTopic,
  slugInUse,
} from '../topics/topics-admin.repository.js';
import * as repo from './editor.repository.js';

export interface Actor {
  userId: number;
  role: Role;
}

export interface ArticleInput {
  title: string;
  /** Empty: generated from the title. */
  slug: string;
  lead: string;
  body: string;
  topicIds: number[];
  /** Names typed in the editor; existing topics are matched by name, others are created. */
  newTopics: string[];
  coverImage: string | null;
  /** Undefined keeps the stored value (authors never send these). */
  status?: ArticleStatus;
  publishAt?: string | null;
  /** Undefined keeps the stored byline (authors never send it). */
  authorIds?: number[];
  commentsOpen: boolean;
}

/** Refusal of a save made from an older version; carries what is stored now. */
export class StaleVersionError extends AppError {
  constructor(readonly current: Article) {
    super('conflict', 'stale_version');
  }
}

export interface SaveResult {
  id: number;
  slug: string;
  status: ArticleStatus;
}

/** True when readers can see the article (which is when cached pages show it). */
function isPublic(article: { status: ArticleStatus } | undefined): boolean {
  return article?.status === 'published';
}

async function affectedTags(
  db: Db,
  id: number,
  before: { visible: boolean; authorIds: number[]; topicIds: number[] },
  after: { visible: boolean; authorIds: number[]; topicIds: number[] },
): Promise<string[]> {
  if (!before.visible && !after.visible) return [];
  const authors = new Set([...before.authorIds, ...after.authorIds]);
  const topics = new Set([...before.topicIds, ...after.topicIds]);
  return [
    ...((await publishingAuthorsChange(db, [id], [...authors], before, after))
      ? [cacheTags.authors]
      : []),
    cacheTags.articles,
    cacheTags.article(id),
    ...[...authors].map(cacheTags.author),
    ...[...topics].map(cacheTags.topic),
  ];
}

/**
 * Lists of authors show only those with a published article (the "Onze auteurs" sidebar,
 * on every article page): they change only when an author gains a first published article
 * or loses the last one, not with every publish.
 */
async function publishingAuthorsChange(
  db: Db,
  articleIds: number[],
  authorIds: number[],
  before: { visible: boolean; authorIds: number[] },
  after: { visible: boolean; authorIds: number[] },
): Promise<boolean> {
  const cheapNoChange =
    before.visible === after.visible &&
    before.authorIds.length === after.authorIds.length &&
    before.authorIds.every((a) => after.authorIds.includes(a));
  if (cheapNoChange) return false;
  const elsewhere = await repo.authorsPublishingElsewhere(db, authorIds, articleIds);
  return authorIds.some(
    (a) =>
      !elsewhere.has(a) &&
      (before.visible && before.authorIds.includes(a)) !==
        (after.visible && after.authorIds.includes(a)),
  );
}

async function ownAuthorId(db: Db, actor: Actor): Promise<number | undefined> {
  return (await findAuthorByUserId(db, actor.userId))?.id;
}

/** Throws unless the actor may edit this article; returns its current author ids. */
export async function assertMayEdit(db: Db, actor: Actor, articleId: number): Promise<number[]> {
  const authorIds = await repo.authorIdsOf(db, articleId);
  // Staff need no look-up of their own profile.
  if (mayEdit(actor, false)) return authorIds;
  const own = await ownAuthorId(db, actor);
  if (!mayEdit(actor, own !== undefined && authorIds.includes(own)))
    throw new ForbiddenError('not_your_article');
  return authorIds;
}

async function resolveTopics(
  db: Db,
  input: ArticleInput,
): Promise<{ ids: number[]; created: boolean }> {
  const ids = [...new Set(input.topicIds)];
  const known = await findTopicsByIds(db, ids);
  if (known.length !== ids.length) throw new ValidationError({ topics: 'topics_unknown' });
  const byLowerName = new Map<string, string>();
  for (const n of input.newTopics.map((n) => n.trim()).filter(Boolean)) {
    if (!byLowerName.has(n.toLowerCase())) byLowerName.set(n.toLowerCase(), n);
  }
  const names = [...byLowerName.values()];
  const existing = await findTopicsByNames(db, names);
  let created = false;
  for (const name of names) {
    const match = existing.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (match) {
      if (!ids.includes(match.id)) ids.push(match.id);
      continue;
    }
    const slug = await uniqueSlug(slugify(name), (s) => slugInUse(db, s));
    const topic = await insertTopic(db, { slug, name });
    ids.push(topic.id);
    created = true;
  }
  return { ids, created };
}

interface Decided {
  status: ArticleStatus;
  publishAt: string | null;
}

/** Applies the publishing rules: who may set which status, and when it needs a time. */
function decideStatus(actor: Actor, input: ArticleInput, current: Article | undefined): Decided {
  const keep: Decided = {
    status: current?.status ?? 'draft',
    publishAt: current?.publish_at ?? null,
  };
  const status = input.status ?? keep.status;
  const publishAt = input.publishAt !== undefined ? input.publishAt : keep.publishAt;
  if (!mayPublish(actor)) {
    if (status !== keep.status || (status !== 'draft' && publishAt !== keep.publishAt)) {
      throw new ForbiddenError('publish_forbidden');
    }
    return keep;
  }
  if (status === 'published') return { status, publishAt: publishAt ?? nowIso() };
  if (status === 'scheduled') {
    if (!publishAt) throw new ValidationError({ publish_at: 'publish_at_required' });
    // A time already past publishes at once rather than waiting for the next run.
    return { status: publishAt <= nowIso() ? 'published' : 'scheduled', publishAt };
  }
  return { status, publishAt };
}

async function decideAuthors(
  db: Db,
  actor: Actor,
  input: ArticleInput,
  currentAuthorIds: number[] | undefined,
): Promise<number[]> {
  if (!mayPublish(actor)) {
    const own = await ownAuthorId(db, actor);
    if (own === undefined) throw new ForbiddenError('no_profile');
    const allowed = currentAuthorIds ?? [own];
    if (input.authorIds && input.authorIds.join(',') !== allowed.join(',')) {
      throw new ForbiddenError('author_only_self');
    }
    return allowed;
  }
  const ids = input.authorIds ?? currentAuthorIds ?? [];
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new ValidationError({ authors: 'authors_required' });
  const found = await findAuthorsByIds(db, unique);
  if (found.length !== unique.length) throw new ValidationError({ authors: 'authors_unknown' });
  return unique;
}

/** Creates (no id) or saves an article; a save from an older version is refused. */
export async function saveArticle(
  db: Kysely<Database>,
  actor: Actor,
  input: ArticleInput,
  target?: { id: number; version: number },
  auditAction?: string,
): Promise<SaveResult> {
  try {
    return await runWrite(db, async ({ trx, touch }) => {
      const current = target ? await repo.findArticle(trx, target.id) : undefined;
      if (target && !current) throw new NotFoundError();
      const currentAuthorIds = current ? await assertMayEdit(trx, actor, current.id) : undefined;
      if (current && current.version !== target!.version) throw new StaleVersionError(current);

      const slug = input.slug || slugify(input.title);
      if (await repo.articleSlugTaken(trx, slug, current?.id)) {
        throw new ValidationError({ slug: 'slug_taken' });
      }
      const decided = decideStatus(actor, input, current);
      const authorIds = await decideAuthors(trx, actor, input, currentAuthorIds);
      if (input.coverImage && !(await mediaExists(trx, input.coverImage))) {
        throw new ValidationError({ cover_image: 'cover_unknown' });
      }
      const topics = await resolveTopics(trx, input);

      const fields: repo.ArticleFields = {
        slug,
        title: input.title,
        lead: input.lead,
        body_source: input.body,
        body_html: renderMarkdown(input.body),
        status: decided.status,
        publish_at: decided.publishAt,
        comments_open: input.commentsOpen ? 1 : 0,
        cover_image: input.coverImage,
      };
      let id: number;
      let beforeTopics: number[] = [];
      if (current) {
        id = current.id;
        beforeTopics = await repo.topicIdsOf(trx, id);
        const saved = await repo.updateArticleAtVersion(trx, id, current.version, fields);
        if (!saved) {
          const now = await repo.findArticle(trx, id);
          if (!now) throw new NotFoundError();
          throw new StaleVersionError(now);
        }
      } else {
        id = await repo.insertArticle(trx, fields);
      }
      await repo.setArticleAuthors(trx, id, authorIds);
      await repo.setArticleTopics(trx, id, topics.ids);
      await repo.insertRevision(trx, {
        article_id: id,
        user_id: actor.userId,
        title: input.title,
        lead: input.lead,
        body_source: input.body,
      });

      const wasStatus = current?.status;
      const action =
        auditAction ??
        (decided.status !== wasStatus
          ? (
              {
                published: 'article.publish',
                scheduled: 'article.schedule',
                archived: 'article.archive',
                draft: 'article.unpublish',
              } as const
            )[decided.status]
          : undefined);
      if (action && !(action === 'article.unpublish' && wasStatus === undefined)) {
        await audit(trx, {
          userId: actor.userId,
          action,
          subjectType: 'article',
          subjectId: String(id),
          detail: { status: decided.status, publishAt: decided.publishAt },
        });
      }

      touch(
        ...(await affectedTags(
          trx,
          id,
          { visible: isPublic(current), authorIds: currentAuthorIds ?? [], topicIds: beforeTopics },
          { visible: decided.status === 'published', authorIds, topicIds: topics.ids },
        )),
      );
      if (topics.created) touch(cacheTags.topics);
      return { id, slug, status: decided.status };
    });
  } catch (error) {
    // Two saves racing for one slug: the database's UNIQUE decides, the message is the same.
    if (isUniqueViolation(error)) throw new ValidationError({ slug: 'slug_taken' });
    throw error;
  }
}

export interface ArticleForEdit {
  article: Article;
  authorIds: number[];
  topicIds: number[];
}

export async function loadForEdit(db: Db, actor: Actor, id: number): Promise<ArticleForEdit> {
  const article = await repo.findArticle(db, id);
  if (!article) throw new NotFoundError();
  const authorIds = await assertMayEdit(db, actor, id);
  return { article, authorIds, topicIds: await repo.topicIdsOf(db, id) };
}

export async function listRevisions(db: Db, actor: Actor, articleId: number) {
  const { article } = await loadForEdit(db, actor, articleId);
  return { article, revisions: await repo.listRevisions(db, articleId) };
}

export async function getRevision(db: Db, actor: Actor, articleId: number, revisionId: number) {
  const { article } = await loadForEdit(db, actor, articleId);
  const revision = await repo.findRevision(db, articleId, revisionId);
  if (!revision) throw new NotFoundError();
  return { article, revision };
}

/** Restoring is a new save of the revision's text over the current article. */
export async function restoreRevision(
  db: Kysely<Database>,
  actor: Actor,
  articleId: number,
  revisionId: number,
  version: number,
): Promise<SaveResult> {
  const { article, authorIds, topicIds } = await loadForEdit(db, actor, articleId);
  const revision = await repo.findRevision(db, articleId, revisionId);
  if (!revision) throw new NotFoundError();
  return saveArticle(
    db,
    actor,
    {
      title: revision.title,
      slug: article.slug,
      lead: revision.lead,
      body: revision.body_source,
      topicIds,
      newTopics: [],
      coverImage: article.cover_image,
      authorIds: mayPublish(actor) ? authorIds : undefined,
      commentsOpen: article.comments_open === 1,
    },
    { id: articleId, version },
    'article.restore',
  );
}

/** Editors delete any article; an author only a draft of their own. */
export async function deleteArticle(
  db: Kysely<Database>,
  actor: Actor,
  articleId: number,
): Promise<void> {
  await runWrite(db, async ({ trx, touch }) => {
    const article = await repo.findArticle(trx, articleId);
    if (!article) throw new NotFoundError();
    const authorIds = await assertMayEdit(trx, actor, articleId);
    if (!mayDelete(actor, true, article.status === 'draft')) {
      throw new ForbiddenError('delete_forbidden');
    }
    const topicIds = await repo.topicIdsOf(trx, articleId);
    await repo.deleteArticle(trx, articleId);
    await audit(trx, {
      userId: actor.userId,
      action: 'article.delete',
      subjectType: 'article',
      subjectId: String(articleId),
      detail: { title: article.title, status: article.status },
    });
    touch(
      ...(await affectedTags(
        trx,
        articleId,
        { visible: isPublic(article), authorIds, topicIds },
        { visible: false, authorIds: [], topicIds: [] },
      )),
    );
  });
}

/** The periodic task: scheduled articles whose time has come become published. */
export async function publishDueArticles(db: Kysely<Database>, now = nowIso()): Promise<number[]> {
  return runWrite(db, async ({ trx, touch }) => {
    const due = await repo.dueScheduledIds(trx, now);
    const ids = await repo.publishScheduled(trx, due, now);
    if (ids.length === 0) return ids;
    const links = await repo.linksOf(trx, ids);
    touch(cacheTags.articles);
    // Lists of publishing authors change if one of them had nothing else published.
    const authorIds = [...new Set([...links.authorIds.values()].flat())];
    const elsewhere = await repo.authorsPublishingElsewhere(trx, authorIds, ids);
    if (authorIds.some((a) => !elsewhere.has(a))) touch(cacheTags.authors);
    for (const id of ids) {
      touch(cacheTags.article(id));
      for (const a of links.authorIds.get(id) ?? []) touch(cacheTags.author(a));
      for (const t of links.topicIds.get(id) ?? []) touch(cacheTags.topic(t));
      await audit(trx, {
        userId: null,
        action: 'article.publish',
        subjectType: 'article',
        subjectId: String(id),
        detail: { scheduled: true },
      });
    }
    return ids;
  });
}

/** Sets (or clears) the cover image; a save of its own, so the form's version moves on. */
export async function setCover(
  db: Kysely<Database>,
  actor: Actor,
  articleId: number,
  key: string | null,
): Promise<void> {
  await runWrite(db, async ({ trx, touch }) => {
    const article = await repo.findArticle(trx, articleId);
    if (!article) throw new NotFoundError();
    await assertMayEdit(trx, actor, articleId);
    if (
      !(await repo.updateArticleAtVersion(trx, articleId, article.version, { cover_image: key }))
    ) {
      const now = await repo.findArticle(trx, articleId);
      throw new StaleVersionError(now ?? article);
    }
    if (isPublic(article)) touch(cacheTags.articles, cacheTags.article(articleId));
  });
}

export interface ArticleListQuery {
  q?: string | undefined;
  status?: ArticleStatus | undefined;
  authorId?: number | undefined;
  topicId?: number | undefined;
}

/** The back-office list: editors see every article, authors their own. */
export async function listArticlesFor(
  db: Db,
  actor: Actor,
  query: ArticleListQuery,
  page: number,
  perPage = 25,
) {
  let authorId = query.authorId;
  if (!mayPublish(actor)) {
    authorId = await ownAuthorId(db, actor);
    if (authorId === undefined) return { items: [], hasNext: false };
  }
  const rows = await repo.listArticles(db, {
    q: query.q,
    status: query.status,
    authorId,
    topicId: query.topicId,
    ...pageWindow(page, perPage),
  });
  const { items, hasNext } = splitPage(rows, perPage);
  const links = await repo.linksOf(
    db,
    items.map((i) => i.id),
  );
  const allAuthorIds = [...new Set([...links.authorIds.values()].flat())];
  const names = new Map((await findAuthorsByIds(db, allAuthorIds)).map((a) => [a.id, a.name]));
  return {
    items: items.map((i) => ({
      ...i,
      authors: (links.authorIds.get(i.id) ?? []).map((id) => names.get(id) ?? ''),
    })),
    hasNext,
  };
}
