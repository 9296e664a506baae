// Builds the SiteContext for a request: locale and words from the config, the viewer and
// CSRF token from the back-office session (when the sessions plugin found one).
import type { FastifyRequest } from 'fastify';
import { FORM_TOKEN_PLACEHOLDER } from '../infra/form-token.js';
import { formattersFor } from './format.js';
import { catalogs } from './messages/index.js';
import type { KeptSiteContext, SiteContextValue, Viewer } from './site-context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in back-office user, set by the sessions plugin. */
    viewer?: Viewer;
    /** The session's CSRF token, set by the sessions plugin. */
    csrfToken?: string;
  }
}

/** What of the request kept pieces may use (see KeptSiteContext). */
export function keptSiteContext(request: FastifyRequest): KeptSiteContext {
  const { config } = request.server;
  return {
    locale: config.locale,
    t: catalogs[config.locale],
    fmt: formattersFor(config.locale),
    siteName: config.siteName,
    siteUrl: config.siteUrl,
    devMailbox: !config.smtpUrl,
    staffNav: request.viewer !== undefined,
  };
}

export function siteContext(request: FastifyRequest): SiteContextValue {
  return {
    ...keptSiteContext(request),
    path: request.url.split('?')[0] ?? '/',
    // Filled in per response by the page cache, so cached pages get fresh tokens.
    formToken: FORM_TOKEN_PLACEHOLDER,
    viewer: request.viewer,
    csrfToken: request.csrfToken,
  };
}
