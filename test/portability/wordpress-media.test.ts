import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/connect.js';
import { importWordpress } from '../../src/features/portability/wordpress-import.service.js';
import {
  importUploads,
  uploadsPath,
} from '../../src/features/portability/wordpress-media.service.js';
import { backends } from '../helpers/backends.js';
import { fixture } from './seed-site.js';

describe('uploads paths', () => {
  it('stays inside the uploads folder', () => {
    expect(uploadsPath('https://x.nl/wp-content/uploads/2019/05/a.png', '/srv/up')).toBe(
      '/srv/up/2019/05/a.png',
    );
    expect(
      uploadsPath('https://x.nl/wp-content/uploads/../../etc/passwd', '/srv/up'),
    ).toBeUndefined();
    expect(
      uploadsPath('https://x.nl/wp-content/uploads/%2e%2e/%2e%2e/etc/passwd', '/srv/up'),
    ).toBeUndefined();
    expect(uploadsPath('https://x.nl/elders/a.png', '/srv/up')).toBeUndefined();
  });
});

for (const backend of backends) {
  describe(`WordPress images on ${backend.name}`, { timeout: 300_000 }, () => {
    let database: DatabaseHandle | undefined;
    let dir = '';
    afterEach(async () => {
      await database?.close();
      database = undefined;
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('takes images from a local uploads folder into the media store and rewrites their URLs', async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'podium-uploads-'));
      const uploads = path.join(dir, 'uploads');
      mkdirSync(path.join(uploads, '2019', '05'), { recursive: true });
      await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#3366aa' } })
        .png()
        .toFile(path.join(uploads, '2019', '05', 'inkoper.png'));
      database = await backend.open();
      const summary = await importWordpress(database.db, createReadStream(fixture));
      await importUploads(database.db, summary, uploads, dir);
      expect(summary.imagesImported).toBe(1);
      const media = await database.db.selectFrom('media').selectAll().execute();
      expect(media).toHaveLength(1);
      expect(media[0]).toMatchObject({
        kind: 'article',
        mime: 'image/webp',
        width: 1280,
        height: 640,
      });
      const url = `/media/${media[0]?.key}-1280.webp`;
      expect(existsSync(path.join(dir, 'media', `${media[0]?.key}-1280.webp`))).toBe(true);
      const article = await database.db
        .selectFrom('articles')
        .select(['body_html', 'body_source'])
        .where('slug', '=', 'onderhandelen-met-inkopers')
        .executeTakeFirstOrThrow();
      expect(article.body_html).toContain(`<img src="${url}"`);
      expect(article.body_html).not.toContain('oud.voorbeeld.nl/wp-content');
      expect(article.body_source).toContain(url);

      const again = await importWordpress(database.db, createReadStream(fixture));
      await importUploads(database.db, again, uploads, dir);
      expect(again.imagesImported).toBe(0);
      expect(await database.db.selectFrom('media').selectAll().execute()).toHaveLength(1);
    });

    it('lists an image missing from the uploads folder as skipped', async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'podium-uploads-'));
      database = await backend.open();
      const summary = await importWordpress(database.db, createReadStream(fixture));
      await importUploads(database.db, summary, path.join(dir, 'leeg'), dir);
      expect(summary.imagesImported).toBe(0);
      expect(summary.skipped).toContainEqual({
        kind: 'image',
        id: 'https://oud.voorbeeld.nl/wp-content/uploads/2019/05/inkoper.png',
        reason: 'image_missing',
      });
    });
  });
}
