import type { FastifyRequest } from 'fastify';
import type { Database } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Authenticate } from '../app/permissionGuard.js';
import { resolveToken } from '../tokens/tokenService.js';
import { loadUserActor } from '../users/userService.js';
import type { StratumAuth } from './createAuth.js';

/**
 * Who is calling: `Authorization: Bearer <api token>` or better-auth's session cookie. The actor is
 * built from the users table on every request, so a role change or deactivation applies at once.
 */
export function createAuthenticator(auth: StratumAuth, database: Database): Authenticate {
  return async (request: FastifyRequest): Promise<Actor | null> => {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      const userId = match?.[1] ? await resolveToken(database.db, match[1]) : null;
      return userId ? loadUserActor(database.db, userId, 'token') : null;
    }
    if (!request.headers.cookie) return null;
    const headers = new Headers();
    headers.set('cookie', request.headers.cookie);
    const session = await auth.api.getSession({ headers });
    return session ? loadUserActor(database.db, session.user.id, 'user') : null;
  };
}
