// WordPress writes its text with HTML entities (named, numeric, sometimes encoded twice).
// After an import the reader must see the characters, and a double-encoded "&amp;euml;"
// must show as the literal text "&euml;", never as ë.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { decodeHTML } from 'entities';
import { afterEach, describe, expect, it } from 'vitest';
import { importWordpress } from '../../src/features/portability/wordpress-import.service.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';

const fixture = path.resolve('test/portability/fixtures/wordpress-entities.xml');

/** The text a browser shows for a page: markup, scripts and styles gone, entities decoded. */
function visibleText(html: string): string {
  const body = html.replace(/^[\s\S]*?<body\b[^>]*>/i, '');
  return decodeHTML(
    body.replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '').replace(/<[^>]*>/g, ' '),
  )
    .replace(/[ \t\r\n]+/g, ' ')
    .trim();
}

for (const backend of backends) {
  describe(`WordPress import of entities on ${backend.name}`, { timeout: 300_000 }, () => {
    let app: TestApp | undefined;
    afterEach(async () => {
      await app?.close();
      app = undefined;
    });

    it('shows decoded text on the article, author and topic pages', async () => {
      app = await buildTestApp(backend);
      const db = app.database.db;
      await importWordpress(db, createReadStream(fixture));

      const articles = await db
        .selectFrom('articles')
        .select(['id', 'slug', 'title', 'lead', 'body_html'])
        .orderBy('id')
        .execute();
      const [post, older] = articles;
      expect(post?.title).toBe('Ideeën voor het café: zo’n\u00a0aanpak…');
      expect(post?.lead).toBe('Tweeën—drie ideeën; schrijf &euml; als u het teken bedoelt.');
      expect(older?.title).toBe('Tweeën &euml; letterlijk');
      // The body is still sanitised after decoding.
      expect(post?.body_html).not.toMatch(/<script|onclick|alert/i);

      const page = await app.app.inject(`/artikel/${post?.id}/${post?.slug}`);
      expect(page.statusCode).toBe(200);
      const seen = visibleText(page.body);
      expect(seen).toContain('Ideeën voor het café: zo’n\u00a0aanpak…');
      expect(seen).toContain('Tweeën—drie ideeën; schrijf &euml; als u het teken bedoelt.');
      expect(seen).toContain('Het café van Joël… “goed” – en &euml; blijft letterlijk.');
      expect(seen).toContain('Tweede\u00a0alinea');
      expect(seen).toContain('Renée Maël');
      expect(seen).toContain('Adviseur bij Ideeënbureau… schrijft &euml; zoals het er staat.');
      expect(seen).toContain('Coöperatie & ideeën');
      expect(seen).toContain('Café’s');
      expect(seen).toContain('Joël');
      expect(seen).toContain('Mooi\u00a0stuk… ik heb ‘ideeën’. Typ &eacute; voor é.');
      // The only entity-like text left is what the double encoding meant literally.
      expect(seen.match(/&#?\w+;/g)).toEqual(['&euml;', '&euml;', '&eacute;', '&euml;']);
      expect(page.body).not.toMatch(/<script>alert|onclick=/);

      const second = await app.app.inject(`/artikel/${older?.id}/${older?.slug}`);
      expect(visibleText(second.body)).toContain('Tweeën &euml; letterlijk');

      const author = await db.selectFrom('authors').select(['slug', 'name']).executeTakeFirst();
      expect(author?.name).toBe('Renée Maël');
      const authorPage = visibleText((await app.app.inject(`/auteur/${author?.slug}`)).body);
      expect(authorPage).toContain(
        'Adviseur bij Ideeënbureau… schrijft &euml; zoals het er staat.',
      );

      const topicPage = visibleText((await app.app.inject('/onderwerp/cooperatie')).body);
      expect(topicPage).toContain('Coöperatie & ideeën');
      const tagPage = visibleText((await app.app.inject('/onderwerp/cafes')).body);
      expect(tagPage).toContain('Café’s');
    });
  });
}
