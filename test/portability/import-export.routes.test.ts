import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, formHeaders, type TestApp } from '../helpers/app.js';
import { backends } from '../helpers/backends.js';
import { loginAs } from '../helpers/login.js';
import { fixture } from './seed-site.js';

const BOUNDARY = '----podiumtestboundary';

function multipartBody(
  parts: { name: string; value: string | Buffer; filename?: string }[],
): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.filename
      ? `form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: text/xml`
      : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

const uploadHeaders = {
  ...formHeaders,
  'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
};

for (const backend of backends) {
  describe(`/beheer/import-export on ${backend.name}`, { timeout: 300_000 }, () => {
    let t: TestApp | undefined;
    let dataDir = '';
    afterEach(async () => {
      await t?.close();
      t = undefined;
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    async function start() {
      dataDir = mkdtempSync(path.join(tmpdir(), 'podium-import-page-'));
      t = await buildTestApp(backend, { DATA_DIR: dataDir });
      return t;
    }

    it('is for admins only, and offers the export as a download', async () => {
      const app = await start();
      const anonymous = await app.app.inject('/beheer/import-export');
      expect(anonymous.statusCode).toBe(303);
      const editor = await loginAs(app, 'editor');
      expect(
        (await app.app.inject({ url: '/beheer/import-export', headers: { cookie: editor.cookie } }))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await app.app.inject({
            url: '/beheer/import-export/export.json',
            headers: { cookie: editor.cookie },
          })
        ).statusCode,
      ).toBe(403);
      const admin = await loginAs(app, 'admin');
      const page = await app.app.inject({
        url: '/beheer/import-export',
        headers: { cookie: admin.cookie },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('enctype="multipart/form-data"');
      expect(page.body).toContain('WordPress-export inlezen');
      const download = await app.app.inject({
        url: '/beheer/import-export/export.json',
        headers: { cookie: admin.cookie },
      });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toMatch(
        /^attachment; filename="podium-export-/,
      );
      const doc = download.json() as {
        format: string;
        tables: { users: { email: string; password_hash: null }[] };
      };
      expect(doc.format).toBe('podium-export');
      expect(doc.tables.users.map((u) => u.password_hash)).toEqual([null, null]);
    });

    it('imports an uploaded WXR file as a job and shows the summary', async () => {
      const app = await start();
      const admin = await loginAs(app, 'admin');
      // A reader's home page, stored before the import, must show the imported articles after it.
      const before = await app.app.inject('/');
      expect(before.statusCode).toBe(200);
      expect((await app.app.inject('/')).headers.etag).toBe(before.headers.etag);
      const res = await app.app.inject({
        method: 'POST',
        url: '/beheer/import-export/wordpress',
        headers: { ...uploadHeaders, cookie: admin.cookie },
        payload: multipartBody([
          { name: 'csrf_token', value: admin.csrfToken },
          { name: 'pages', value: '1' },
          { name: 'wxr', value: readFileSync(fixture), filename: 'oude-site.xml' },
        ]),
      });
      expect(res.statusCode).toBe(303);
      const runUrl = res.headers.location as string;
      expect(runUrl).toMatch(/^\/beheer\/import-export\/runs\/\d+$/);
      const queued = await app.app.inject({ url: runUrl, headers: { cookie: admin.cookie } });
      expect(queued.statusCode).toBe(200);
      expect(queued.headers.refresh).toBe('2');
      expect(queued.body).toContain('in de wachtrij');
      await app.app.jobs.drain();
      const done = await app.app.inject({ url: runUrl, headers: { cookie: admin.cookie } });
      expect(done.headers.refresh).toBeUndefined();
      expect(done.body).toContain('klaar');
      expect(done.body).toContain('Artikelen: 5 nieuw, 0 al aanwezig');
      expect(done.body).toContain("Pagina's: 1 nieuw");
      const after = await app.app.inject('/');
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const imported = await app.database.db
        .selectFrom('articles')
        .select('title')
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      expect(after.body).toContain(imported.title);
      const articles = await app.database.db.selectFrom('articles').select('id').execute();
      expect(articles).toHaveLength(6);
      const list = await app.app.inject({
        url: '/beheer/import-export',
        headers: { cookie: admin.cookie },
      });
      expect(list.body).toContain('oude-site.xml');
    });

    it('refuses an upload without the session token, without a file, and marks a hostile file failed', async () => {
      const app = await start();
      const admin = await loginAs(app, 'admin');
      const noToken = await app.app.inject({
        method: 'POST',
        url: '/beheer/import-export/wordpress',
        headers: { ...uploadHeaders, cookie: admin.cookie },
        payload: multipartBody([{ name: 'wxr', value: readFileSync(fixture), filename: 'x.xml' }]),
      });
      expect(noToken.statusCode).toBe(403);
      const noFile = await app.app.inject({
        method: 'POST',
        url: '/beheer/import-export/wordpress',
        headers: { ...uploadHeaders, cookie: admin.cookie },
        payload: multipartBody([{ name: 'csrf_token', value: admin.csrfToken }]),
      });
      expect(noFile.statusCode).toBe(422);
      expect(noFile.body).toContain('Kies een WXR-bestand.');
      expect(await app.database.db.selectFrom('import_runs').selectAll().execute()).toHaveLength(0);

      const hostile = await app.app.inject({
        method: 'POST',
        url: '/beheer/import-export/wordpress',
        headers: { ...uploadHeaders, cookie: admin.cookie },
        payload: multipartBody([
          { name: 'csrf_token', value: admin.csrfToken },
          {
            name: 'wxr',
            value:
              '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>',
            filename: 'kwaad.xml',
          },
        ]),
      });
      expect(hostile.statusCode).toBe(303);
      await app.app.jobs.drain();
      const run = await app.app.inject({
        url: hostile.headers.location as string,
        headers: { cookie: admin.cookie },
      });
      expect(run.body).toContain('mislukt');
      expect(run.body).toContain('DOCTYPE met entiteiten');
      expect(await app.database.db.selectFrom('articles').selectAll().execute()).toHaveLength(0);
      expect(await app.database.db.selectFrom('import_map').selectAll().execute()).toHaveLength(0);
    });
  });
}
