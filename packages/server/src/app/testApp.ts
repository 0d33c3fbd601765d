import type { LightMyRequestResponse } from 'fastify';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { loadConfig } from '../config/config.js';
import { createToken } from '../tokens/tokenService.js';
import { createUser, loadUserActor } from '../users/userService.js';
import { createTeam } from '../teams/teamService.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { startJobs, type Jobs } from '../jobs/startJobs.js';
import { buildApp } from './buildApp.js';
import type { App, Feature } from './routeTypes.js';

/**
 * Test fixture: a fresh database, the app on it, and one signed-in session per kind of caller, for
 * `app.inject`. Only tests import this (it needs the db test project's provided database).
 */
export type Caller =
  'admin' | 'director' | 'manager' | 'otherManager' | 'lead' | 'analyst' | 'managerToken' | 'anonymous';

export interface TestApp {
  app: App;
  database: Awaited<ReturnType<typeof createTestDatabase>>;
  users: Record<
    Exclude<Caller, 'managerToken' | 'anonymous'>,
    { id: string; email: string; password: string }
  >;
  headers: Record<Caller, Record<string, string>>;
  request(
    caller: Caller,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** The app's queue: tests that need work done register a worker on it. */
  jobs: Jobs;
  close(): Promise<void>;
}

export const TEST_PASSWORD = 'correct horse battery staple';

export async function createTestApp(options: { features?: readonly Feature[] } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ STRATUM_LOG_LEVEL: 'silent' }, { authSecret: 'x'.repeat(40), dataDir: '/tmp' });
  // A real queue (enqueue only: no worker runs here), so routes that start background work answer as in production.
  const jobs = await startJobs(database, { pollingIntervalSeconds: 1 });
  const app = await buildApp({
    config,
    database,
    jobs,
    ...(options.features ? { features: options.features } : {}),
  });
  await app.ready();
  const { db } = database;
  const make = async (email: string, role: 'admin' | 'director' | 'account_manager' | 'analyst') => {
    const { user } = await createUser(db, SYSTEM_ACTOR, {
      email,
      role,
      password: TEST_PASSWORD,
      name: email,
    });
    return { id: user.id, email, password: TEST_PASSWORD };
  };
  const users = {
    admin: await make('admin@test.local', 'admin'),
    director: await make('director@test.local', 'director'),
    manager: await make('manager@test.local', 'account_manager'),
    otherManager: await make('other@test.local', 'account_manager'),
    lead: await make('lead@test.local', 'account_manager'),
    analyst: await make('analyst@test.local', 'analyst'),
  };
  // The lead's team holds the manager, not the other manager.
  await createTeam(db, SYSTEM_ACTOR, { name: 'East', leadId: users.lead.id, memberIds: [users.manager.id] });

  const signIn = async (email: string): Promise<Record<string, string>> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email, password: TEST_PASSWORD },
    });
    if (response.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${response.body}`);
    const cookie = response.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    return { cookie };
  };
  const managerActor = await loadUserActor(db, users.manager.id, 'user');
  if (!managerActor) throw new Error('manager actor missing');
  const { secret } = await createToken(db, managerActor, { name: 'integration' });
  const headers: Record<Caller, Record<string, string>> = {
    admin: await signIn(users.admin.email),
    director: await signIn(users.director.email),
    manager: await signIn(users.manager.email),
    otherManager: await signIn(users.otherManager.email),
    lead: await signIn(users.lead.email),
    analyst: await signIn(users.analyst.email),
    managerToken: { authorization: `Bearer ${secret}` },
    anonymous: {},
  };
  return {
    app,
    database,
    jobs,
    users,
    headers,
    request: (caller, method, url, body) =>
      app.inject({
        method,
        url,
        headers: headers[caller],
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    async close() {
      await app.close();
      await jobs.stop(5);
      await database.close();
    },
  };
}
