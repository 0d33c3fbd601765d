import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@stratum/db';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { startJobs, type Jobs } from './startJobs.js';

let database: Database;
let jobs: Jobs | undefined;
const logged: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // An import left running by a process that died: no session holds its lock.
  await database.pool.query(
    `INSERT INTO import_jobs (id, entity, file_name, format, status, phase) VALUES (41, 'orders', 'x.csv', 'csv', 'running', 'reading')`,
  );
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

describe('startJobs', () => {
  it('marks imports left running by a dead process failed, and leaves live ones alone', async () => {
    const live = await database.pool.connect();
    try {
      await database.pool.query(
        `INSERT INTO import_jobs (id, entity, file_name, format, status, phase) VALUES (42, 'orders', 'y.csv', 'csv', 'running', 'reading')`,
      );
      await live.query('SELECT pg_advisory_lock(727002, 42)');
      jobs = await startJobs(database, {
        pollingIntervalSeconds: 0.5,
        log: (message) => logged.push(message),
      });
      const rows = await database.pool.query('SELECT id::int, status, error FROM import_jobs ORDER BY id');
      expect(rows.rows).toEqual([
        { id: 41, status: 'failed', error: expect.stringContaining('interrupted') as string },
        { id: 42, status: 'running', error: null },
      ]);
      expect(logged).toEqual(['import 41 was interrupted (its process stopped) and is now marked failed']);
    } finally {
      await live.query('SELECT pg_advisory_unlock_all()');
      live.release();
    }
  });

  it('runs enqueued jobs in a worker, once each', async () => {
    const seen: Array<{ n: number }> = [];
    const done = new Promise<void>((resolve) => {
      void jobs?.work<{ n: number }>('test-queue', (data) => {
        seen.push(data);
        if (seen.length === 3) resolve();
        return Promise.resolve();
      });
    });
    for (const n of [1, 2, 3]) expect(await jobs?.enqueue('test-queue', { n })).toEqual(expect.any(String));
    await done;
    expect(seen.map((data) => data.n).sort()).toEqual([1, 2, 3]);
  });
});
