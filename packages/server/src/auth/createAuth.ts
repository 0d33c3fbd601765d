import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { accounts, sessions, users, verifications, type Database } from '@stratum/db';
import type { Config } from '../config/config.js';
import { isUserActive } from '../users/userService.js';

/**
 * better-auth on our own tables (users, sessions, accounts, verifications) through its Drizzle adapter:
 * email + password sessions, no public sign-up (admins create users), and no session for an inactive user.
 */
export function createAuth(options: { config: Config; database: Database; secret: string }) {
  const { config, database, secret } = options;
  return betterAuth({
    appName: 'Stratum',
    secret,
    baseURL:
      config.baseUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
    basePath: '/api/auth',
    database: drizzleAdapter(database.db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, required: false },
        teamId: { type: 'number', input: false, required: false },
        locale: { type: 'string', input: false, required: false },
        active: { type: 'boolean', input: false, required: false },
      },
      changeEmail: { enabled: false },
      deleteUser: { enabled: false },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            if (!(await isUserActive(database.db, session.userId))) {
              throw new APIError('FORBIDDEN', {
                code: 'USER_INACTIVE',
                message: 'This account is deactivated',
              });
            }
          },
        },
      },
    },
    // The server is reached on whatever host the operator gives it; browsers still send Origin for CSRF checks.
    trustedOrigins: (request) => (request?.headers.get('origin') ? [originOf(request)] : []),
    telemetry: { enabled: false },
    logger: { disabled: config.logLevel === 'silent' },
  });
}

export type StratumAuth = ReturnType<typeof createAuth>;

/** Same-origin requests are trusted: the origin the browser was served from is the Host it called. */
function originOf(request: Request): string {
  const url = new URL(request.url);
  return url.origin;
}
