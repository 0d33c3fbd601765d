import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import PgBoss from 'pg-boss';
import { migrateDatabase, startEmbeddedServer } from '@stratum/db';

/**
 * Database tests run against the embedded server (default) or the server in DATABASE_URL. Either way we
 * build one migrated template database per run; each test file clones it (CREATE DATABASE … TEMPLATE),
 * so files run in parallel on clean databases, and everything this run created is dropped at the end.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
    dbPrefix: string;
    dbMode: 'embedded' | 'server';
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prefix = `stratum_t_${crypto.randomBytes(4).toString('hex')}`;
  let adminUrl: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let tmpDir: string | undefined;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    adminUrl = serverUrl;
  } else {
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-test-db-'));
    await fs.chmod(tmpDir, 0o755);
    const server = await startEmbeddedServer({ dataDir: tmpDir, database: 'postgres' });
    adminUrl = server.adminUrl;
    stopEmbedded = () => server.stop();
  }

  const template = `${prefix}_template`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(adminUrl, template) });
  await migrateDatabase(pool);
  // The job queue's schema too, so a test app starts its queue in milliseconds on its clone.
  await pool.query(PgBoss.getConstructionPlans('pgboss'));
  await pool.end();

  project.provide('dbAdminUrl', adminUrl);
  project.provide('dbTemplate', template);
  project.provide('dbPrefix', prefix);
  project.provide('dbMode', serverUrl ? 'server' : 'embedded');

  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const rows = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows.rows) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
    await client.end();
    await stopEmbedded?.();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
