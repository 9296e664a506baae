// Editors keep the topic list: create, rename (the old address keeps working through a
// redirect), merge two topics into one, delete. Each write names the cached pages it changes.

import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { cacheTags } from '../../infra/cache/tags.js';
import { runWrite } from '../../infra/writes.js';
import { NotFoundError, ValidationError } from '../../lib/errors.js';
import { pageWindow, splitPage } from '../../lib/pagination.js';
import { isSlug, slugify } from '../../lib/slug.js';
import type { ErrorMessageKey } from '../../views/messages/keys.js';
import { audit } from '../audit/audit.repository.js';
import * as repo from './topics-admin.repository.js';

export interface TopicInput {
  name: string;
  /** Empty: made from the name. */
  slug: string;
}

export function validateTopicInput(name: unknown, slug: unknown): TopicInput {
  const fields: Record<string, ErrorMessageKey> = {};
  const n = typeof name === 'string' ? name.trim() : '';
  const s = typeof slug === 'string' ? slug.trim() : '';
  if (!n) fields['name'] = 'topic_name_required';
  else if (n.length > 60) fields['name'] = 'topic_name_too_long';
  if (s && !isSlug(s)) fields['slug'] = 'slug_invalid';
  if (typeof name !== 'string' || (slug !== undefined && typeof slug !== 'string')) {
    fields['name'] ??= 'form_invalid';
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields);
  return { name: n, slug: s };
}

function articleTags(articleIds: number[]): string[] {
  return articleIds.map(cacheTags.article);
}

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError({ slug: 'topic_slug_taken' });
    throw error;
  }
}

export function createTopic(
  db: Kysely<Database>,
  userId: number,
  input: TopicInput,
): Promise<number> {
  return guard(() =>
    runWrite(db, async ({ trx, touch }) => {
      const slug = input.slug || slugify(input.name);
      if (await repo.slugInUse(trx, slug)) throw new ValidationError({ slug: 'topic_slug_taken' });
      const topic = await repo.insertTopic(trx, { slug, name: input.name });
      await audit(trx, {
        userId,
        action: 'topic.create',
        subjectType: 'topic',
        subjectId: topic.id,
      });
      touch(cacheTags.topics);
      return topic.id;
    }),
  );
}

export function renameTopic(
  db: Kysely<Database>,
  userId: number,
  id: number,
  input: TopicInput,
): Promise<void> {
  return guard(() =>
    runWrite(db, async ({ trx, touch }) => {
      const topic = await repo.findTopicById(trx, id);
      if (!topic) throw new NotFoundError();
      const slug = input.slug || topic.slug;
      if (await repo.slugInUse(trx, slug, id))
        throw new ValidationError({ slug: 'topic_slug_taken' });
      await repo.updateTopic(trx, id, { slug, name: input.name });
      if (slug !== topic.slug) {
        await repo.removeRedirect(trx, slug);
        await repo.addRedirect(trx, topic.slug, id);
      }
      await audit(trx, {
        userId,
        action: 'topic.rename',
        subjectType: 'topic',
        subjectId: id,
        detail: { from: topic.slug, to: slug, name: input.name },
      });
      // The name shows on every article carrying the topic.
      touch(
        cacheTags.topics,
        cacheTags.topic(id),
        ...articleTags(await repo.articleIdsOfTopic(trx, id)),
      );
    }),
  );
}

export function mergeTopic(
  db: Kysely<Database>,
  userId: number,
  fromId: number,
  intoId: number,
): Promise<void> {
  if (fromId === intoId) throw new ValidationError({ merge_into: 'merge_same' });
  return runWrite(db, async ({ trx, touch }) => {
    const from = await repo.findTopicById(trx, fromId);
    if (!from) throw new NotFoundError();
    const into = await repo.findTopicById(trx, intoId);
    if (!into) throw new ValidationError({ merge_into: 'merge_target_unknown' });
    const articleIds = await repo.articleIdsOfTopic(trx, fromId);
    await repo.moveArticleTopics(trx, fromId, intoId);
    await repo.moveRedirects(trx, fromId, intoId);
    await repo.deleteTopic(trx, fromId);
    await repo.addRedirect(trx, from.slug, intoId);
    await audit(trx, {
      userId,
      action: 'topic.merge',
      subjectType: 'topic',
      subjectId: intoId,
      detail: { from: from.slug, into: into.slug },
    });
    touch(
      cacheTags.topics,
      cacheTags.topic(fromId),
      cacheTags.topic(intoId),
      ...articleTags(articleIds),
    );
  });
}

export function deleteTopic(db: Kysely<Database>, userId: number, id: number): Promise<void> {
  return runWrite(db, async ({ trx, touch }) => {
    const topic = await repo.findTopicById(trx, id);
    if (!topic) throw new NotFoundError();
    const articleIds = await repo.articleIdsOfTopic(trx, id);
    await repo.deleteTopic(trx, id);
    await audit(trx, {
      userId,
      action: 'topic.delete',
      subjectType: 'topic',
      subjectId: id,
      detail: { slug: topic.slug, name: topic.name },
    });
    touch(cacheTags.topics, cacheTags.topic(id), ...articleTags(articleIds));
  });
}

/** Every topic by name, for choosing (the editor's topic boxes, a merge target). */
export function topicChoices(db: Kysely<Database>) {
  return repo.allTopics(db);
}

/** One page of topics with their article counts, optionally filtered by name. */
export async function topicListPage(
  db: Kysely<Database>,
  q: string | undefined,
  page: number,
  perPage: number,
) {
  return splitPage(
    await repo.listTopicsWithCounts(db, { q, ...pageWindow(page, perPage) }),
    perPage,
  );
}

/** A topic and the others it could be merged into; an unknown id is not found. */
export async function topicWithMergeTargets(db: Kysely<Database>, id: number) {
  const topic = await repo.findTopicById(db, id);
  if (!topic) throw new NotFoundError();
  const others = (await repo.allTopics(db)).filter((o) => o.id !== id);
  return { topic, others };
}
