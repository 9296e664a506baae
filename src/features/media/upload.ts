// Reading one uploaded image from a multipart form. The CSRF token travels in the same
// body, so the route is marked csrf: 'manual' and the token is checked here, before any
// byte of the file is processed or stored.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { verifyCsrf } from '../../infra/route-token.js';
import { AppError, ValidationError } from '../../lib/errors.js';
import { MAX_UPLOAD_BYTES } from './image-processing.js';

/** Adds the multipart parser to this (encapsulated) plugin, unless a parent already did. */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  if (app.hasContentTypeParser('multipart/form-data')) return;
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
  });
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: string })?.code;
}

/** Returns the bytes of file field `field`; refuses a missing CSRF token or an oversize file. */
export async function readImageUpload(request: FastifyRequest, field: string): Promise<Buffer> {
  if (!request.isMultipart()) {
    // A urlencoded post still carries its token in the parsed body.
    verifyCsrf(request, (request.body as Record<string, unknown> | undefined)?.['csrf_token']);
    throw new ValidationError({ [field]: 'upload_missing' });
  }
  let token: unknown;
  let data: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === field && data === undefined) data = bytes;
      } else if (part.fieldname === 'csrf_token') {
        token = part.value;
      }
    }
  } catch (error) {
    const code = codeOf(error);
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payload_too_large', 'upload_too_large');
    if (code?.startsWith('FST_')) throw new AppError('bad_request');
    throw error;
  }
  verifyCsrf(request, token);
  if (!data || data.length === 0) throw new ValidationError({ [field]: 'upload_missing' });
  return data;
}
