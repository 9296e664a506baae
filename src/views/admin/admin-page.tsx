// Sends a back-office (or login) page: personal, never cached, with a fresh public form
// token for the anonymous forms (login, reset) that have no session yet.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { createFormToken } from '../../infra/form-token.js';
import { renderDocument } from '../render.js';
import { siteContext } from '../site.js';

export function sendAdminPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: VNode,
  status = 200,
): FastifyReply {
  const site = {
    ...siteContext(request),
    formToken: createFormToken(request.server.config.secret),
  };
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'private, no-store')
    .send(renderDocument(site, page));
}
