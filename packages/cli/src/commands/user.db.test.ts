import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, loadConfig } from '@stratum/server';
import { createTestDatabase } from '../../../../test/testDatabase.js';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/stratum.js');
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

function stratum(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('stratum user create', () => {
  it('creates a user, prints the generated password once, and that user can sign in and read customers', async () => {
    const run = stratum('user', 'create', '--email', 'Cli.Admin@Example.com', '--name', '运维', '--admin');
    expect(run.code, run.stderr).toBe(0);
    const matches = run.stdout.match(/Password \(shown only now, keep it safe\): (\S+)/g) ?? [];
    expect(matches).toHaveLength(1);
    const password = matches[0]?.split(': ')[1] ?? '';
    expect(password.length).toBeGreaterThanOrEqual(20);

    const app = await buildApp({
      config: loadConfig({ STRATUM_LOG_LEVEL: 'silent' }, { dataDir: '/tmp' }),
      database,
    });
    try {
      const signIn = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        payload: { email: 'cli.admin@example.com', password },
      });
      expect(signIn.statusCode).toBe(200);
      const cookie = signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const customers = await app.inject({ method: 'GET', url: '/api/v1/customers', headers: { cookie } });
      expect(customers.statusCode).toBe(200);
      const me = await app.inject({ method: 'GET', url: '/api/v1/users/me', headers: { cookie } });
      expect(me.json()).toMatchObject({ role: 'admin', name: '运维' });
    } finally {
      await app.close();
    }
  });

  it('refuses a duplicate email (any case) with a message and a non-zero exit', () => {
    const run = stratum('user', 'create', '--email', 'cli.admin@example.com');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('cli.admin@example.com exists');
    expect(run.stdout).not.toContain('Password');
  });

  it('takes a role or a given password, and refuses bad options', () => {
    const given = stratum(
      'user',
      'create',
      '--email',
      'analyst@example.com',
      '--role',
      'analyst',
      '--password',
      'a-good-password',
    );
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toContain('Created analyst analyst@example.com');
    expect(given.stdout).not.toContain('Password');
    for (const args of [
      ['--email', 'x@example.com', '--role', 'boss'],
      ['--email', 'y@example.com', '--password', 'short'],
    ]) {
      const run = stratum('user', 'create', ...args);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr, args.join(' ')).toMatch(/stratum: /);
    }
  });
});
