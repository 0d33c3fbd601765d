import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../openDatabase.js';
import { createTestDatabase } from '../../../../test/testDatabase.js';
import { createRunPartition, dropRunPartition } from './gradesPartition.js';
import { readRunGrades } from './readRunGrades.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Rows of run `runId` for customers `ids`, inserted in the given (physical) order. */
async function fillPartition(client: pg.PoolClient, runId: number, ids: number[]): Promise<void> {
  await createRunPartition(client, runId);
  await client.query(
    `INSERT INTO grades_r${runId}
       (run_id, customer_id, score, tier, computed_tier, tier_since, tier_flags, rule_index, abc, rfm_r, rfm_f,
        rfm_m, rfm_segment, lifecycle, lifecycle_phase, revenue_cents, churn_risk, churn_level, churn_flags,
        importance, demand, contribution, growth_potential, industry_position, portfolio, explain)
     SELECT $1, id, id / 10.0, id % 4, (id + 1) % 4, DATE '2025-01-01' + id::int, 0, -1, 0, 1, 1, 1, 0, 0, 0,
            0, 0, id % 3, 0, 0, 0, 0, 0, 0, 0, ''::bytea
     FROM unnest($2::int8[]) WITH ORDINALITY AS u(id, k) ORDER BY k`,
    [runId, ids],
  );
}

describe('readRunGrades', () => {
  it.each([
    ['written in id order', [1, 2, 5, 9, 12]],
    ['stored out of order (the scan may start anywhere)', [9, 12, 1, 5, 2]],
  ])('returns the run ascending by customer, %s', async (_label, ids) => {
    const runId = 900 + ids[0]!;
    const client = await database.pool.connect();
    try {
      await fillPartition(client, runId, ids);
      const grades = await readRunGrades(client, runId);
      const sorted = [...ids].sort((a, b) => a - b);
      expect([...grades.ids]).toEqual(sorted);
      expect([...grades.tier]).toEqual(sorted.map((id) => id % 4));
      expect([...grades.computedTier]).toEqual(sorted.map((id) => (id + 1) % 4));
      expect([...grades.score]).toEqual(sorted.map((id) => Math.fround(id / 10)));
      expect([...grades.churnLevel]).toEqual(sorted.map((id) => id % 3));
      expect([...grades.tierSince]).toEqual(sorted.map((id) => 20089 + id));
    } finally {
      await dropRunPartition(client, runId);
      client.release();
    }
  });
});
