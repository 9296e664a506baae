// Builds the HTTP server around the app plugin: logger, proxy trust, limits.
import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import fp from 'fastify-plugin';
import { type AppOptions, app } from './app.js';
import { FrontDoor } from './infra/cache/front-door.js';
import { securityHeaders } from './infra/security.js';

// Podium checks input with zod and declares no JSON schemas on its routes, so Fastify's
// schema compilers (ajv and fast-json-stringify: some 500 KB of code, a few MB of memory)
// are loaded when a route first declares a schema rather than at start. They are resolved
// from Fastify's own dependencies, as Fastify itself does. One difference: Fastify treats
// factories given here as custom, so a `headers` schema reaches ajv with its keys as
// written (lower-case them yourself).
type Compilers = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type ValidatorFactory = NonNullable<Compilers['buildValidator']>;
type SerializerFactory = NonNullable<Compilers['buildSerializer']>;
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'));
let validatorFactory: ValidatorFactory | undefined;
let serializerFactory: SerializerFactory | undefined;
const schemaCompilers: Compilers = {
  buildValidator(externalSchemas, options) {
    validatorFactory ??= (fastifyRequire('@fastify/ajv-compiler') as () => ValidatorFactory)();
    return validatorFactory(externalSchemas, options);
  },
  buildSerializer(externalSchemas, options) {
    serializerFactory ??= (
      fastifyRequire('@fastify/fast-json-stringify-compiler') as () => SerializerFactory
    )();
    return serializerFactory(externalSchemas, options);
  },
};

export async function buildServer(
  options: AppOptions & { logger?: boolean },
): Promise<FastifyInstance> {
  const { config } = options;
  // Cached pages for cookieless readers are answered before Fastify (infra/cache/front-door.ts).
  const frontDoor = new FrontDoor(securityHeaders(config.secure));
  const server = Fastify({
    serverFactory: frontDoor.serverFactory,
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
    schemaController: { compilersFactory: schemaCompilers },
  });
  frontDoor.attach(server);
  // Not encapsulated: the server (and tests) see what the app decorates (db, jobs, cache…).
  await server.register(fp(app), options);
  return server;
}
