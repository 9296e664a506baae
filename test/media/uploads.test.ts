import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { warmUp } from '../editor/warm-up.js';
import { buildTestApp, form, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { createArticle } from '../helpers/factories.js';
import { type LoggedIn, loginAs } from '../helpers/login.js';
import { multipartBody, pngBomb, realJpegWithExif, realPng } from './images.js';

function upload(
  t: TestApp,
  who: LoggedIn,
  url: string,
  field: string,
  data: Buffer,
  filename = 'foto.jpg',
  csrf: string | null = who.csrfToken,
) {
  const { payload, contentType } = multipartBody(csrf === null ? {} : { csrf_token: csrf }, {
    field,
    filename,
    type: 'image/jpeg',
    data,
  });
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      origin: formHeaders.origin,
      'sec-fetch-site': 'same-origin',
      'content-type': contentType,
      cookie: who.cookie,
    },
    payload,
  });
}

for (const backend of backends) {
  describe(`uploads on ${backend.name}`, () => {
    warmUp(backend);
    let t: TestApp;
    let dataDir: string;
    afterEach(async () => {
      await t?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function setup() {
      dataDir = mkdtempSync(path.join(tmpdir(), 'podium-media-'));
      t = await buildTestApp(backend, { DATA_DIR: dataDir });
    }

    function storedFiles(): string[] {
      try {
        return readdirSync(path.join(dataDir, 'media')).sort();
      } catch {
        return [];
      }
    }

    it('accepts a real JPEG as profile photo: two square WebP sizes without EXIF, served with long caching', async () => {
      await setup();
      const author = await loginAs(t, 'author');
      const res = await upload(
        t,
        author,
        '/beheer/profiel/foto',
        'photo',
        await realJpegWithExif(),
      );
      expect(res.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom('authors')
        .selectAll()
        .where('id', '=', author.authorId!)
        .executeTakeFirstOrThrow();
      expect(row.photo).toMatch(/^[a-f0-9]{24}$/);
      expect(storedFiles()).toEqual([`${row.photo}-320.webp`, `${row.photo}-96.webp`]);
      const media = await t.database.db.selectFrom('media').selectAll().executeTakeFirstOrThrow();
      expect(media).toMatchObject({
        key: row.photo,
        kind: 'photo',
        mime: 'image/webp',
        width: 320,
        height: 320,
      });
      for (const size of [96, 320]) {
        const served = await t.app.inject(`/media/${row.photo}-${size}.webp`);
        expect(served.statusCode).toBe(200);
        expect(served.headers['content-type']).toBe('image/webp');
        expect(served.headers['cache-control']).toContain('max-age=31536000');
        const meta = await sharp(served.rawPayload).metadata();
        expect([meta.format, meta.width, meta.height, meta.exif]).toEqual([
          'webp',
          size,
          size,
          undefined,
        ]);
      }
      expect((await t.app.inject(`/media/${row.photo}-999.webp`)).statusCode).toBe(404);
      expect((await t.app.inject('/media/..%2F..%2Fsecret-96.webp')).statusCode).toBe(404);

      const removed = await t.app.inject({
        method: 'POST',
        url: '/beheer/profiel/foto/verwijderen',
        headers: { ...formHeaders, cookie: author.cookie },
        payload: form({ csrf_token: author.csrfToken }),
      });
      expect(removed.statusCode).toBe(303);
      const after = await t.database.db
        .selectFrom('authors')
        .selectAll()
        .where('id', '=', author.authorId!)
        .executeTakeFirstOrThrow();
      expect(after.photo).toBeNull();
    });

    it('refuses text renamed .jpg, a decompression bomb, an oversize file and a missing CSRF token, storing nothing', async () => {
      await setup();
      const author = await loginAs(t, 'author');
      const text = await upload(
        t,
        author,
        '/beheer/profiel/foto',
        'photo',
        Buffer.from('Geen foto maar tekst.\n'.repeat(20)),
      );
      expect(text.statusCode).toBe(422);
      expect(text.body).toContain('Dit bestand is geen afbeelding die we kunnen lezen.');
      const bomb = await upload(t, author, '/beheer/profiel/foto', 'photo', pngBomb(), 'bom.png');
      expect(bomb.statusCode).toBe(422);
      expect(bomb.body).toContain('Deze afbeelding is te groot');
      const big = await upload(
        t,
        author,
        '/beheer/profiel/foto',
        'photo',
        Buffer.alloc(5 * 1024 * 1024 + 10, 1),
      );
      expect(big.statusCode).toBe(413);
      expect(big.body).toContain('Het bestand is groter dan 5 MB.');
      const noCsrf = await upload(
        t,
        author,
        '/beheer/profiel/foto',
        'photo',
        await realPng(),
        'a.png',
        null,
      );
      expect(noCsrf.statusCode).toBe(403);
      const wrongCsrf = await upload(
        t,
        author,
        '/beheer/profiel/foto',
        'photo',
        await realPng(),
        'a.png',
        'fout',
      );
      expect(wrongCsrf.statusCode).toBe(403);
      const empty = await upload(
        t,
        author,
        '/beheer/profiel/foto',
        'other',
        await realPng(),
        'a.png',
      );
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('Kies een bestand om te uploaden.');
      expect(storedFiles()).toEqual([]);
      expect(await t.database.db.selectFrom('media').select('id').execute()).toHaveLength(0);
    });

    it('sets an article cover for its author; refuses it for someone else', async () => {
      await setup();
      const author = await loginAs(t, 'author');
      const other = await loginAs(t, 'author');
      const article = await createArticle(t.database.db, {
        status: 'draft',
        authorIds: [author.authorId!],
      });
      const refused = await upload(
        t,
        other,
        `/beheer/artikelen/${article.id}/omslag`,
        'cover',
        await realPng(),
      );
      expect(refused.statusCode).toBe(403);
      const res = await upload(
        t,
        author,
        `/beheer/artikelen/${article.id}/omslag`,
        'cover',
        await realPng(1600, 900),
      );
      expect(res.statusCode).toBe(303);
      const row = await t.database.db
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', article.id)
        .executeTakeFirstOrThrow();
      expect(row.cover_image).toMatch(/^[a-f0-9]{24}$/);
      expect(row.version).toBe(2);
      expect(storedFiles()).toEqual([
        `${row.cover_image}-1280.webp`,
        `${row.cover_image}-640.webp`,
      ]);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: `/beheer/artikelen/${article.id}/omslag`,
        headers: formHeaders,
        payload: 'a=1',
      });
      expect(anonymous.statusCode).toBe(401);
    });
  });
}
