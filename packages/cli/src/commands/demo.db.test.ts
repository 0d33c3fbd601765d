import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';

const run = promisify(execFile);
const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/stratum.js');

async function stratum(
  database: Database,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: database.url, STRATUM_TIMEZONE: 'Asia/Shanghai' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('stratum demo', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('loads, refuses a second time, and replaces with --reset', async () => {
    const first = await stratum(database, [
      'demo',
      '--customers',
      '120',
      '--seed',
      '3',
      '--end-date',
      '2025-06-30',
      '--json',
    ]);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as {
      rows: { customers: number; orders: number };
      timeZone: string;
    };
    expect(result.rows.customers).toBe(120);
    expect(result.timeZone).toBe('Asia/Shanghai');
    expect(first.stderr).toMatch(/demo: load/);

    const again = await stratum(database, ['demo', '--customers', '120']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already holds data \(120 customers.*--reset/s);

    const reset = await stratum(database, [
      'demo',
      '--customers',
      '80',
      '--reset',
      '--end-date',
      '2025-06-30',
    ]);
    expect(reset.code).toBe(0);
    expect(reset.stderr).toMatch(/after deleting the previous data/);
    const { rows } = await database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM customers');
    expect(rows[0]?.n).toBe(80);
  });

  it.each([
    [['--customers', 'many'], /customers/],
    [['--end-date', '2025-13-01'], /end date/],
    [['--indexes', 'some'], /--indexes must be one of/],
  ])('rejects %j with a message naming the option', async (args, message) => {
    const bad = await stratum(database, ['demo', ...args]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(message);
  });
});
