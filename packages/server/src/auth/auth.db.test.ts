import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens, settings } from '@stratum/db';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { buildApp } from '../app/buildApp.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../app/testApp.js';
import { loadConfig } from '../config/config.js';
import { createToken } from '../tokens/tokenService.js';
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL, loadUserActor } from '../users/userService.js';
import { resolveAuthSecret } from './authSecret.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

async function signIn(email: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/sign-in/email', payload: { email, password } });
}
const cookieOf = (r: Awaited<ReturnType<typeof signIn>>) =>
  r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

describe('sessions', () => {
  it('signs in, reads the session, signs out', async () => {
    const r = await signIn('ANALYST@test.local', TEST_PASSWORD);
    expect(r.statusCode).toBe(200);
    const cookie = cookieOf(r);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ email: 'analyst@test.local', role: 'analyst', isTeamLead: false });
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie, origin: 'http://localhost:80' },
      payload: {},
    });
    expect(out.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/users/me', headers: { cookie } })).statusCode,
    ).toBe(401);
  });

  it('refuses a wrong password and public sign-up', async () => {
    expect((await signIn('admin@test.local', 'not the password')).statusCode).toBe(401);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up/email',
      payload: { email: 'stranger@example.com', password: 'abcdefgh1234', name: 'S' },
    });
    expect(up.statusCode).toBeGreaterThanOrEqual(400);
    expect((await signIn('stranger@example.com', 'abcdefgh1234')).statusCode).toBe(401);
  });

  it('knows the team lead', async () => {
    const me = await t.request('lead', 'GET', '/api/v1/users/me');
    expect(me.json()).toMatchObject({ isTeamLead: true });
  });

  it('a deactivated user loses sessions, sign-in and tokens at once', async () => {
    const created = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'leaver@test.local',
      password: TEST_PASSWORD,
    });
    const user = created.json<{ user: { id: string }; password: string | null }>();
    expect(user.password).toBeNull();
    const cookie = cookieOf(await signIn('leaver@test.local', TEST_PASSWORD));
    const actor = await loadUserActor(t.database.db, user.user.id, 'user');
    const { secret } = await createToken(t.database.db, actor ?? SYSTEM_ACTOR, { name: 'x' });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await t.request('admin', 'POST', `/api/v1/users/${user.user.id}/deactivate`)).statusCode).toBe(
      200,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { cookie } })).statusCode,
    ).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/customers',
          headers: { authorization: `Bearer ${secret}` },
        })
      ).statusCode,
    ).toBe(401);
    expect((await signIn('leaver@test.local', TEST_PASSWORD)).statusCode).toBe(403);
  });
});

describe('API tokens', () => {
  it('shows the secret once, stores only its hash, and stops working when revoked', async () => {
    const created = await t.request('director', 'POST', '/api/v1/tokens', { name: 'ERP 集成' });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json<{ token: { id: number; prefix: string }; secret: string }>();
    expect(secret).toMatch(/^stk_/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = await t.request('director', 'GET', '/api/v1/tokens');
    expect(list.body).not.toContain(secret);
    const auth = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: auth })).statusCode).toBe(
      200,
    );
    const [used] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(used?.lastUsedAt).not.toBeNull();
    expect((await t.request('director', 'DELETE', `/api/v1/tokens/${token.id}`)).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: auth })).statusCode).toBe(
      401,
    );
  });

  it('refuses expired, unknown and malformed tokens', async () => {
    const actor = await loadUserActor(t.database.db, t.users.director.id, 'user');
    const { secret } = await createToken(t.database.db, actor ?? SYSTEM_ACTOR, {
      name: 'old',
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const header of [
      `Bearer ${secret}`,
      'Bearer stk_unknownunknownunknown',
      'Bearer',
      'Basic abc',
      `Bearer ${'x'.repeat(10_000)}`,
    ]) {
      const r = await t.app.inject({
        method: 'GET',
        url: '/api/v1/customers',
        headers: { authorization: header },
      });
      expect(r.statusCode, header.slice(0, 30)).toBe(401);
    }
  });

  it('acts with its user’s role: an analyst’s token cannot write', async () => {
    const actor = await loadUserActor(t.database.db, t.users.analyst.id, 'user');
    const { secret } = await createToken(t.database.db, actor ?? SYSTEM_ACTOR, { name: 'bi' });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { authorization: `Bearer ${secret}` },
      payload: { name: 'x' },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('bootstrap', () => {
  it('keeps one generated auth secret in the database', async () => {
    const config = loadConfig({}, { dataDir: '/tmp' });
    const first = await resolveAuthSecret(config, t.database.db);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(await resolveAuthSecret(config, t.database.db)).toBe(first);
    const [row] = await t.database.db.select().from(settings).where(eq(settings.key, 'auth.secret'));
    expect(row?.value).toBe(first);
    expect(await resolveAuthSecret({ ...config, authSecret: 'z'.repeat(40) }, t.database.db)).toBe(
      'z'.repeat(40),
    );
  });

  it('ensureFirstAdmin does nothing when users exist', async () => {
    expect(await ensureFirstAdmin(t.database.db, SYSTEM_ACTOR)).toBeNull();
  });

  it('logs requests without passwords, cookies or tokens', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'trace' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const config = loadConfig({}, { authSecret: 'w'.repeat(40), dataDir: '/tmp' });
    const app = await buildApp({ config, database: t.database, logger });
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      payload: { email: 'admin@test.local', password: TEST_PASSWORD },
    });
    const cookie = r.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    await app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { cookie, authorization: 'Bearer stk_secretsecretsecret' },
    });
    await app.close();
    const log = lines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain('stk_secretsecretsecret');
    for (const c of r.cookies) expect(log).not.toContain(c.value);
  });
});

describe('first start', () => {
  it('creates admin@stratum.local once, who can sign in', async () => {
    const { createTestDatabase } = await import('../../../../test/testDatabase.js');
    const database = await createTestDatabase();
    try {
      const first = await ensureFirstAdmin(database.db, SYSTEM_ACTOR);
      expect(first?.email).toBe(FIRST_ADMIN_EMAIL);
      expect(await ensureFirstAdmin(database.db, SYSTEM_ACTOR)).toBeNull();
      const app = await buildApp({
        config: loadConfig({ STRATUM_LOG_LEVEL: 'silent' }, { dataDir: '/tmp' }),
        database,
      });
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        payload: { email: FIRST_ADMIN_EMAIL, password: first?.password },
      });
      expect(r.statusCode).toBe(200);
      await app.close();
    } finally {
      await database.close();
    }
  });
});
