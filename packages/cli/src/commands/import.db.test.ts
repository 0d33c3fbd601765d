import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@stratum/db';
import { importFile, SYSTEM_ACTOR } from '@stratum/server';
import { writeOrdersCsv } from '../../../../test/ordersCsv.js';
import { startStratum } from '../../../../test/stratumCli.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';

let database: Database;
let dir: string;

const stratum = (args: string[]) => startStratum(database.url, args);

async function snapshot(): Promise<unknown> {
  const result = await database.pool.query(
    `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM customers) AS customers,
       (SELECT count(*) FROM audit_log) AS audit, (SELECT coalesce(sum(amount), 0) FROM orders)::text AS revenue`,
  );
  return result.rows[0];
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stratum-cli-import-'));
  const customers = path.join(dir, 'customers.csv');
  await fs.writeFile(
    customers,
    ['external_id,name', ...Array.from({ length: 500 }, (_, i) => `${i + 1},Customer ${i + 1}`)].join('\n'),
  );
  await importFile(database, { orgTimezone: 'UTC' }, SYSTEM_ACTOR, {
    entity: 'customers',
    filePath: customers,
  });
  await writeOrdersCsv(path.join(dir, 'small.csv'), { rows: 100, customers: 500 });
});
afterAll(async () => {
  await database?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('stratum import', () => {
  it('imports a file, prints the report and exits 0; a rejected file exits 2 with the report', async () => {
    const ok = stratum(['import', 'orders', path.join(dir, 'small.csv'), '--json']);
    expect(await ok.exit).toEqual({ code: 0, signal: null });
    expect(JSON.parse(ok.output().slice(ok.output().indexOf('{')))).toMatchObject({
      status: 'succeeded',
      inserted: 100,
    });

    const bad = path.join(dir, 'bad.csv');
    await fs.writeFile(
      bad,
      'external_id,customer_external_id,ordered_at,amount\nB1,1,2023-02-30,5\nB2,1,2024-01-01,"1,23"\n',
    );
    const report = path.join(dir, 'report.csv');
    const rejected = stratum(['import', 'orders', bad, '--report', report]);
    expect(await rejected.exit).toEqual({ code: 2, signal: null });
    expect(rejected.output()).toContain('line 2, ordered_at = "2023-02-30": IMPOSSIBLE_DATE');
    expect(rejected.output()).toContain('Nothing was written.');
    const written = await fs.readFile(report, 'utf8');
    expect(
      written.startsWith('\ufeffline,column,value,code,message\n2,ordered_at,2023-02-30,IMPOSSIBLE_DATE,'),
    ).toBe(true);
    expect(written).toContain('3,amount,"1,23",INVALID_AMOUNT,');
  });

  it('killed with SIGKILL mid-file leaves every table as it was; the next start marks the job failed', async () => {
    const big = path.join(dir, 'big.csv');
    await writeOrdersCsv(big, { rows: 1_500_000, customers: 500 });
    const before = await snapshot();
    const child = stratum(['import', 'orders', big]);

    // Wait until the progress record shows rows streamed into the staging table.
    let job: { id: string; status: string; phase: string; rows_read: string } | undefined;
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const result = await database.pool.query<NonNullable<typeof job>>(
        `SELECT id, status, phase, rows_read FROM import_jobs WHERE file_name = 'big.csv'`,
      );
      job = result.rows[0];
      if (job?.status === 'running' && job.phase === 'reading' && Number(job.rows_read) >= 50_000) break;
      if (child.child.exitCode !== null)
        throw new Error(`the import ended before it could be killed:\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toMatchObject({ status: 'running', phase: 'reading' });
    child.child.kill('SIGKILL');
    expect(await child.exit).toEqual({ code: null, signal: 'SIGKILL' });

    expect(await snapshot()).toEqual(before);
    const stale = await database.pool.query('SELECT status FROM import_jobs WHERE id = $1', [job?.id]);
    expect(stale.rows[0]).toEqual({ status: 'running' });

    // The next start (here: the next import) finds the job's process gone and marks it failed.
    // The server may take a moment to notice the dropped connections and release the job's lock.
    let failed: { status: string; error: string } | undefined;
    for (let attempt = 0; attempt < 20 && failed?.status !== 'failed'; attempt++) {
      const next = stratum(['import', 'orders', path.join(dir, 'small.csv')]);
      expect((await next.exit).code).toBe(0);
      const result = await database.pool.query<NonNullable<typeof failed>>(
        'SELECT status, error FROM import_jobs WHERE id = $1',
        [job?.id],
      );
      failed = result.rows[0];
      if (failed?.status === 'failed') expect(next.output()).toContain(`Import ${job?.id} was interrupted`);
    }
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain('nothing was written');
    // Re-importing small.csv changed no data (it only added its own audit summary).
    expect(await snapshot()).toMatchObject({ ...(before as object), audit: expect.any(String) as string });
  });
});
