// /beheer/import-export (admins): download the whole site as a Podium export, upload a
// WordPress export (streamed to a temporary file, at most 200 MB) that a job imports,
// and follow the run on a page that refreshes itself (Refresh header, no script).

import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash, takeFlash } from '../../infra/flash.js';
import { verifyCsrf } from '../../infra/route-token.js';
import { AppError } from '../../lib/errors.js';
import { idParams, parseInput } from '../../lib/parse.js';
import { sendAdminPage } from '../../views/admin/admin-page.js';
import { catalogs } from '../../views/messages/index.js';
import { requireRole, viewerOf } from '../accounts/access.js';
import { ADMIN_ROLES } from '../accounts/policy.js';
import { IMPORT_EXPORT_PATH, ImportExportPage, ImportRunPage } from './import-export.views.js';
import { importRun, recentImportRuns, startWordpressImport } from './import-runs.service.js';
import { summaryLines } from './import-summary.js';
import { exportSite } from './podium-export.service.js';
import { runProgress, wordpressImportJob } from './wordpress-import.job.js';
import type { WordpressImportSummary } from './wordpress-import.service.js';

export const MAX_WXR_BYTES = 200 * 1024 * 1024;

interface Upload {
  token: unknown;
  file?: string;
  name?: string;
  pages: boolean;
  tooLarge: boolean;
}

/** Streams the upload to a temporary file; the CSRF field must come before the file. */
async function receiveUpload(request: FastifyRequest, dir: string): Promise<Upload> {
  const upload: Upload = { token: undefined, pages: false, tooLarge: false };
  for await (const part of request.parts()) {
    if (part.type === 'field') {
      if (part.fieldname === 'csrf_token') upload.token = part.value;
      if (part.fieldname === 'pages') upload.pages = part.value === '1';
      continue;
    }
    if (part.fieldname !== 'wxr' || upload.file || !part.filename) {
      part.file.resume();
      continue;
    }
    // No byte is stored for a request without the session's token.
    verifyCsrf(request, upload.token);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `wxr-${randomBytes(8).toString('hex')}.xml`);
    await pipeline(part.file, createWriteStream(file));
    if (part.file.truncated) {
      await rm(file, { force: true });
      upload.tooLarge = true;
      continue;
    }
    upload.file = file;
    upload.name = path.basename(part.filename).slice(0, 120);
  }
  verifyCsrf(request, upload.token);
  return upload;
}

export async function importExportRoutes(app: FastifyInstance) {
  const admins = { preHandler: requireRole(...ADMIN_ROLES) };
  const words = () => catalogs[app.config.locale].portability;
  const uploadDir = path.join(app.config.dataDir, 'imports');
  app.jobs.register(wordpressImportJob(app.db, app.config.locale));
  await app.register(multipart, {
    limits: { fileSize: MAX_WXR_BYTES, files: 1, fields: 5, fieldSize: 4096, parts: 8 },
  });

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    error?: string,
    status = 200,
  ) =>
    sendAdminPage(
      request,
      reply,
      <ImportExportPage
        runs={await recentImportRuns(app.db)}
        flash={takeFlash(request, reply)}
        error={error}
      />,
      status,
    );

  app.get(IMPORT_EXPORT_PATH, admins, async (request, reply) => listPage(request, reply));

  app.get(`${IMPORT_EXPORT_PATH}/export.json`, admins, async (_request, reply) => {
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="podium-export-${day}.json"`)
      .header('cache-control', 'private, no-store')
      .send(Readable.from(exportSite(app.db)));
  });

  app.post(
    `${IMPORT_EXPORT_PATH}/wordpress`,
    { ...admins, config: { token: 'csrf' as const, csrf: 'manual' as const } },
    async (request, reply) => {
      if (!request.isMultipart()) {
        verifyCsrf(request, (request.body as Record<string, unknown> | undefined)?.csrf_token);
        return listPage(request, reply, words().page.noFile, 422);
      }
      let upload: Upload;
      try {
        upload = await receiveUpload(request, uploadDir);
      } catch (error) {
        if (error instanceof AppError) throw error;
        if ((error as { code?: string }).code?.startsWith('FST_'))
          throw new AppError('bad_request');
        throw error;
      }
      if (upload.tooLarge) return listPage(request, reply, words().page.tooLarge, 413);
      if (!upload.file || !upload.name) return listPage(request, reply, words().page.noFile, 422);
      const runId = await startWordpressImport(
        app.db,
        { name: upload.name, file: upload.file, pages: upload.pages },
        viewerOf(request).id,
      );
      setFlash(reply, { kind: 'success', message: words().page.started });
      return reply.redirect(`${IMPORT_EXPORT_PATH}/runs/${runId}`, 303);
    },
  );

  app.get(`${IMPORT_EXPORT_PATH}/runs/:id`, admins, async (request, reply) => {
    const { id } = parseInput(idParams, request.params, 'not_found');
    const run = await importRun(app.db, id);
    takeFlash(request, reply);
    const lines = run.summary
      ? summaryLines(JSON.parse(run.summary) as WordpressImportSummary, words())
      : [];
    if (run.state === 'queued' || run.state === 'running') reply.header('refresh', '2');
    return sendAdminPage(
      request,
      reply,
      <ImportRunPage run={run} progress={runProgress.get(run.id)} lines={lines} />,
    );
  });
}
