import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '@stratum/db';
import { withDatabase } from './db-global-setup.js';

/**
 * A fresh, migrated database for one test file (a clone of the run's template). Close it in afterAll;
 * the run's teardown drops it anyway.
 */
export async function createTestDatabase(): Promise<Database & { name: string }> {
  const adminUrl = inject('dbAdminUrl');
  const name = `${inject('dbPrefix')}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('dbTemplate')}`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ url: withDatabase(adminUrl, name), migrate: false });
  return Object.assign(database, { name });
}

export const testDatabaseMode = (): 'embedded' | 'server' => inject('dbMode');
