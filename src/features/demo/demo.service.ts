// Seeds the demo content into an empty database, in one transaction: all or nothing.

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { runWrite } from '../../infra/writes.js';
import { AppError } from '../../lib/errors.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { slugify } from '../../lib/slug.js';
import {
  countArticles,
  insertArticle,
  insertAuthor,
  insertComment,
  insertGrades,
  insertList,
  insertTopic,
  setCommentCount,
} from './demo.repository.js';
import {
  DEMO_GRADED_SCORES,
  type DemoComment,
  demoArticles,
  demoAuthors,
  demoGradedComments,
  demoOtherComments,
  demoOtherGrades,
  demoTopics,
} from './demo-content.js';

export interface SeedResult {
  authors: number;
  topics: number;
  articles: number;
  grades: number;
  comments: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function randomKey(): string {
  return randomBytes(16).toString('base64url');
}

/** Refuses (conflict) when the database already holds articles: the demo never mixes in. */
export async function seedDemo(db: Kysely<Database>, now = new Date()): Promise<SeedResult> {
  return runWrite(db, async ({ trx, touch }) => {
    // A new site: every page may show something of it.
    touch('*');
    if ((await countArticles(trx)) > 0) throw new AppError('conflict', 'demo_not_empty');
    const iso = (ms: number) => new Date(ms).toISOString();
    const seededAt = iso(now.getTime());
    const result: SeedResult = { authors: 0, topics: 0, articles: 0, grades: 0, comments: 0 };

    const authorIds = new Map<string, number>();
    const authorNames = new Map<string, string>();
    for (const a of demoAuthors) {
      const id = await insertAuthor(trx, {
        user_id: null,
        slug: slugify(a.name),
        name: a.name,
        company: a.company,
        role_line: a.roleLine,
        bio_source: a.bio,
        bio_html: renderMarkdown(a.bio),
        website: a.website,
        linkedin: a.linkedin ?? null,
        photo: null,
        created_at: seededAt,
        updated_at: seededAt,
      });
      authorIds.set(a.key, id);
      authorNames.set(a.key, a.name);
      result.authors++;
    }

    const topicIds = new Map<string, number>();
    for (const tp of demoTopics) {
      topicIds.set(
        tp.key,
        await insertTopic(trx, {
          slug: slugify(tp.name),
          name: tp.name,
          description: tp.description,
          created_at: seededAt,
        }),
      );
      result.topics++;
    }

    const pick = (map: Map<string, number>, keys: string[]) =>
      keys.map((k) => {
        const id = map.get(k);
        if (id === undefined) throw new Error(`Demo content names an unknown key: ${k}`);
        return id;
      });

    for (const [index, a] of demoArticles.entries()) {
      // Published in the morning, a number of days ago.
      const publishedMs = now.getTime() - a.daysAgo * DAY - 3 * HOUR;
      const publishedAt = iso(publishedMs);
      const articleId = await insertArticle(
        trx,
        {
          slug: slugify(a.title),
          title: a.title,
          lead: a.lead,
          body_source: a.body,
          body_html: renderMarkdown(a.body),
          status: 'published',
          publish_at: publishedAt,
          comments_open: 1,
          cover_image: null,
          created_at: iso(publishedMs - 2 * DAY),
          updated_at: publishedAt,
        },
        pick(authorIds, a.authors),
        pick(topicIds, a.topics),
      );
      result.articles++;

      const scores = index === 0 ? DEMO_GRADED_SCORES : demoOtherGrades[index];
      if (scores && scores.length > 0) {
        const histogram = Array.from(
          { length: 10 },
          (_, i) => scores.filter((s) => s === i + 1).length,
        );
        const gradedAt = iso(publishedMs + DAY);
        await insertGrades(
          trx,
          scores.map((score, i) => ({
            article_id: articleId,
            reader_key: randomKey(),
            score,
            address_hash: randomKey(),
            state: 'counted' as const,
            created_at: iso(publishedMs + (i + 1) * HOUR),
            updated_at: iso(publishedMs + (i + 1) * HOUR),
          })),
          {
            article_id: articleId,
            count: scores.length,
            sum: scores.reduce((s, n) => s + n, 0),
            h1: histogram[0],
            h2: histogram[1],
            h3: histogram[2],
            h4: histogram[3],
            h5: histogram[4],
            h6: histogram[5],
            h7: histogram[6],
            h8: histogram[7],
            h9: histogram[8],
            h10: histogram[9],
            updated_at: gradedAt,
          },
        );
        result.grades += scores.length;
      }

      const comments: DemoComment[] =
        index === 0 ? demoGradedComments : (demoOtherComments[index] ?? []);
      let parentId: number | null = null;
      let count = 0;
      const firstAuthor = a.authors[0] ?? '';
      for (const c of comments) {
        const at = iso(publishedMs + c.hoursAfter * HOUR);
        const id: number = await insertComment(trx, {
          article_id: articleId,
          parent_id: c.authorReply ? parentId : null,
          name: c.authorReply ? (authorNames.get(firstAuthor) ?? c.name) : c.name,
          email: null,
          website: c.website ?? null,
          body: c.body,
          state: 'approved',
          author_user_id: null,
          label: c.authorReply ? 'author' : null,
          reader_key: c.authorReply ? null : randomKey(),
          address_hash: c.authorReply ? null : randomKey(),
          created_at: at,
          updated_at: at,
          approved_at: at,
        });
        if (!c.authorReply) parentId = id;
        count++;
      }
      if (count > 0) await setCommentCount(trx, articleId, count);
      result.comments += count;
    }

    await insertList(trx, {
      slug: 'persoonlijke-ontwikkeling',
      name: 'Persoonlijke Ontwikkeling',
      description:
        'Eens per maand de beste artikelen over leren, loopbaan en gezond werken, in uw mailbox.',
      is_public: 1,
      created_at: seededAt,
    });
    return result;
  });
}
