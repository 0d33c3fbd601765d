import { dayFromIso } from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../openDatabase.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { extractOutcomes } from './extractOutcomes.js';
import { refreshActivity } from './refreshActivity.js';

let database: Database;
const q = (sql: string) => database.pool.query(sql);

beforeAll(async () => {
  database = await createTestDatabase();
  await q(`INSERT INTO customers (id, external_id, name, created_at) VALUES
           (1, 'C1', '甲', '2020-01-01T00:00:00Z'), (2, 'C2', '乙', '2020-01-01T00:00:00Z'),
           (3, 'C3', '丙', '2020-01-01T00:00:00Z'), (4, 'C4', '丁', '2024-02-01T00:00:00Z')`);
  await q(`INSERT INTO orders (customer_id, external_id, ordered_at, amount) VALUES
           (1, 'O1', '2023-12-31T23:00:00Z', 100.00),  -- on the as-of day: before the horizon
           (1, 'O2', '2024-01-01T01:00:00Z', 200.00),  -- first horizon day
           (1, 'O3', '2024-01-01T09:00:00Z', 50.50),   -- same day: one purchase day
           (1, 'O4', '2024-01-05T09:00:00Z', -30.00),  -- a return: revenue, not a purchase
           (1, 'O5', '2024-01-31T09:00:00Z', 10.00),   -- last horizon day
           (1, 'O6', '2024-02-01T09:00:00Z', 999.00),  -- after the horizon
           (2, 'O7', '2024-01-10T09:00:00Z', 40.00),
           (2, 'O8', '2024-01-10T10:00:00Z', -60.00),  -- a day whose net is negative is no purchase
           (4, 'O9', '2024-01-20T09:00:00Z', 70.00)`);
  await refreshActivity(database.pool, 'UTC');
});
afterAll(async () => {
  await database.close();
});

describe('extractOutcomes', () => {
  const horizon = { fromDay: dayFromIso('2023-12-31'), toDay: dayFromIso('2024-01-31') };

  it('counts purchase days and net revenue in (from, to], aligned with the given ids', async () => {
    const outcomes = await extractOutcomes(database.pool, {
      ids: Float64Array.from([1, 2, 3, 99]),
      ...horizon,
    });
    expect(Array.from(outcomes.purchases)).toEqual([2, 0, 0, 0]);
    expect(Array.from(outcomes.revenue)).toEqual([230.5, -20, 0, 0]);
    expect(outcomes.found).toBe(3);
    // Customer 4 is outside the ids: summed apart.
    expect(outcomes.others).toEqual({ customers: 1, purchasers: 1, purchases: 1, revenue: 70 });
  });

  it('follows the rollup timezone: 23:00 UTC on the as-of day is the next day in Shanghai', async () => {
    await refreshActivity(database.pool, 'Asia/Shanghai');
    const outcomes = await extractOutcomes(database.pool, { ids: Float64Array.from([1]), ...horizon });
    // O1 moves into the horizon and joins O2 (01:00 UTC = 09:00 Shanghai) on 2024-01-01; O3 (17:00) too.
    expect(outcomes.purchases[0]).toBe(2);
    expect(outcomes.revenue[0]).toBeCloseTo(330.5, 9);
    await refreshActivity(database.pool, 'UTC');
  });

  it('refuses ids that are not ascending', async () => {
    await expect(
      extractOutcomes(database.pool, { ids: Float64Array.from([2, 1]), ...horizon }),
    ).rejects.toThrow(/ascending/);
  });
});
