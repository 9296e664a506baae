// The app as a Fastify plugin: infrastructure, then features, then error and 404 handlers.
import cookie from '@fastify/cookie';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/connect.js';
import { DatabaseRefusal, databaseRefusalOf } from './db/errors.js';
import { accountsRoutes } from './features/accounts/accounts.routes.js';
import { sessionsPlugin } from './features/accounts/sessions.plugin.js';
import { profilesRoutes } from './features/authors/profiles.routes.js';
import { backofficeRoutes } from './features/backoffice/backoffice.routes.js';
import { commentRoutes } from './features/comments/comments.routes.js';
import { commentPrivacyRoutes } from './features/comments/comments-privacy.routes.js';
import { commentMailJobs } from './features/comments/followers/followers.jobs.js';
import { followerRoutes } from './features/comments/followers/followers.routes.js';
import { moderationRoutes } from './features/comments/moderation/moderation.routes.js';
import { editorRoutes } from './features/editor/editor.routes.js';
import { feedsRoutes } from './features/feeds/feeds.routes.js';
import { gradesRoutes } from './features/grades/grades.routes.js';
import { gradesAdminRoutes } from './features/grades/grades-admin.routes.js';
import { healthRoutes } from './features/health/health.routes.js';
import { publicSiteRoutes } from './features/home/public-site.routes.js';
import { registerHousekeeping } from './features/housekeeping/housekeeping.tasks.js';
import { mediaRoutes } from './features/media/media.routes.js';
import { newsletterRoutes } from './features/newsletters/newsletters.routes.js';
import { importExportRoutes } from './features/portability/import-export.routes.js';
import { legacyRedirectRoutes } from './features/portability/legacy-redirects.routes.js';
import { searchRoutes } from './features/search/search.routes.js';
import { topicsAdminRoutes } from './features/topics/topics-admin.routes.js';
import { startCacheBus } from './infra/cache/bus.js';
import { PageCache, registerPageCacheHooks } from './infra/cache/page-cache.js';
import { dbPlugin } from './infra/db.js';
import { registerFormBody } from './infra/form-body.js';
import { createMailer, type Mailer } from './infra/mailer.js';
import { routeTokenPlugin } from './infra/route-token.js';
import { securityPlugin } from './infra/security.js';
import { registerStaticAssets } from './infra/static-assets.js';
import { changesOf } from './infra/writes.js';
import { JobRunner } from './jobs/runner.js';
import { sendMailJob } from './jobs/send-mail.job.js';
import { AppError, ValidationError } from './lib/errors.js';
import { publicDir } from './views/assets.js';
import { ErrorPage, NotFoundPage } from './views/error-page.js';
import { catalogs } from './views/messages/index.js';
import { hasMessage } from './views/messages/keys.js';
import { renderDocument } from './views/render.js';
import { siteContext } from './views/site.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    pageCache: PageCache;
    mailer: Mailer;
    jobs: JobRunner;
  }
}

export interface AppOptions {
  config: Config;
  /** An open database (tests pass one per backend); otherwise the config's URL is opened. */
  database?: DatabaseHandle;
  /** Bring the schema up to date at start (default true; tests open migrated databases). */
  migrate?: boolean;
  /** Start the job runner inside this process (default true; tests drain by hand). */
  runJobs?: boolean;
}

const FORM_BODY_LIMIT = 256 * 1024;

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

/** Maps Fastify's own client errors (bad body, too large …) and database refusals to codes. */
function toAppError(error: FastifyError): AppError | undefined {
  if (error instanceof AppError) return error;
  const refusal = databaseRefusalOf(error);
  if (refusal) return refusal;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('payload_too_large');
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return new AppError('bad_request', 'unsupported_media_type');
  if (
    error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'
  )
    return new AppError('bad_request', 'invalid_json');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new AppError('bad_request');
  return undefined;
}

export async function app(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  const { config } = options;
  fastify.decorate('config', config);
  fastify.decorate('pageCache', new PageCache(config.pageCache, config.secret));
  registerPageCacheHooks(fastify);

  await fastify.register(cookie, { secret: config.secret, hook: 'onRequest' });
  registerFormBody(fastify, FORM_BODY_LIMIT);
  await fastify.register(dbPlugin, { handle: options.database, migrate: options.migrate });
  // Every committed write drops what it touched (infra/writes.ts).
  fastify.pageCache.follow(changesOf(fastify.db));
  await fastify.register(securityPlugin);
  await fastify.register(sessionsPlugin);
  await fastify.register(routeTokenPlugin);
  // Files under public/: served from memory, compressed once (infra/static-assets.ts).
  registerStaticAssets(fastify, publicDir);

  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, db: fastify.db });
  fastify.decorate('mailer', mailer);
  const jobs = new JobRunner(fastify.database, fastify.log);
  jobs.register(sendMailJob(mailer));
  for (const handler of commentMailJobs(fastify)) jobs.register(handler);
  registerHousekeeping(jobs, fastify.database, fastify.log);
  fastify.decorate('jobs', jobs);

  await startCacheBus(fastify);

  // Set before the features are registered: a plugin keeps the error handler its parent
  // had when it was registered, so a handler set afterwards would never reach their routes.
  fastify.setErrorHandler(
    async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const appError = toAppError(error);
      const t = catalogs[config.locale].common.errors;
      if (!appError) {
        request.log.error({ err: error }, 'request failed');
        if (wantsJson(request)) return reply.status(500).send({ error: 'server_error' });
        return reply
          .status(500)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(renderDocument(siteContext(request), <ErrorPage status={500} />));
      }
      if (appError instanceof DatabaseRefusal)
        request.log.warn({ err: appError.driverError }, 'database refused a write');
      const message = hasMessage(t, appError.messageKey) ? t[appError.messageKey] : t.bad_request;
      if (appError.status === 404 && !wantsJson(request)) {
        return reply
          .status(404)
          .type('text/html; charset=utf-8')
          .send(renderDocument(siteContext(request), <NotFoundPage />));
      }
      if (wantsJson(request)) {
        return reply.status(appError.status).send({
          error: appError.code,
          message,
          ...(appError instanceof ValidationError ? { fields: appError.fields } : {}),
        });
      }
      return reply
        .status(appError.status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          renderDocument(
            siteContext(request),
            <ErrorPage status={appError.status} message={message} />,
          ),
        );
    },
  );

  // Features.
  await fastify.register(healthRoutes);
  await fastify.register(publicSiteRoutes);
  await fastify.register(searchRoutes);
  await fastify.register(gradesRoutes);
  await fastify.register(gradesAdminRoutes);
  await fastify.register(commentRoutes);
  await fastify.register(commentPrivacyRoutes);
  await fastify.register(followerRoutes);
  await fastify.register(moderationRoutes);
  await fastify.register(feedsRoutes);
  await fastify.register(legacyRedirectRoutes);
  await fastify.register(importExportRoutes);
  await fastify.register(accountsRoutes);
  await fastify.register(backofficeRoutes);
  await fastify.register(editorRoutes);
  await fastify.register(mediaRoutes);
  await fastify.register(profilesRoutes);
  await fastify.register(topicsAdminRoutes);
  await fastify.register(newsletterRoutes);

  fastify.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) return reply.status(404).send({ error: 'not_found' });
    return reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(renderDocument(siteContext(request), <NotFoundPage />));
  });

  if (options.runJobs !== false) {
    fastify.addHook('onReady', async () => jobs.start());
  }
  fastify.addHook('onClose', async () => {
    await jobs.stop();
    mailer.close();
  });
}
