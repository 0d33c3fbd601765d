import Fastify, { type FastifyBaseLogger } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '@stratum/db';
import type { Config } from '../config/config.js';
import { createAuth } from '../auth/createAuth.js';
import { resolveAuthSecret } from '../auth/authSecret.js';
import { createAuthenticator } from '../auth/authenticate.js';
import { STRATUM_VERSION } from '../health/healthRoutes.js';
import { errorHandler, notFoundHandler } from './errorHandler.js';
import { FEATURES } from './features.js';
import type { Jobs } from '../jobs/startJobs.js';
import { AppError } from '../errors/appError.js';
import { DOCS_PREFIX, installPermissionGuard } from './permissionGuard.js';
import type { App, Feature } from './routeTypes.js';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** A pino logger to use; by default one at config.logLevel. */
  logger?: FastifyBaseLogger;
  /** The features to mount (default: all, see features.ts); tests pass their own. */
  features?: readonly Feature[];
  /** The job queue routes enqueue work on; without one, such routes answer 503 JOBS_UNAVAILABLE. */
  jobs?: Pick<Jobs, 'enqueue'>;
}

/** JSON request bodies larger than this are refused with 413; file uploads have their own limit. */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Builds the HTTP app (not listening): `stratum serve` calls listen on it, tests call `inject`.
 * Every route is registered by a feature in FEATURES and declares its permission.
 */
const NO_JOBS: Pick<Jobs, 'enqueue'> = {
  enqueue: () =>
    Promise.reject(new AppError('JOBS_UNAVAILABLE', 503, 'Background jobs are not running in this process')),
};

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, database } = options;
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger }
      : {
          logger: {
            level: config.logLevel,
            // Never log secrets: credentials travel in these headers and bodies are not logged at all.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          },
        }),
    bodyLimit: JSON_BODY_LIMIT,
    exposeHeadRoutes: false,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // The API speaks JSON; any other body type is refused with 415 (uploads register their own parser).
  app.removeContentTypeParser('text/plain');

  const secret = await resolveAuthSecret(config, database.db);
  const auth = createAuth({ config, database, secret });
  const routes = installPermissionGuard(app, createAuthenticator(auth, database));
  app.decorate('routeTable', routes);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Stratum API',
        description:
          'Strategic customer tiering and key-account management (战略客户分级管理). Sign in through ' +
          '/api/auth/sign-in/email (session cookie) or send `Authorization: Bearer <api token>`.',
        version: STRATUM_VERSION,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });

  const context = { config, database, auth, jobs: options.jobs ?? NO_JOBS };
  for (const feature of options.features ?? FEATURES) {
    await app.register(
      async (scope) => {
        await feature.register(scope.withTypeProvider<ZodTypeProvider>(), context);
      },
      { prefix: feature.prefix ?? '/api/v1' },
    );
  }
  return app;
}
