import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@stratum/db';
import { loadDemo } from '@stratum/server';
import { runStratum } from '../../../../test/stratumCli.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';

let database: Database;

const stratum = (args: string[], env: Record<string, string> = {}) => runStratum(database.url, args, env);

beforeAll(async () => {
  database = await createTestDatabase();
  await loadDemo(database, { customers: 200, seed: 5, endDate: '2025-06-30', years: 3 });
}, 300_000);
afterAll(async () => {
  await database?.close();
});

describe('stratum backtest', () => {
  it('prints a readable summary in English or Chinese, and stores the report', async () => {
    const en = await stratum(['backtest', '--as-of', '2025-03-31', '--horizon-days', '60', '--lang', 'en']);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toMatch(
      /^Backtest \d+: model default v1, graded as of 2025-03-31, compared with the next 60 days \(to 2025-05-30\)/,
    );
    expect(en.stdout).toMatch(/Churn warning: AUC \d\.\d{3}/);
    expect(en.stdout).toContain('precision');
    expect(en.stdout).toContain('Revenue share by tier');

    const zh = await stratum(['backtest', '--as-of', '2025-03-31', '--horizon-days', '60'], {
      STRATUM_LOCALE: 'zh-CN',
    });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('按 2025-03-31 分级，对照之后 60 天');
    expect(zh.stdout).toContain('流失预警：AUC');

    const { rows } = await database.pool.query<{ status: string }>(
      'SELECT status FROM backtest_reports ORDER BY id',
    );
    expect(rows.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  }, 300_000);

  it('prints the report as JSON with --json', async () => {
    const result = await stratum(['backtest', '--as-of', '2025-01-31', '--horizon-days', '30', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { asOf: string; horizonEnd: string; churn: { auc: number } };
    expect(report).toMatchObject({ asOf: '2025-01-31', horizonEnd: '2025-03-02' });
    expect(report.churn.auc).toBeGreaterThan(0.5);
  }, 300_000);

  it('refuses a bad --as-of, a bad --horizon-days and an unobserved horizon with exit 2', async () => {
    const badDate = await stratum(['backtest', '--as-of', '2025-13-01', '--horizon-days', '30']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--as-of must be a calendar date YYYY-MM-DD, not "2025-13-01"');
    const badHorizon = await stratum(['backtest', '--as-of', '2025-01-01', '--horizon-days', 'soon']);
    expect(badHorizon.code).toBe(2);
    expect(badHorizon.stderr).toContain('--horizon-days must be a whole number');
    const future = await stratum(['backtest', '--as-of', '2025-06-01', '--horizon-days', '90']);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('horizon not yet observed');
    expect(future.stderr).toContain('the latest order is on 2025-06-30');
  }, 300_000);
});
