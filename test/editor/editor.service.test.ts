import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import {
  type ArticleInput,
  deleteArticle,
  publishDueArticles,
  restoreRevision,
  StaleVersionError,
  saveArticle,
} from '../../src/features/editor/editor.service.js';
import { AppError, ValidationError } from '../../src/lib/errors.js';
import { backends } from '../helpers/backends.js';
import { touchedBy } from '../helpers/changes.js';
import { createActingUser, createAuthor, createTopic } from '../helpers/factories.js';
import { warmUp } from './warm-up.js';

function input(overrides: Partial<ArticleInput> = {}): ArticleInput {
  return {
    title: 'Verkopen zonder te duwen',
    slug: '',
    lead: 'Een korte inleiding.',
    body: '## Kop\n\nTekst met **nadruk**.',
    topicIds: [],
    newTopics: [],
    coverImage: null,
    commentsOpen: true,
    ...overrides,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ValidationError) return `validation:${Object.values(error.fields)[0]}`;
    if (error instanceof AppError) return `${error.code}:${error.messageKey}`;
    throw error;
  }
  return 'ok';
}

for (const backend of backends) {
  describe(`editor service on ${backend.name}`, () => {
    warmUp(backend);
    let database: DatabaseHandle;
    afterEach(async () => database?.close());

    it('creates a draft with a slug from the title, renders Markdown and keeps a revision', async () => {
      database = await backend.open();
      const { db } = database;
      const editor = await createActingUser(db, 'editor');
      const author = await createAuthor(db);
      const { result, tags } = await touchedBy(db, () =>
        saveArticle(
          db,
          editor.actor,
          input({ authorIds: [author.id], newTopics: ['Sales', 'sales'] }),
        ),
      );
      expect(result.slug).toBe('verkopen-zonder-te-duwen');
      expect(result.status).toBe('draft');
      // A draft is on no public page: nothing to invalidate but the new topic list.
      expect(tags).toEqual(['topics']);
      const row = await db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', result.id)
        .executeTakeFirstOrThrow();
      expect(row.body_html).toContain('<h2>Kop</h2>');
      expect(row.body_html).toContain('<strong>nadruk</strong>');
      const revisions = await db
        .selectFrom('revisions')
        .selectAll()
        .where('article_id', '=', result.id)
        .execute();
      expect(revisions).toHaveLength(1);
      const topics = await db.selectFrom('topics').selectAll().execute();
      expect(topics.map((t) => t.name)).toEqual(['Sales']);
    });

    it('refuses a slug that is taken', async () => {
      database = await backend.open();
      const { db } = database;
      const editor = await createActingUser(db, 'editor');
      const author = await createAuthor(db);
      await saveArticle(db, editor.actor, input({ authorIds: [author.id] }));
      expect(await codeOf(saveArticle(db, editor.actor, input({ authorIds: [author.id] })))).toBe(
        'validation:slug_taken',
      );
      expect(await db.selectFrom('articles').select('id').execute()).toHaveLength(1);
    });

    it('lets an author write only as themself, edit only their own articles and never publish', async () => {
      database = await backend.open();
      const { db } = database;
      const writer = await createActingUser(db, 'author');
      const other = await createActingUser(db, 'author');
      const own = await saveArticle(db, writer.actor, input());
      const authors = await db
        .selectFrom('article_authors')
        .selectAll()
        .where('article_id', '=', own.id)
        .execute();
      expect(authors.map((a) => a.author_id)).toEqual([writer.author!.id]);

      expect(
        await codeOf(
          saveArticle(db, writer.actor, input({ slug: 'x', authorIds: [other.author!.id] })),
        ),
      ).toBe('forbidden:author_only_self');
      expect(
        await codeOf(saveArticle(db, writer.actor, input({ slug: 'y', status: 'published' }))),
      ).toBe('forbidden:publish_forbidden');
      expect(
        await codeOf(
          saveArticle(db, other.actor, input({ title: 'Overgenomen' }), { id: own.id, version: 1 }),
        ),
      ).toBe('forbidden:not_your_article');
      const saved = await saveArticle(db, writer.actor, input({ title: 'Beter' }), {
        id: own.id,
        version: 1,
      });
      expect(saved.status).toBe('draft');
      expect(await codeOf(deleteArticle(db, other.actor, own.id))).toBe(
        'forbidden:not_your_article',
      );
    });

    it('refuses a stale version and hands back what is stored', async () => {
      database = await backend.open();
      const { db } = database;
      const editor = await createActingUser(db, 'editor');
      const author = await createAuthor(db);
      const created = await saveArticle(db, editor.actor, input({ authorIds: [author.id] }));
      await saveArticle(db, editor.actor, input({ body: 'Hun tekst' }), {
        id: created.id,
        version: 1,
      });
      let caught: unknown;
      try {
        await saveArticle(db, editor.actor, input({ body: 'Mijn tekst' }), {
          id: created.id,
          version: 1,
        });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StaleVersionError);
      expect((caught as StaleVersionError).current.body_source).toBe('Hun tekst');
      expect((caught as StaleVersionError).status).toBe(409);
      const row = await db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      expect(row.body_source).toBe('Hun tekst');
      expect(row.version).toBe(2);
    });

    it('publishes with exact cache tags and an audit entry; restores a revision as a new save', async () => {
      database = await backend.open();
      const { db } = database;
      const editor = await createActingUser(db, 'editor');
      const a1 = await createAuthor(db);
      const a2 = await createAuthor(db);
      const topic = await createTopic(db);
      const created = await saveArticle(
        db,
        editor.actor,
        input({ authorIds: [a2.id, a1.id], topicIds: [topic.id] }),
      );
      const { result: published, tags } = await touchedBy(db, () =>
        saveArticle(
          db,
          editor.actor,
          input({
            body: 'Tweede tekst',
            status: 'published',
            authorIds: [a2.id, a1.id],
            topicIds: [topic.id],
          }),
          { id: created.id, version: 1 },
        ),
      );
      expect(published.status).toBe('published');
      // "authors" too: an article appearing can add its authors to the authors sidebar.
      expect(tags.sort()).toEqual(
        [
          'articles',
          'authors',
          `article:${created.id}`,
          `author:${a1.id}`,
          `author:${a2.id}`,
          `topic:${topic.id}`,
        ].sort(),
      );
      const order = await db
        .selectFrom('article_authors')
        .selectAll()
        .orderBy('position')
        .execute();
      expect(order.map((r) => r.author_id)).toEqual([a2.id, a1.id]);
      const auditRows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'article.publish')
        .execute();
      expect(auditRows).toHaveLength(1);

      const first = await db
        .selectFrom('revisions')
        .selectAll()
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const { result: restored, tags: restoredTags } = await touchedBy(db, () =>
        restoreRevision(db, editor.actor, created.id, first.id, 2),
      );
      expect(restored.status).toBe('published');
      // Still published, same byline: the lists of authors stay as they are.
      expect(restoredTags).toContain(`article:${created.id}`);
      expect(restoredTags).not.toContain('authors');
      const row = await db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      expect(row.body_source).toBe(input().body);
      expect(row.version).toBe(3);
      expect(await db.selectFrom('revisions').select('id').execute()).toHaveLength(3);
    });

    it('touches the authors lists only when an author gains a first or loses a last published article', async () => {
      database = await backend.open();
      const { db } = database;
      const editor = await createActingUser(db, 'editor');
      const author = await createAuthor(db);
      const publish = (title: string) =>
        touchedBy(db, () =>
          saveArticle(
            db,
            editor.actor,
            input({ title, status: 'published', authorIds: [author.id] }),
          ),
        );
      const first = await publish('Eerste stuk');
      expect(first.tags).toContain('authors');
      const second = await publish('Tweede stuk');
      expect(second.tags).not.toContain('authors');
      expect(second.tags).toContain(`author:${author.id}`);
      const deleted = await touchedBy(db, () => deleteArticle(db, editor.actor, second.result.id));
      expect(deleted.tags).not.toContain('authors');
      const last = await touchedBy(db, () => deleteArticle(db, editor.actor, first.result.id));
      expect(last.tags).toContain('authors');
    });

    it('publishes scheduled articles when their time has come, and only then', async () => {
      database = await backend.open();
      const { db } = database;
      const editor = await createActingUser(db, 'editor');
      const author = await createAuthor(db);
      const topic = await createTopic(db);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const { result: created, tags: scheduledTags } = await touchedBy(db, () =>
        saveArticle(
          db,
          editor.actor,
          input({
            status: 'scheduled',
            publishAt: future,
            authorIds: [author.id],
            topicIds: [topic.id],
          }),
        ),
      );
      expect(created.status).toBe('scheduled');
      expect(scheduledTags).toEqual([]);
      expect(await publishDueArticles(db)).toEqual([]);
      const later = new Date(Date.now() + 2 * 3_600_000).toISOString();
      const run = await touchedBy(db, () => publishDueArticles(db, later));
      expect(run.result).toEqual([created.id]);
      expect(run.tags.sort()).toEqual(
        [
          'articles',
          'authors',
          `article:${created.id}`,
          `author:${author.id}`,
          `topic:${topic.id}`,
        ].sort(),
      );
      const row = await db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
      expect(row.status).toBe('published');
      expect(await publishDueArticles(db, later)).toEqual([]);
    });

    it('needs a time for scheduling, and lets only editors delete a published article', async () => {
      database = await backend.open();
      const { db } = database;
      const editor = await createActingUser(db, 'editor');
      const writer = await createActingUser(db, 'author');
      expect(
        await codeOf(
          saveArticle(
            db,
            editor.actor,
            input({ status: 'scheduled', publishAt: null, authorIds: [writer.author!.id] }),
          ),
        ),
      ).toBe('validation:publish_at_required');
      const created = await saveArticle(
        db,
        editor.actor,
        input({ status: 'published', authorIds: [writer.author!.id] }),
      );
      expect(await codeOf(deleteArticle(db, writer.actor, created.id))).toBe(
        'forbidden:delete_forbidden',
      );
      const { tags } = await touchedBy(db, () => deleteArticle(db, editor.actor, created.id));
      expect(tags).toContain(`article:${created.id}`);
      expect(await db.selectFrom('articles').select('id').execute()).toHaveLength(0);
      expect(
        await db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'article.delete')
          .execute(),
      ).toHaveLength(1);
    });
  });
}
