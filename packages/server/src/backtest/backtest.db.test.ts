import type { Database } from '@stratum/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { loadDemo } from '../demo/loadDemo.js';
import type { BacktestReport } from './backtestReportSchema.js';
import { backtestReportSchema } from './backtestReportSchema.js';
import { recoverInterruptedBacktests } from './backtestStore.js';
import { registerBacktestWorker } from './backtestWorker.js';
import { requestBacktest } from './requestBacktest.js';
import { runBacktest } from './runBacktest.js';

/**
 * A tiny hand-built book whose horizon figures are known exactly (as of 2024-06-30, 90 days to 2024-09-28):
 *   1 bought before; in the horizon 2024-07-15 (400), 2024-08-15 (500 + 50, one purchase day) → 2 days, 950
 *   2 bought before; nothing in the horizon (churned); an order after it (2024-12-01) is the latest data
 *   3 bought before; 2024-07-01 (80) and a return on 2024-07-20 (−30) → 1 day, 50
 *   4 never bought before; 2024-08-01 (60) → 1 day, 60 (graded, but not in the churn population)
 *   5 bought before (2023); nothing in the horizon (churned)
 *   6 created 2024-08-01, after the as-of date: not graded; 2024-08-10 (40)
 */
const HAND_BOOK = `
  INSERT INTO customers (id, external_id, name, created_at) VALUES
    (1, 'H1', '甲', '2023-01-01T00:00:00Z'), (2, 'H2', '乙', '2023-01-01T00:00:00Z'),
    (3, 'H3', '丙', '2023-01-01T00:00:00Z'), (4, 'H4', '丁', '2023-01-01T00:00:00Z'),
    (5, 'H5', '戊', '2023-01-01T00:00:00Z'), (6, 'H6', '己', '2024-08-01T00:00:00Z');
  INSERT INTO orders (customer_id, external_id, ordered_at, amount) VALUES
    (1, 'O1', '2024-01-10T04:00:00Z', 100), (1, 'O2', '2024-03-10T04:00:00Z', 200),
    (1, 'O3', '2024-05-10T04:00:00Z', 300), (1, 'O4', '2024-07-15T04:00:00Z', 400),
    (1, 'O5', '2024-08-15T04:00:00Z', 500), (1, 'O6', '2024-08-15T06:00:00Z', 50),
    (2, 'O7', '2024-02-01T04:00:00Z', 1000), (2, 'O8', '2024-12-01T04:00:00Z', 70),
    (3, 'O9', '2024-06-01T04:00:00Z', 50), (3, 'O10', '2024-07-01T04:00:00Z', 80),
    (3, 'O11', '2024-07-20T04:00:00Z', -30),
    (4, 'O12', '2024-08-01T04:00:00Z', 60),
    (5, 'O13', '2023-06-01T04:00:00Z', 500), (5, 'O14', '2023-09-01T04:00:00Z', 500),
    (6, 'O15', '2024-08-10T04:00:00Z', 40);
  SELECT setval(pg_get_serial_sequence('customers', 'id'), 100);`;

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.database.pool.query(HAND_BOOK);
  await registerBacktestWorker(t.jobs, t.database, 'UTC');
});
afterAll(async () => {
  await t?.close();
});

async function finished(
  id: number,
): Promise<{ status: string; report: BacktestReport | null; error: string | null }> {
  // Polls the API until the worker is done; bounded by the test timeout, not asserted on.
  for (;;) {
    const response = await t.request('analyst', 'GET', `/api/v1/backtests/${id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{ status: string; report: BacktestReport | null; error: string | null }>();
    if (body.status !== 'queued' && body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function consistentShares(groups: BacktestReport['revenue']['tiers'], total: number, customers: number) {
  expect(groups.reduce((sum, g) => sum + g.customers, 0)).toBe(customers);
  // Each group is rounded to the cent: the groups may differ from the total by a cent each.
  expect(Math.abs(groups.reduce((sum, g) => sum + g.revenue, 0) - total)).toBeLessThanOrEqual(
    0.01 * groups.length,
  );
  if (total > 0) expect(groups.reduce((sum, g) => sum + (g.share ?? 0), 0)).toBeCloseTo(1, 9);
}

function consistentWarnings(churn: BacktestReport['churn']) {
  const byLevel = Object.fromEntries(churn.byLevel.map((row) => [row.key, row]));
  expect(churn.byLevel.reduce((sum, row) => sum + row.customers, 0)).toBe(churn.customers);
  expect(churn.byLevel.reduce((sum, row) => sum + row.churned, 0)).toBe(churn.churned);
  const [high, highMedium] = [churn.levels[0]!, churn.levels[1]!];
  expect(high.key).toBe('high');
  expect(high.flagged).toBe(byLevel.high!.customers);
  expect(high.truePositives).toBe(byLevel.high!.churned);
  expect(highMedium.flagged).toBe(byLevel.high!.customers + byLevel.medium!.customers);
  expect(highMedium.truePositives).toBe(byLevel.high!.churned + byLevel.medium!.churned);
  for (const level of churn.levels) {
    expect(level.precision).toBe(level.flagged > 0 ? level.truePositives / level.flagged : null);
    expect(level.recall).toBe(churn.churned > 0 ? level.truePositives / churn.churned : null);
  }
}

describe('backtest on a hand-built book', () => {
  it('POST answers 202, the worker stores the report, and the figures are exact', async () => {
    const started = await t.request('director', 'POST', '/api/v1/backtests', {
      asOf: '2024-06-30',
      horizonDays: 90,
    });
    expect(started.statusCode).toBe(202);
    const queued = started.json<{ id: number; status: string; progress: number; horizonEnd: string }>();
    expect(queued).toMatchObject({ status: 'queued', progress: 0, horizonEnd: '2024-09-28' });

    const done = await finished(queued.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    const report = backtestReportSchema.parse(done.report);
    expect(report.model.key).toBe('default');
    expect(report.population).toMatchObject({
      customers: 5,
      purchasedBefore: 4,
      purchasersInHorizon: 3,
      purchasesInHorizon: 4,
      revenueInHorizon: 1060,
      notGraded: { customers: 1, purchasers: 1, purchases: 1, revenue: 40 },
    });
    expect(report.churn).toMatchObject({ customers: 4, churned: 2, baseRate: 0.5 });
    consistentWarnings(report.churn);
    // Four customers are far too few for BG/NBD: said, not invented.
    expect(report.purchases).toMatchObject({ status: 'no_fit', customers: 0, calibration: [] });
    expect(report.purchases.reasons).toContain('TOO_FEW_CUSTOMERS');
    expect(report.revenue.total).toBe(1060);
    consistentShares(report.revenue.tiers, 1060, 5);
    consistentShares(report.revenue.abc, 1060, 5);
    expect(report.revenue.tiers.map((g) => g.key)).toEqual(['S', 'A', 'B', 'C']);

    const stored = await t.database.pool.query<{ status: string; horizon_days: number }>(
      'SELECT status, horizon_days FROM backtest_reports WHERE id = $1',
      [queued.id],
    );
    expect(stored.rows).toEqual([{ status: 'succeeded', horizon_days: 90 }]);
    const list = await t.request('manager', 'GET', '/api/v1/backtests');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { id: number }[] }>().items.map((item) => item.id)).toContain(queued.id);
  });

  it('refuses a horizon that has not been observed yet, by the calendar or in the data', async () => {
    const future = await t.request('admin', 'POST', '/api/v1/backtests', {
      asOf: '2026-11-30',
      horizonDays: 3650,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({
      error: {
        code: 'HORIZON_NOT_OBSERVED',
        message: expect.stringContaining('horizon not yet observed') as string,
      },
    });
    // Past by the calendar, but the latest order is on 2024-12-01.
    const beyondData = await t.request('admin', 'POST', '/api/v1/backtests', {
      asOf: '2024-11-15',
      horizonDays: 30,
    });
    expect(beyondData.statusCode).toBe(400);
    expect(beyondData.json<{ error: { message: string } }>().error.message).toContain(
      'the latest order is on 2024-12-01',
    );
    const badDate = await t.request('admin', 'POST', '/api/v1/backtests', {
      asOf: '2024-02-30',
      horizonDays: 30,
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ error: { code: 'BAD_AS_OF' } });
    const missing = await t.request('admin', 'GET', '/api/v1/backtests/999999');
    expect(missing.statusCode).toBe(404);
  });
});

describe('interrupted backtests', () => {
  it('marks a running backtest with a stale heartbeat failed, and leaves a live one running', async () => {
    const { pool } = t.database;
    const insert = async (heartbeat: string) =>
      Number(
        (
          await pool.query<{ id: string }>(
            `INSERT INTO backtest_reports (model_id, as_of, horizon_days, status, report)
             SELECT id, '2024-06-30', 30, 'running',
                    jsonb_build_object('phase', 'extract', 'progress', 0.3, 'heartbeatAt', now() - $1::interval)
             FROM grading_models ORDER BY id LIMIT 1 RETURNING id`,
            [heartbeat],
          )
        ).rows[0]!.id,
      );
    const stale = await insert('10 minutes');
    const live = await insert('0 seconds');
    const shown = await t.request('analyst', 'GET', `/api/v1/backtests/${live}`);
    expect(shown.json()).toMatchObject({ status: 'running', phase: 'extract', progress: 0.3, report: null });
    expect(await recoverInterruptedBacktests(pool)).toEqual([stale]);
    const after = await t.request('analyst', 'GET', `/api/v1/backtests/${stale}`);
    expect(after.json()).toMatchObject({
      status: 'failed',
      report: null,
      error: expect.stringContaining('interrupted') as string,
    });
    await pool.query(`UPDATE backtest_reports SET status = 'cancelled' WHERE id = $1`, [live]);
  });
});

describe('backtest on the demo book', () => {
  let database: Database;
  const AS_OF = '2025-03-31';
  const HORIZON = 90;
  let report: BacktestReport;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadDemo(database, { customers: 400, seed: 3, endDate: '2025-06-30', years: 3 });
    const row = await requestBacktest(database, SYSTEM_ACTOR, 'UTC', { asOf: AS_OF, horizonDays: HORIZON });
    const phases: string[] = [];
    const outcome = await runBacktest(
      { database, timezone: 'UTC', onProgress: (p) => phases.push(p) },
      row.id,
    );
    expect(phases[phases.length - 1]).toBe('report');
    report = backtestReportSchema.parse(outcome!.report);
  }, 300_000);
  afterAll(async () => {
    await database?.close();
  });

  it('ranks the customers who stopped buying as riskier than those who kept buying', () => {
    expect(report.churn.churned).toBeGreaterThan(0);
    expect(report.churn.churned).toBeLessThan(report.churn.customers);
    expect(report.churn.auc).toBeGreaterThan(0.5);
    expect(report.churn.pAliveAuc).toBeGreaterThan(0.5);
    consistentWarnings(report.churn);
    const rate = (key: string) => report.churn.byLevel.find((row) => row.key === key)!.churnRate ?? 0;
    expect(rate('high')).toBeGreaterThan(rate('low'));
  });

  it('counts the horizon exactly: revenue and purchase days match the orders', async () => {
    const { rows } = await database.pool.query<{ revenue: string; days: string }>(
      `WITH daily AS (
         SELECT customer_id, (ordered_at AT TIME ZONE 'UTC')::date AS day, sum(amount) AS net
         FROM orders WHERE (ordered_at AT TIME ZONE 'UTC')::date > $1::date
           AND (ordered_at AT TIME ZONE 'UTC')::date <= $1::date + $2::int
         GROUP BY 1, 2)
       SELECT sum(net) AS revenue, count(*) FILTER (WHERE net > 0) AS days FROM daily`,
      [AS_OF, HORIZON],
    );
    const p = report.population;
    expect(p.revenueInHorizon + p.notGraded.revenue).toBeCloseTo(Number(rows[0]!.revenue), 2);
    expect(p.purchasesInHorizon + p.notGraded.purchases).toBe(Number(rows[0]!.days));
    consistentShares(report.revenue.tiers, report.revenue.total, p.customers);
    consistentShares(report.revenue.abc, report.revenue.total, p.customers);
  });

  it('compares BG/NBD expected purchases with the actual ones', () => {
    const purchases = report.purchases;
    expect(purchases.status).toBe('ok');
    expect(purchases.customers).toBeGreaterThan(0);
    expect(purchases.actualTotal).toBeLessThanOrEqual(report.population.purchasesInHorizon);
    // Roughly calibrated on a book that behaves like its past: within a factor of two in total.
    expect(purchases.expectedTotal).toBeGreaterThan(purchases.actualTotal / 2);
    expect(purchases.expectedTotal).toBeLessThan(purchases.actualTotal * 2);
    expect(purchases.meanAbsoluteError!).toBeGreaterThanOrEqual(Math.abs(purchases.meanError!));
    expect(purchases.meanError!).toBeCloseTo(
      (purchases.expectedTotal - purchases.actualTotal) / purchases.customers,
      9,
    );
    const bins = purchases.calibration;
    expect(bins.reduce((sum, b) => sum + b.customers, 0)).toBe(purchases.customers);
    expect(bins.reduce((sum, b) => sum + b.actualMean * b.customers, 0)).toBeCloseTo(
      purchases.actualTotal,
      6,
    );
  });
});
