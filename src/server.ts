// Builds the HTTP server around the app plugin: logger, proxy trust, limits.
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import fp from 'fastify-plugin';
import { type AppOptions, app } from './app.js';

export async function buildServer(
  options: AppOptions & { logger?: boolean },
): Promise<FastifyInstance> {
  const { config } = options;
  const server = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Readers' addresses and cookies stay out of the logs (AVG/GDPR).
            redact: [
              'req.headers.cookie',
              'req.headers.authorization',
              'req.remoteAddress',
              'res.headers["set-cookie"]',
            ],
            serializers: {
              req: (req) => ({ method: req.method, url: req.url }),
            },
          },
    // Only when a proxy is in front is X-Forwarded-For believed; otherwise a forged header
    // could dodge every per-address limit.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 6 * 1024 * 1024,
    // One log line per request costs more than serving a cached page; debug turns it on.
    logController: new LogController({
      disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace',
    }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    return503OnClosing: true,
  });
  // Not encapsulated: the server (and tests) see what the app decorates (db, jobs, cache…).
  await server.register(fp(app), options);
  return server;
}
