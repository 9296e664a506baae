// Imports a WordPress export into Podium in ONE transaction: the file is read as a stream
// and written record by record; anything malformed anywhere (even in the last byte)
// rolls the whole import back, so nothing is ever half written. Every source id is kept
// in import_map, so a second run of the same file creates nothing twice.

import { createHash } from 'node:crypto';
import { escapeUTF8 } from 'entities';
import type { Kysely } from 'kysely';
import type { ArticleStatus, CommentState, Database } from '../../db/schema.js';
import type { Db } from '../../infra/db.js';
import { runWrite } from '../../infra/writes.js';
import { isSlug, slugify, uniqueSlug } from '../../lib/slug.js';
import { nowIso } from '../../lib/time.js';
import { paths } from '../../views/paths.js';
import { checkEmail } from '../addresses/email-address.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import { ImportError } from './import-error.js';
import { legacyPathOf } from './legacy-path.js';
import { convertPostHtml, htmlToText, imageUrls, leadFrom } from './wordpress-import.content.js';
import {
  readWxr,
  type WxrAuthor,
  type WxrComment,
  type WxrItem,
  type WxrTerm,
} from './wordpress-import.parser.js';
import { ratingsFromMeta, synthesiseVotes, toTenScale } from './wordpress-import.ratings.js';
import * as repo from './wordpress-import.repository.js';

export type SkipReason =
  | 'attachment'
  | 'page_not_requested'
  | 'unsupported_type'
  | 'trashed'
  | 'auto_draft'
  | 'pingback'
  | 'empty_comment'
  | 'comment_too_long'
  | 'no_email'
  | 'email_invalid'
  | 'image_missing'
  | 'image_unreadable';

export interface ImportCounts {
  created: number;
  existing: number;
}

export interface WordpressImportSummary {
  source: string;
  authors: ImportCounts;
  users: number;
  topics: ImportCounts;
  articles: ImportCounts & { byStatus: Record<ArticleStatus, number> };
  pages: ImportCounts;
  comments: ImportCounts & {
    byState: Record<CommentState, number>;
    flattened: number;
    authorReplies: number;
  };
  ratings: { articles: number; votes: number; stars: number };
  redirects: number;
  images: string[];
  /** Set when an uploads folder was given: how many images were taken into the media store. */
  imagesImported?: number;
  skipped: { kind: 'item' | 'comment' | 'author' | 'image'; id: string; reason: SkipReason }[];
}

export interface ImportProgress {
  bytes: number;
  records: number;
  articles: number;
  comments: number;
}

export interface WordpressImportOptions {
  pages?: boolean;
  /** Stars of the rating plugins (both default to 5). */
  stars?: number;
  onProgress?: (progress: ImportProgress) => void;
}

const MAX_COMMENT = 5000;
const MAX_NAME = 80;

/** "2019-05-03 10:00:00" (UTC when from a _gmt field) -> ISO; empty or zero -> null. */
export function wpDate(value: string, context: string): string | null {
  const v = value.trim();
  if (v === '' || v.startsWith('0000-00-00')) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(v);
  if (m) {
    const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
    const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
    if (
      date.getUTCFullYear() === y &&
      date.getUTCMonth() === (mo as number) - 1 &&
      date.getUTCDate() === d &&
      date.getUTCHours() === h &&
      date.getUTCMinutes() === mi &&
      date.getUTCSeconds() === s
    ) {
      return date.toISOString();
    }
  }
  throw new ImportError('invalid_date', { value: v.slice(0, 40), context });
}

function emptySummary(stars: number): WordpressImportSummary {
  return {
    source: '',
    authors: { created: 0, existing: 0 },
    users: 0,
    topics: { created: 0, existing: 0 },
    articles: {
      created: 0,
      existing: 0,
      byStatus: { draft: 0, scheduled: 0, published: 0, archived: 0 },
    },
    pages: { created: 0, existing: 0 },
    comments: {
      created: 0,
      existing: 0,
      byState: { pending: 0, approved: 0, spam: 0, deleted: 0 },
      flattened: 0,
      authorReplies: 0,
    },
    ratings: { articles: 0, votes: 0, stars },
    redirects: 0,
    images: [],
    skipped: [],
  };
}

/** A free slug in the table, from one query for every slug that starts with the stem. */
async function freeSlug(
  db: Db,
  table: 'authors' | 'topics' | 'articles',
  stem: string,
): Promise<string> {
  const taken = await repo.slugsLike(db, table, stem);
  return uniqueSlug(stem, (slug) => taken.has(slug));
}

/** A WordPress nicename (possibly percent-encoded) -> our slug. */
function slugFromNicename(nicename: string, fallbackName: string): string {
  let decoded = nicename;
  try {
    decoded = decodeURIComponent(nicename);
  } catch {
    // Not percent-encoded after all: use it as it is.
  }
  if (isSlug(decoded)) return decoded;
  const slug = slugify(decoded);
  if (slug !== 'item') return slug;
  const byName = slugify(fallbackName);
  if (byName !== 'item') return byName;
  // Names in scripts without Latin letters: a stable short code instead.
  return `onderwerp-${createHash('sha1')
    .update(nicename || fallbackName)
    .digest('hex')
    .slice(0, 8)}`;
}

function statusOf(wpStatus: string): ArticleStatus | SkipReason {
  switch (wpStatus) {
    case 'publish':
      return 'published';
    case 'future':
      return 'scheduled';
    case 'draft':
    case 'pending':
    case 'private':
      return 'draft';
    case 'trash':
      return 'trashed';
    default:
      return 'auto_draft';
  }
}

function commentStateOf(approved: string): CommentState {
  if (approved === '1') return 'approved';
  if (approved === 'spam') return 'spam';
  if (approved === 'trash' || approved === 'post-trashed') return 'deleted';
  return 'pending';
}

class WordpressImporter {
  readonly summary: WordpressImportSummary;
  private source = '';
  private readonly authorsByLogin = new Map<
    string,
    { authorId: number; userId: number | null; wpId: string; slug: string }
  >();
  private readonly topicsByTerm = new Map<string, number>();
  private readonly images = new Set<string>();
  private progress: ImportProgress = { bytes: 0, records: 0, articles: 0, comments: 0 };

  constructor(
    private readonly db: Db,
    private readonly options: WordpressImportOptions,
  ) {
    this.summary = emptySummary(options.stars ?? 5);
  }

  async run(input: AsyncIterable<Uint8Array | string>): Promise<void> {
    const counted = this.countBytes(input);
    for await (const record of readWxr(counted)) {
      this.progress.records++;
      if (record.kind === 'site')
        this.startSite(record.baseBlogUrl || record.baseSiteUrl || record.link);
      else if (record.kind === 'author') await this.author(record);
      else if (record.kind === 'item') await this.item(record);
      else await this.term(record);
      this.options.onProgress?.({ ...this.progress });
    }
    this.summary.images = [...this.images];
  }

  private async *countBytes(input: AsyncIterable<Uint8Array | string>) {
    for await (const chunk of input) {
      this.progress.bytes +=
        typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      yield chunk;
    }
  }

  private startSite(url: string) {
    this.source = `wordpress:${url.replace(/\/+$/, '').toLowerCase()}`;
    this.summary.source = this.source;
  }

  private async author(a: WxrAuthor) {
    const login = a.login.trim();
    if (!login) return;
    const sourceId = a.wpId || login;
    const name = (
      htmlToText(a.displayName) ||
      [htmlToText(a.firstName), htmlToText(a.lastName)].filter(Boolean).join(' ') ||
      login
    ).slice(0, 120);
    const known = await repo.mappedId(this.db, this.source, 'author', sourceId);
    if (known !== undefined) {
      const userId = (await repo.mappedId(this.db, this.source, 'user', sourceId)) ?? null;
      this.authorsByLogin.set(login, { authorId: known, userId, wpId: a.wpId, slug: '' });
      this.summary.authors.existing++;
      return;
    }
    const now = nowIso();
    const checked = checkEmail(a.email);
    const email = checked.ok ? checked.email : '';
    let userId: number | null = null;
    if (checked.ok) {
      userId = (await repo.userIdByEmail(this.db, email)) ?? null;
      if (userId === null) {
        userId = await repo.insertUser(this.db, {
          email,
          name,
          password_hash: null,
          role: 'author',
          state: 'invited',
          totp_enabled: 0,
          created_at: now,
          updated_at: now,
        });
        this.summary.users++;
      }
      await repo.remember(this.db, this.source, 'user', sourceId, userId);
    } else {
      const reason = checked.problem === 'email_required' ? 'no_email' : 'email_invalid';
      this.summary.skipped.push({ kind: 'author', id: login, reason });
    }
    let authorId = userId === null ? undefined : await repo.authorIdByUser(this.db, userId);
    if (authorId === undefined) {
      const slug = await freeSlug(this.db, 'authors', slugify(name));
      const bio = htmlToText(a.description);
      authorId = await repo.insertAuthor(this.db, {
        user_id: userId,
        slug,
        name,
        bio_source: bio,
        // The bio is plain text now: escaped, so that a literal "&euml;" stays literal.
        bio_html: convertPostHtml(escapeUTF8(bio)),
        created_at: now,
        updated_at: now,
      });
      this.summary.authors.created++;
      this.authorsByLogin.set(login, { authorId, userId, wpId: a.wpId, slug });
      if (await repo.addRedirect(this.db, `/author/${login.toLowerCase()}`, paths.author({ slug })))
        this.summary.redirects++;
    } else {
      this.summary.authors.existing++;
      this.authorsByLogin.set(login, { authorId, userId, wpId: a.wpId, slug: '' });
    }
    await repo.remember(this.db, this.source, 'author', sourceId, authorId);
  }

  /** Categories and tags both become topics; the same slug in both is one topic. */
  private async termTopic(
    kind: 'category' | 'tag',
    nicename: string,
    name: string,
    description = '',
  ) {
    const key = `${kind}:${nicename}`;
    const cached = this.topicsByTerm.get(key);
    if (cached !== undefined) return cached;
    let topicId = await repo.mappedId(this.db, this.source, 'topic', key);
    if (topicId !== undefined) this.summary.topics.existing++;
    else {
      const slug = slugFromNicename(nicename, name);
      topicId = await repo.topicIdBySlug(this.db, slug);
      if (topicId === undefined) {
        topicId = await repo.insertTopic(this.db, {
          slug,
          name: htmlToText(name).slice(0, 120) || slug,
          description: htmlToText(description) || null,
        });
        this.summary.topics.created++;
      } else this.summary.topics.existing++;
      await repo.remember(this.db, this.source, 'topic', key, topicId);
      const prefix = kind === 'category' ? '/category/' : '/tag/';
      if (
        await repo.addRedirect(this.db, legacyPathOf(`${prefix}${nicename}`), paths.topic({ slug }))
      )
        this.summary.redirects++;
    }
    this.topicsByTerm.set(key, topicId);
    return topicId;
  }

  private async term(t: WxrTerm) {
    if (!t.slug) return;
    await this.termTopic(t.kind, t.slug, t.name || t.slug, t.description);
  }

  private skip(item: WxrItem, reason: SkipReason) {
    this.summary.skipped.push({ kind: 'item', id: item.wpId, reason });
  }

  private async item(item: WxrItem) {
    if (item.type === 'attachment') {
      if (item.attachmentUrl) this.images.add(item.attachmentUrl);
      return this.skip(item, 'attachment');
    }
    const isPage = item.type === 'page';
    if (item.type !== 'post' && !isPage) return this.skip(item, 'unsupported_type');
    if (isPage && !this.options.pages) return this.skip(item, 'page_not_requested');
    const status = statusOf(item.status);
    if (status === 'trashed' || status === 'auto_draft') return this.skip(item, status);
    if (
      status !== 'published' &&
      status !== 'scheduled' &&
      status !== 'draft' &&
      status !== 'archived'
    )
      return;

    // Dates are checked before anything is written for the item.
    const context = `post ${item.wpId}`;
    const when = wpDate(item.dateGmt, context) ?? wpDate(item.date, context);
    const comments = item.comments.map((c) => ({
      ...c,
      at: wpDate(c.dateGmt, `comment ${c.wpId}`) ?? wpDate(c.date, `comment ${c.wpId}`) ?? nowIso(),
    }));

    const counts = isPage ? this.summary.pages : this.summary.articles;
    let articleId = await repo.mappedId(this.db, this.source, 'article', item.wpId);
    let slug: string;
    const bodyHtml = convertPostHtml(item.content);
    for (const src of imageUrls(bodyHtml)) this.images.add(src);
    if (articleId !== undefined) {
      counts.existing++;
      slug = (await repo.articleSlug(this.db, articleId)) ?? '';
    } else {
      const title = htmlToText(item.title).slice(0, 200) || `WordPress ${item.wpId}`;
      let decodedName = item.name;
      try {
        decodedName = decodeURIComponent(item.name);
      } catch {
        // keep as is
      }
      const stem = isSlug(decodedName) ? decodedName : slugify(decodedName || title);
      slug = await freeSlug(this.db, 'articles', stem === 'item' ? slugify(title) : stem);
      const now = nowIso();
      const publishAt = status === 'published' || status === 'scheduled' ? (when ?? now) : null;
      articleId = await repo.insertArticle(this.db, {
        slug,
        title,
        lead: leadFrom(item.excerpt, bodyHtml),
        body_source: htmlToMarkdown(bodyHtml),
        body_html: bodyHtml,
        status,
        publish_at: publishAt,
        comments_open: item.commentStatus === 'closed' ? 0 : 1,
        created_at: when ?? now,
        updated_at: when ?? now,
      });
      await repo.remember(this.db, this.source, 'article', item.wpId, articleId);
      const author = this.authorsByLogin.get(item.creator);
      const topicIds: number[] = [];
      for (const term of item.terms) {
        if (term.domain !== 'category' && term.domain !== 'post_tag') continue;
        if (!term.slug) continue;
        const id = await this.termTopic(
          term.domain === 'category' ? 'category' : 'tag',
          term.slug,
          term.name,
        );
        if (!topicIds.includes(id)) topicIds.push(id);
      }
      await repo.linkArticle(this.db, articleId, author ? [author.authorId] : [], topicIds);
      counts.created++;
      if (!isPage) this.summary.articles.byStatus[status]++;
      await this.ratings(articleId, item, now);
      this.progress.articles++;
    }
    if (status === 'published' || status === 'scheduled') {
      const target = paths.article({ id: articleId, slug });
      const legacy = [isPage ? `?page_id=${item.wpId}` : `?p=${item.wpId}`];
      if (item.link) {
        try {
          const url = new URL(item.link);
          legacy.push(
            url.search && url.pathname === '/'
              ? url.search.toLowerCase()
              : legacyPathOf(url.pathname),
          );
        } catch {
          // A link that is no URL gives no old address to keep.
        }
      }
      for (const path of legacy) {
        if (path !== '/' && (await repo.addRedirect(this.db, path, target)))
          this.summary.redirects++;
      }
    }
    await this.comments(articleId, item, comments);
  }

  private async ratings(articleId: number, item: WxrItem, now: string) {
    const stars = this.options.stars ?? 5;
    const aggregates = ratingsFromMeta(item.meta, stars);
    if (aggregates.length === 0) return;
    const votes = synthesiseVotes(aggregates, stars);
    const rows = [];
    let n = 0;
    for (let score = 1; score <= 10; score++) {
      for (let i = 0; i < (votes.histogram[score - 1] ?? 0); i++) {
        n++;
        rows.push({
          article_id: articleId,
          reader_key: `import:${n}`,
          score,
          address_hash: 'import',
          state: 'counted' as const,
          created_at: now,
          updated_at: now,
        });
      }
    }
    await repo.insertGrades(this.db, articleId, rows, votes);
    this.summary.ratings.articles++;
    this.summary.ratings.votes += votes.count;
  }

  private async comments(
    articleId: number,
    item: WxrItem,
    comments: (WxrComment & { at: string })[],
  ) {
    if (comments.length === 0) return;
    const byId = new Map(comments.map((c) => [c.wpId, c]));
    const known = await repo.mappedIds(
      this.db,
      this.source,
      'comment',
      comments.map((c) => c.wpId),
    );
    const postAuthor = this.authorsByLogin.get(item.creator);
    // Our model has one reply level: a reply to a reply hangs under the top-level ancestor.
    const topOf = (c: WxrComment): WxrComment | undefined => {
      let current = c;
      const seen = new Set<string>();
      while (current.parentId !== '0' && byId.has(current.parentId) && !seen.has(current.wpId)) {
        seen.add(current.wpId);
        current = byId.get(current.parentId) as WxrComment;
      }
      return current === c ? undefined : current;
    };
    const ordered = [...comments].sort(
      (a, b) => Number(topOf(a) !== undefined) - Number(topOf(b) !== undefined),
    );
    let written = false;
    for (const c of ordered) {
      if (known.has(c.wpId)) {
        this.summary.comments.existing++;
        continue;
      }
      if (c.type === 'pingback' || c.type === 'trackback') {
        this.summary.skipped.push({ kind: 'comment', id: c.wpId, reason: 'pingback' });
        continue;
      }
      const body = htmlToText(c.content);
      if (!body) {
        this.summary.skipped.push({ kind: 'comment', id: c.wpId, reason: 'empty_comment' });
        continue;
      }
      if (body.length > MAX_COMMENT) {
        this.summary.skipped.push({ kind: 'comment', id: c.wpId, reason: 'comment_too_long' });
        continue;
      }
      const top = topOf(c);
      const parentId = top ? known.get(top.wpId) : undefined;
      if (top && parentId === undefined) continue; // its thread was skipped above
      if (top && top.wpId !== c.parentId) this.summary.comments.flattened++;
      const state = commentStateOf(c.approved);
      const byAuthor =
        postAuthor !== undefined &&
        c.userId !== '0' &&
        c.userId === postAuthor.wpId &&
        postAuthor.userId !== null;
      const email = checkEmail(c.email);
      const website = /^https?:\/\//i.test(c.url.trim()) ? c.url.trim().slice(0, 200) : null;
      const id = await repo.insertComment(this.db, {
        article_id: articleId,
        parent_id: parentId ?? null,
        name: (htmlToText(c.author) || 'Anoniem').slice(0, MAX_NAME),
        email: email.ok ? email.email : null,
        website,
        body,
        state,
        author_user_id: byAuthor ? postAuthor.userId : null,
        label: byAuthor ? 'author' : null,
        created_at: c.at,
        updated_at: c.at,
        approved_at: state === 'approved' ? c.at : null,
      });
      known.set(c.wpId, id);
      await repo.remember(this.db, this.source, 'comment', c.wpId, id);
      this.summary.comments.created++;
      this.summary.comments.byState[state]++;
      if (byAuthor) this.summary.comments.authorReplies++;
      this.progress.comments++;
      written = true;
    }
    if (written) await repo.recountComments(this.db, articleId);
  }
}

/** Imports a WXR stream in one transaction and returns what was done; throws ImportError. */
export async function importWordpress(
  db: Kysely<Database>,
  input: AsyncIterable<Uint8Array | string>,
  options: WordpressImportOptions = {},
): Promise<WordpressImportSummary> {
  return runWrite(db, async ({ trx, touch }) => {
    // Articles, authors, topics, comments and redirects arrive at once: every page may change.
    touch('*');
    const importer = new WordpressImporter(trx, options);
    await importer.run(input);
    return importer.summary;
  });
}

/** The 1..stars -> 1..10 conversion, as stated in summaries and docs. */
export function ratingConversionTable(stars = 5): { stars: number; grade: number }[] {
  return Array.from({ length: stars }, (_, i) => ({
    stars: i + 1,
    grade: Math.round(toTenScale(i + 1, stars) * 100) / 100,
  }));
}

/** Where an old WordPress address (a legacy path or ?p= key) now lives, if it was imported. */
export async function legacyRedirect(db: Db, key: string): Promise<string | undefined> {
  return repo.redirectTarget(db, key);
}
