import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCommand } from '../../src/cli/seed-demo.command.js';
import { demoFirstRunStep } from '../../src/features/demo/demo.first-run.js';
import { seedDemo } from '../../src/features/demo/demo.service.js';
import { AppError } from '../../src/lib/errors.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';

async function count(
  t: TestApp,
  table: 'authors' | 'articles' | 'topics' | 'grades' | 'comments' | 'lists',
) {
  const row = await t.app.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const backend of backends) {
  describe(`demo seed on ${backend.name}`, () => {
    let t: TestApp;
    // Starting the in-process PostgreSQL takes a while on a busy machine: do it up front.
    beforeAll(async () => {
      const warm = await backend.open();
      await warm.close();
    }, 300_000);
    afterEach(async () => t?.close());

    it('fills an empty database and shows "Waardering 6,9 (10 stemmen)"', async () => {
      t = await buildTestApp(backend);
      const result = await seedDemo(t.app.db);
      expect(await count(t, 'authors')).toBe(result.authors);
      expect(result.authors).toBeGreaterThanOrEqual(11);
      expect(await count(t, 'articles')).toBeGreaterThanOrEqual(12);
      expect(await count(t, 'topics')).toBeGreaterThanOrEqual(5);
      expect(await count(t, 'lists')).toBe(1);
      const articles = await t.app.db.selectFrom('articles').selectAll().execute();
      for (const a of articles) {
        expect(a.status).toBe('published');
        expect(a.lead.length).toBeGreaterThan(20);
        expect(a.body_html).toContain('<h2>');
        expect(a.body_html).toContain('<ul>');
        expect(a.publish_at! < new Date().toISOString()).toBe(true);
      }
      expect(new Set(articles.map((a) => a.publish_at)).size).toBe(articles.length);
      const authors = await t.app.db.selectFrom('authors').selectAll().execute();
      for (const a of authors) {
        expect(a.bio_source.length).toBeGreaterThan(120);
        expect(a.company).toBeTruthy();
        expect(a.website).toMatch(/^https:\/\//);
      }
      // Comment counts match the approved comments.
      const counts = await t.app.db
        .selectFrom('comments')
        .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('state', '=', 'approved')
        .groupBy('article_id')
        .execute();
      for (const a of articles) {
        const n = Number(counts.find((c) => c.article_id === a.id)?.n ?? 0);
        expect(Number(a.comment_count), a.title).toBe(n);
      }
      // Totals match the stored grades.
      const totals = await t.app.db.selectFrom('grade_totals').selectAll().execute();
      for (const tot of totals) {
        const grades = await t.app.db
          .selectFrom('grades')
          .select('score')
          .where('article_id', '=', tot.article_id)
          .execute();
        expect(Number(tot.count)).toBe(grades.length);
        expect(Number(tot.sum)).toBe(grades.reduce((s, g) => s + g.score, 0));
      }

      const graded = totals.find((x) => Number(x.count) === 10 && Number(x.sum) === 69);
      expect(graded).toBeDefined();
      const article = articles.find((a) => a.id === graded!.article_id)!;
      const page = await t.app.inject(`/artikel/${article.id}/${article.slug}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Waardering 6,9 (10 stemmen)');
      expect(page.body).toContain('<span class="badge">Auteur</span>');
      expect(page.body).toContain('Reacties (3)');
      const replies = await t.app.db
        .selectFrom('comments')
        .selectAll()
        .where('article_id', '=', article.id)
        .execute();
      expect(replies.filter((c) => c.label === 'author' && c.parent_id !== null)).toHaveLength(1);
      expect(replies.filter((c) => c.label === null)).toHaveLength(2);

      // Best graded: the article with one 10 does not top the list; it is not in it at all.
      const home = (await t.app.inject('/')).body;
      const start = home.indexOf('id="best-gewaardeerd"');
      const best = home.slice(start, home.indexOf('</section>', start));
      const firstBest = best.match(/class="card__title"><a href="[^"]+">([^<]+)</)?.[1];
      expect(firstBest).toBeDefined();
      expect(best).not.toContain('(1 stem)');
      expect(best).toContain('Waardering 6,9 (10 stemmen)');
      expect(firstBest).not.toBe(
        articles.find(
          (a) =>
            a.id === totals.find((x) => Number(x.count) === 1 && Number(x.sum) === 10)?.article_id,
        )?.title,
      );
    });

    it('refuses a database that already holds articles, and writes nothing', async () => {
      t = await buildTestApp(backend);
      await seedDemo(t.app.db);
      const before = await count(t, 'authors');
      await expect(seedDemo(t.app.db)).rejects.toBeInstanceOf(AppError);
      expect(await count(t, 'authors')).toBe(before);
    });
  });
}

for (const backend of backends) {
  describe(`demo on first run on ${backend.name}`, () => {
    let t: TestApp;
    afterEach(async () => t?.close());

    it('seeds a new database only when DEMO is on', async () => {
      t = await buildTestApp(backend);
      await demoFirstRunStep({ server: t.app, config: { ...t.config, demo: false }, isNew: true });
      expect(await count(t, 'articles')).toBe(0);
      await demoFirstRunStep({ server: t.app, config: { ...t.config, demo: true }, isNew: false });
      expect(await count(t, 'articles')).toBe(0);
      await demoFirstRunStep({ server: t.app, config: { ...t.config, demo: true }, isNew: true });
      expect(await count(t, 'articles')).toBeGreaterThanOrEqual(12);
      expect((await t.app.inject('/')).body).toContain('Waardering 6,9 (10 stemmen)');
    });
  });
}

// The command works on the configured database (SQLite here), not on the test backends.
describe('podium seed-demo', () => {
  it('seeds an empty database and then refuses', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podium-seed-'));
    const saved = { ...process.env };
    Object.assign(process.env, {
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${path.join(dir, 'podium.db')}`,
      SECRET: 'seed-test-secret-seed-test-secret-0123',
      LOG_LEVEL: 'silent',
    });
    const log = console.log;
    const error = console.error;
    const out: string[] = [];
    console.log = (m: string) => out.push(m);
    console.error = (m: string) => out.push(m);
    try {
      expect(await seedDemoCommand.run([])).toBe(0);
      expect(out.join('\n')).toMatch(/Seeded \d+ authors/);
      expect(await seedDemoCommand.run([])).toBe(1);
      expect(out.join('\n')).toContain('only seeded into an empty database');
    } finally {
      console.log = log;
      console.error = error;
      process.env = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
