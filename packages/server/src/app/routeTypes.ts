import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Permission } from '../access/permissions.js';
import type { Config } from '../config/config.js';
import type { StratumAuth } from '../auth/createAuth.js';
import type { RouteEntry } from './permissionGuard.js';
import type { Jobs } from '../jobs/startJobs.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs ('public' for none). A route without one fails start-up (see permissionGuard). */
    permission?: Permission;
  }
  interface FastifyInstance {
    /** Every registered route with its permission, in registration order (walked by the authorisation tests). */
    readonly routeTable: readonly RouteEntry[];
  }
  interface FastifyRequest {
    /** Who is calling; set by the permission guard before validation, null only on public routes. */
    actor: Actor | null;
  }
}

/** The Fastify instance every feature registers its routes on: zod schemas typed end to end. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What a feature gets when it registers: shared resources, never another feature's tables. */
export interface FeatureContext {
  readonly config: Config;
  readonly database: Database;
  readonly auth: StratumAuth;
  /** The background queue: long work (imports, grading runs, backtests) is enqueued, never run in a request. */
  readonly jobs: Pick<Jobs, 'enqueue'>;
}

/**
 * One feature's HTTP surface. Its routes are registered under `prefix` (default `/api/v1`), each declaring
 * `config: { permission }`. Add a feature by adding it to FEATURES (app/features.ts).
 */
export interface Feature {
  readonly name: string;
  readonly prefix?: string;
  register(app: App, context: FeatureContext): void | Promise<void>;
}
