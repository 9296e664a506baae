// The article form as the browser sends it, validated into the service's input.
// Every problem maps to a field and a message key in the `editor.errors` catalog.
import { z } from 'zod';
import type { ArticleStatus } from '../../db/schema.js';
import type { FormBody } from '../../infra/form-body.js';
import { idText, single } from '../../lib/parse.js';
import { isSlug } from '../../lib/slug.js';
import type { ArticleInput } from './editor.service.js';
import { localInputToIso } from './publish-time.js';

const text = z.string({ invalid_type_error: 'form_invalid' });
const idList = z
  .array(z.string().regex(/^\d{1,9}$/))
  .max(20)
  .transform((ids) => ids.map(Number));

const STATUSES = ['draft', 'scheduled', 'published', 'archived'] as const;

export const articleFormSchema = z.object({
  title: text.trim().min(1, 'title_required').max(200, 'title_too_long'),
  slug: text
    .trim()
    .max(120, 'slug_invalid')
    .refine((s) => s === '' || isSlug(s), 'slug_invalid'),
  lead: text.trim().max(1000, 'lead_too_long'),
  body: text.max(200_000, 'body_too_long'),
  topic_ids: idList.or(z.undefined()).transform((v) => v ?? []),
  new_topics: text.max(1000, 'field_too_long').transform((v) =>
    v
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  ),
  cover_image: text.regex(/^([a-f0-9]{24})?$/, 'cover_unknown'),
  remove_cover: z.literal('1').optional(),
  status: z.enum(STATUSES, { errorMap: () => ({ message: 'status_invalid' }) }).optional(),
  publish_at: text.max(40, 'publish_at_invalid').optional(),
  author_ids: idList.optional(),
  comments_open: z.literal('1').optional(),
});

export interface ArticleFormValues {
  title: string;
  slug: string;
  lead: string;
  body: string;
  topicIds: number[];
  newTopics: string;
  coverImage: string;
  status?: ArticleStatus;
  publishAt: string;
  authorIds: number[];
  commentsOpen: boolean;
}

function list(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  // The byline is a row of selects; the unused ones arrive empty.
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== '');
}

/**
 * The byline: the form has one select per place (author_1, author_2 …, in order); a plain
 * repeated author_ids field is accepted too. Unused places arrive empty.
 */
function bylineOf(body: FormBody): string[] | undefined {
  const places = Object.keys(body)
    .map((k) => /^author_(\d{1,2})$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  if (places.length === 0) return list(body['author_ids']);
  return places.flatMap((m) => list(body[m[0]]) ?? []);
}

/** What the form showed, for re-rendering it as the user left it. */
export function formValuesOf(body: FormBody): ArticleFormValues {
  const s = (name: string) => {
    const v = body[name];
    return typeof v === 'string' ? v : '';
  };
  const ids = (name: string) => (list(body[name]) ?? []).map(Number).filter(Number.isInteger);
  const status = s('status');
  return {
    title: s('title'),
    slug: s('slug'),
    lead: s('lead'),
    body: s('body'),
    topicIds: ids('topic_ids'),
    newTopics: s('new_topics'),
    coverImage: s('remove_cover') === '1' ? '' : s('cover_image'),
    status: (STATUSES as readonly string[]).includes(status)
      ? (status as ArticleStatus)
      : undefined,
    publishAt: s('publish_at'),
    authorIds: (bylineOf(body) ?? []).map(Number).filter(Number.isInteger),
    commentsOpen: s('comments_open') === '1',
  };
}

export type ParsedArticleForm =
  | { ok: true; input: ArticleInput }
  | { ok: false; fields: Record<string, string> };

/**
 * Parses the form. An author's form has no status, time or byline: those fields come back
 * undefined ("keep what is stored"), and anything of the kind an author sends anyway is
 * passed on for the service to refuse.
 */
export function parseArticleForm(body: FormBody): ParsedArticleForm {
  const raw = {
    title: body['title'] ?? '',
    slug: body['slug'] ?? '',
    lead: body['lead'] ?? '',
    body: body['body'] ?? '',
    topic_ids: list(body['topic_ids']),
    new_topics: body['new_topics'] ?? '',
    cover_image: body['cover_image'] ?? '',
    remove_cover: body['remove_cover'],
    status: body['status'],
    publish_at: body['publish_at'],
    author_ids: bylineOf(body),
    comments_open: body['comments_open'],
  };
  const parsed = articleFormSchema.safeParse(raw);
  const fields: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0] ?? 'title');
      const key =
        name === 'topic_ids'
          ? 'topics_invalid'
          : name === 'author_ids'
            ? 'authors_invalid'
            : issue.code === 'invalid_type'
              ? 'form_invalid'
              : issue.message;
      fields[
        name === 'topic_ids' || name === 'new_topics'
          ? 'topics'
          : name === 'author_ids'
            ? 'authors'
            : name
      ] ??= key;
    }
    return { ok: false, fields };
  }
  const v = parsed.data;
  let publishAt: string | null | undefined;
  if (v.publish_at !== undefined) {
    if (v.publish_at.trim() === '') publishAt = null;
    else {
      publishAt = localInputToIso(v.publish_at.trim());
      if (!publishAt) return { ok: false, fields: { publish_at: 'publish_at_invalid' } };
    }
  }
  if (v.new_topics.some((n) => n.length > 60)) {
    return { ok: false, fields: { topics: 'topic_name_too_long' } };
  }
  if (v.topic_ids.length + v.new_topics.length > 20) {
    return { ok: false, fields: { topics: 'too_many_topics' } };
  }
  return {
    ok: true,
    input: {
      title: v.title,
      slug: v.slug,
      lead: v.lead,
      body: v.body.replace(/\r\n/g, '\n'),
      topicIds: v.topic_ids,
      newTopics: v.new_topics,
      coverImage: v.remove_cover ? null : v.cover_image || null,
      status: v.status,
      publishAt,
      authorIds: v.author_ids,
      commentsOpen: v.comments_open === '1',
    },
  };
}

export function parseVersion(body: FormBody): number | undefined {
  const v = body['version'];
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}

/** /beheer/artikelen/:id/versies/:rev: an article and one of its revisions. */
export const revisionParams = z.object({ id: idText, rev: idText });

const queryText = z
  .preprocess(single, z.string().optional())
  .transform((v) => (v ?? '').slice(0, 200))
  .catch('');

/**
 * The article list's filters: ?q=, ?status=, ?author=<id>, ?topic=<id>. An odd value
 * filters nothing; `shown` is what the filter form shows again.
 */
export const articleListQuery = z
  .object({
    q: queryText.transform((q) => q.trim()),
    status: z.preprocess(single, z.enum(STATUSES).optional()).catch(undefined),
    author: queryText,
    topic: queryText,
  })
  .passthrough()
  .transform(({ q, status, author, topic }) => {
    const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : undefined);
    const authorId = id(author);
    const topicId = id(topic);
    return {
      filter: { q: q || undefined, status, authorId, topicId },
      shown: {
        q,
        status: status ?? '',
        author: authorId !== undefined ? author : '',
        topic: topicId !== undefined ? topic : '',
      },
    };
  });
