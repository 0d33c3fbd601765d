import { dayFromIso } from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../openDatabase.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { extractFeatures } from './extractFeatures.js';
import { refreshActivity } from './refreshActivity.js';

let database: Database;
const q = (sql: string, params: unknown[] = []) => database.pool.query<Record<string, string>>(sql, params);
const dirtyCount = async () => Number((await q('SELECT count(*) AS n FROM activity_dirty')).rows[0]!.n);

beforeAll(async () => {
  database = await createTestDatabase();
  await q(`INSERT INTO customers (id, external_id, name, status, employees, company_revenue, market_position, industry, region, created_at)
           VALUES (1, 'C1', '甲', 'active', 120, 5000000.50, 'leader', '制造业', '华东', '2020-01-01T00:00:00Z'),
                  (2, 'C2', '乙', 'prospect', NULL, NULL, NULL, NULL, NULL, '2023-06-01T00:00:00Z'),
                  (3, 'C3', '丙', 'active', 10, NULL, 'sme', '零售', '华东', '2024-05-01T00:00:00Z')`);
  await q(`UPDATE customers SET parent_id = 1 WHERE id = 3`);
  await q(`INSERT INTO orders (customer_id, external_id, ordered_at, amount, margin, category) VALUES
           (1, 'O1', '2023-03-01T10:00:00Z', 1000.25, 250.00, 'A'),
           (1, 'O2', '2023-03-01T15:00:00Z', 500.00, NULL, 'B'),
           (1, 'O3', '2023-09-30T23:30:00Z', 200.00, 50.00, 'A'),
           (1, 'O4', '2024-02-01T08:00:00Z', -100.00, -25.00, 'A'),
           (3, 'O5', '2024-06-01T08:00:00Z', 80.00, NULL, NULL)`);
  await q(`INSERT INTO interactions (customer_id, external_id, kind, occurred_at) VALUES
           (1, 'I1', 'visit', '2023-08-01T02:00:00Z'), (1, 'I2', 'call', '2024-03-01T02:00:00Z')`);
  await q(`INSERT INTO complaints (customer_id, external_id, opened_at, severity, status) VALUES
           (1, 'K1', '2023-05-01T00:00:00Z', 'critical', 'open')`);
});
afterAll(async () => {
  await database.close();
});

describe('activity rollup and point-in-time extraction', () => {
  it('triggers mark every customer whose activity changed', async () => {
    // Customer 2 has no activity at all: nothing to roll up, it reads as zeros.
    expect(await dirtyCount()).toBe(2);
    // The first refresh of a database (no timezone recorded yet) rebuilds every customer.
    const first = await refreshActivity(database.pool, 'UTC');
    expect(first.customers).toBe(3);
    expect(await dirtyCount()).toBe(0);
    await q(`UPDATE orders SET amount = amount WHERE external_id = 'O5'`);
    await q(`DELETE FROM interactions WHERE external_id = 'I2'`);
    expect(
      (await q('SELECT customer_id FROM activity_dirty ORDER BY 1')).rows.map((r) => Number(r.customer_id)),
    ).toEqual([1, 3]);
    await q(
      `INSERT INTO interactions (customer_id, external_id, kind, occurred_at) VALUES (1, 'I2', 'call', '2024-03-01T02:00:00Z')`,
    );
    expect((await refreshActivity(database.pool, 'UTC')).customers).toBe(2);
    expect((await refreshActivity(database.pool, 'UTC')).customers).toBe(0);
  });

  it('as of a past date sees only what existed then', async () => {
    const { matrix, attributes } = await extractFeatures(database.pool, {
      timezone: 'UTC',
      asOfDay: dayFromIso('2023-12-31'),
      windowMonths: 12,
    });
    // Customer 3 was created in 2024 and had no activity by the end of 2023.
    expect(Array.from(matrix.ids)).toEqual([1, 2]);
    const col = (key: keyof typeof matrix.columns) => Array.from(matrix.columns[key]!);
    expect(col('revenue')).toEqual([1700.25, 0]);
    expect(col('order_count')).toEqual([3, 0]);
    expect(col('purchase_days')).toEqual([2, 0]);
    expect(col('gross_margin')[0]).toBeCloseTo(300, 9);
    expect(col('margin_rate')[0]).toBeCloseTo(300 / 1200.25, 12);
    expect(col('category_breadth')).toEqual([2, 0]);
    expect(col('interaction_count')).toEqual([1, 0]);
    expect(col('open_critical_complaints')).toEqual([1, 0]);
    expect(col('clv_x')[0]).toBe(1);
    expect(col('clv_mbar')[0]).toBe(200);
    expect(col('status')).toEqual([1, 0]);
    expect(col('market_position')[0]).toBe(2);
    expect(col('company_revenue')[0]).toBe(5000000.5);
    expect(col('employees')[1]).toBeNaN();
    expect(col('subsidiary_count')).toEqual([1, 0]);
    expect(col('tenure_days')).toEqual([dayFromIso('2023-12-31') - dayFromIso('2020-01-01'), 213]);
    expect(attributes.industries[attributes.industry[0]!]).toBe('制造业');
    expect(attributes.industry[1]).toBe(-1);
  });

  it('later data changes the current picture but not the past one', async () => {
    const now = await extractFeatures(database.pool, {
      timezone: 'UTC',
      asOfDay: dayFromIso('2024-06-30'),
      windowMonths: 12,
    });
    expect(Array.from(now.matrix.ids)).toEqual([1, 2, 3]);
    expect(now.matrix.columns.revenue![0]).toBeCloseTo(200 - 100, 9);
    expect(now.matrix.columns.revenue![2]).toBe(80);
  });

  it('days follow the organisation timezone: a 23:30 UTC order is the next day in Shanghai', async () => {
    const asOf = dayFromIso('2023-09-30');
    const utc = await extractFeatures(database.pool, { timezone: 'UTC', asOfDay: asOf, windowMonths: 12 });
    expect(utc.matrix.columns.revenue![0]).toBe(1700.25);
    await refreshActivity(database.pool, 'Asia/Shanghai'); // a new timezone rebuilds every customer
    const shanghai = await extractFeatures(database.pool, {
      timezone: 'Asia/Shanghai',
      asOfDay: asOf,
      windowMonths: 12,
    });
    expect(shanghai.matrix.columns.revenue![0]).toBe(1500.25);
    expect(shanghai.matrix.columns.recency_days![0]).toBe(asOf - dayFromIso('2023-03-01'));
  });

  it('reads every customer when the planner expects far fewer (the columns grow)', async () => {
    await q('ANALYZE customers'); // three rows: the extraction sizes itself for ~a thousand
    await q(`INSERT INTO customers (id, external_id, name, status, industry, created_at)
             SELECT 100 + g, 'G' || g, '客户' || g, 'active', CASE WHEN g % 2 = 0 THEN '零售' END,
                    '2021-01-01T00:00:00Z'
             FROM generate_series(1, 2500) g`);
    try {
      const { matrix, attributes } = await extractFeatures(database.pool, {
        timezone: 'Asia/Shanghai',
        asOfDay: dayFromIso('2024-06-30'),
        windowMonths: 12,
      });
      expect(matrix.ids.length).toBe(2503);
      expect(Array.from(matrix.ids.subarray(0, 4))).toEqual([1, 2, 3, 101]);
      expect(matrix.ids[2502]).toBe(2600);
      expect(matrix.columns.revenue![2502]).toBe(0);
      expect(matrix.columns.recency_days![2502]).toBeNaN();
      expect(matrix.columns.revenue![0]).toBeCloseTo(100, 9);
      expect(attributes.industries[attributes.industry[2502]!]).toBe('零售');
      expect(attributes.industry[2501]).toBe(-1);
    } finally {
      await q('DELETE FROM customers WHERE id > 100');
    }
  });
});
