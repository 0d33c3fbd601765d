import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import { can, PERMISSIONS, type Permission } from '../access/permissions.js';
import { commonError } from '../errors/appError.js';
import type { App } from './routeTypes.js';

/** Routes registered by @fastify/swagger-ui: the API description is public, like the sign-in page. */
export const DOCS_PREFIX = '/api/docs';

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly permission: Permission;
}

export type Authenticate = (request: FastifyRequest) => Promise<Actor | null>;

/**
 * Every route must declare `config.permission`; one that does not makes start-up fail, so no route can
 * be forgotten. Each request to a non-public route is authenticated (401 when nobody) and its role checked
 * (403) before the body is even validated; handlers then read `request.actor`.
 * Returns the table of registered routes (method, url, permission), which the authorisation tests walk.
 */
export function installPermissionGuard(app: App, authenticate: Authenticate): RouteEntry[] {
  const routes: RouteEntry[] = [];
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    let permission = route.config?.permission;
    if (permission === undefined && route.url.startsWith(DOCS_PREFIX)) {
      permission = 'public';
      route.config = { ...route.config, permission };
    }
    if (permission === undefined || !(PERMISSIONS as readonly string[]).includes(permission)) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} declares no valid permission: add config: { permission: '…' }`,
      );
    }
    for (const method of methods) routes.push({ method, url: route.url, permission });
  });
  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission;
    // No permission only on the not-found handler, which answers 404 by itself.
    if (permission === undefined || permission === 'public') return;
    const actor = await authenticate(request);
    if (!actor) throw commonError('UNAUTHENTICATED', 'Sign in or send a valid API token');
    if (!can(actor.role, permission)) {
      throw commonError('FORBIDDEN', `Your role (${actor.role}) may not do this (needs ${permission})`);
    }
    request.actor = actor;
  });
  return routes;
}

/** The caller of an authenticated route (the guard guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw commonError('UNAUTHENTICATED', 'Sign in or send a valid API token');
  return request.actor;
}
