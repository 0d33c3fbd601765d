import { DEFAULT_MODEL } from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type Caller, type TestApp } from '../app/testApp.js';
import { loadDemo } from '../demo/loadDemo.js';
import { executeRun } from '../grading/executeRun.js';
import { requestRuns } from '../grading/requestRuns.js';
import type { WhatIf } from './whatifSchemas.js';

const END = '2025-06-30';
let t: TestApp;
let defaultId = 0;
let draftId = 0;
let customers = 0;
const OWN = 30;

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await t.database.pool.query<T>(sql, params)).rows;
const preview = async (caller: Caller, url: string, body: unknown, status = 200) => {
  const response = await t.request(caller, 'POST', url, body);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<WhatIf>();
};
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** Everything a run or a publish writes: a preview must leave all of it as it was. */
const snapshot = async () =>
  q(`SELECT (SELECT count(*) FROM grades) AS grades, (SELECT count(*) FROM grading_runs) AS runs,
            (SELECT string_agg(model_key || ':' || run_id, ',' ORDER BY model_key) FROM grading_current) AS current,
            (SELECT count(*) FROM tier_changes) AS changes, (SELECT count(*) FROM events) AS events,
            (SELECT count(*) FROM notifications) AS notifications, (SELECT count(*) FROM grading_models) AS models,
            (SELECT count(*) FROM audit_log) AS audit`);

/** The default model with lower S and A bars: customers move up. */
function loosened() {
  const tiers = structuredClone(DEFAULT_MODEL.tiers);
  tiers[0] = { ...tiers[0]!, minScore: tiers[0]!.minScore - 10 };
  tiers[1] = { ...tiers[1]!, minScore: tiers[1]!.minScore - 10 };
  return { ...structuredClone(DEFAULT_MODEL), name: '放宽的评分卡', tiers };
}

beforeAll(async () => {
  t = await createTestApp();
  await loadDemo(t.database, { customers: 400, seed: 7, endDate: END, years: 3 });
  await q(
    `UPDATE customers SET owner_id = $1 WHERE id IN (SELECT id FROM customers ORDER BY id LIMIT ${OWN})`,
    [t.users.manager.id],
  );
  const [run] = await requestRuns(t.database.db, SYSTEM_ACTOR, 'UTC', { asOf: END });
  defaultId = run!.modelId;
  customers = (await executeRun({ database: t.database, timezone: 'UTC' }, run!.id)).customers;
  const draft = await t.request('director', 'POST', '/api/v1/models', {
    fromModelId: defaultId,
    document: loosened(),
  });
  expect(draft.statusCode, draft.body).toBe(201);
  draftId = draft.json<{ id: number }>().id;
});
afterAll(async () => t?.close());

describe('what-if preview', () => {
  let director: WhatIf;

  it('gives tier shares, revenue, a matrix that sums to the customer count, and writes nothing', async () => {
    const before = await snapshot();
    director = await preview('director', `/api/v1/models/${draftId}/whatif`, { asOf: END, limit: 5 });
    expect(await snapshot()).toEqual(before);

    expect(director.model).toMatchObject({ id: draftId, key: 'default', version: 2 });
    expect(director.customers).toBe(customers);
    expect(director.population).toBe(customers);
    expect(sum(director.matrix.customers.flat())).toBe(customers);
    expect(director.matrix.from).toEqual([...DEFAULT_MODEL.tiers.map((tier) => tier.key), 'none']);
    expect(director.matrix.to).toEqual(DEFAULT_MODEL.tiers.map((tier) => tier.key));
    // Every customer has a current grade: the 'none' row is empty.
    expect(sum(director.matrix.customers.at(-1)!)).toBe(0);
    expect(sum(director.tiers.map((tier) => tier.share))).toBeCloseTo(1, 9);
    expect(sum(director.tiers.map((tier) => tier.revenueShare))).toBeCloseTo(1, 9);
    expect(sum(director.tiers.map((tier) => tier.customers))).toBe(customers);
    expect(sum(director.matrix.revenue.flat())).toBeCloseTo(director.totalRevenue, 2);
    // Column sums of the matrix are the tier counts.
    director.tiers.forEach((tier, c) =>
      expect(sum(director.matrix.customers.map((row) => row[c]!))).toBe(tier.customers),
    );
    const { changes } = director;
    expect(changes.unchanged + changes.promoted + changes.demoted + changes.changed + changes.new).toBe(
      customers,
    );
    expect(changes.promoted).toBeGreaterThan(0);
    expect(director.movers.total).toBe(changes.promoted + changes.demoted + changes.changed);
    expect(director.movers.items).toHaveLength(5);
    for (const mover of director.movers.items) {
      expect(mover.from).not.toBe(mover.to);
      expect(mover.reasons.length).toBeGreaterThan(0);
      expect(mover.reasons[0]!.label.zh.length).toBeGreaterThan(0);
    }
  });

  it('agrees with a dry run of the same draft', async () => {
    const [run] = await requestRuns(t.database.db, SYSTEM_ACTOR, 'UTC', {
      modelId: draftId,
      asOf: END,
      dryRun: true,
    });
    const outcome = await executeRun({ database: t.database, timezone: 'UTC' }, run!.id);
    expect(director.tiers.map((tier) => tier.customers)).toEqual(
      outcome.result.stats.tiers.map((tier) => tier.customers),
    );
    expect(director.changes.promoted).toBe(outcome.changes.promoted);
    expect(director.changes.demoted).toBe(outcome.changes.demoted);
    // Cell by cell: the dry run's grades against the current grades give the preview's matrix.
    const cells = await q<{ from_tier: number; to_tier: number; n: string }>(
      `SELECT c.tier AS from_tier, g.tier AS to_tier, count(*) AS n
       FROM grades g JOIN grades c ON c.customer_id = g.customer_id
       WHERE g.run_id = $1 AND c.run_id = (SELECT run_id FROM grading_current) GROUP BY 1, 2`,
      [outcome.runId],
    );
    const matrix = DEFAULT_MODEL.tiers.map(() => DEFAULT_MODEL.tiers.map(() => 0));
    for (const cell of cells) matrix[cell.from_tier]![cell.to_tier] = Number(cell.n);
    expect(director.matrix.customers.slice(0, -1)).toEqual(matrix);
    // And the movers' new scores are the dry run's scores.
    for (const mover of director.movers.items) {
      const [graded] = await q<{ score: number }>(
        'SELECT score::float8 AS score FROM grades WHERE run_id = $1 AND customer_id = $2',
        [outcome.runId, mover.customerId],
      );
      expect(mover.scoreAfter).toBeCloseTo(graded!.score, 1);
    }
  });

  it('lists only the movers in the caller’s data scope, the aggregates stay whole', async () => {
    const manager = await preview('manager', `/api/v1/models/${draftId}/whatif`, {
      asOf: END,
      limit: 200,
    });
    expect(manager.matrix).toEqual(director.matrix);
    const [{ n } = { n: '0' }] = await q<{ n: string }>(
      `SELECT count(*) AS n FROM customers WHERE owner_id = $1`,
      [t.users.manager.id],
    );
    expect(Number(n)).toBe(OWN);
    expect(manager.movers.total).toBeGreaterThan(0);
    expect(manager.movers.total).toBeLessThanOrEqual(OWN);
    expect(manager.movers.items).toHaveLength(manager.movers.total);
    expect(manager.movers.items.every((m) => m.ownerId === t.users.manager.id)).toBe(true);
    const analyst = await preview('analyst', `/api/v1/models/${draftId}/whatif`, {
      asOf: END,
      direction: 'promoted',
      limit: 3,
      offset: 2,
    });
    expect(analyst.movers.total).toBe(director.changes.promoted);
    expect(analyst.movers.items.every((m) => m.direction === 'promoted')).toBe(true);
    expect(analyst.movers.offset).toBe(2);
  });

  it('previews an unsaved document the same way as the saved draft', async () => {
    const unsaved = await preview('analyst', '/api/v1/whatif', {
      document: loosened(),
      fromModelId: defaultId,
      asOf: END,
      limit: 5,
    });
    expect(unsaved.model).toMatchObject({ id: null, key: 'default', version: null });
    expect(unsaved.matrix).toEqual(director.matrix);
    expect(unsaved.movers.items).toEqual(director.movers.items);
    // Without fromModelId the document takes the published fallback’s place: the same here.
    const fallback = await preview('analyst', '/api/v1/whatif', { document: loosened(), asOf: END });
    expect(fallback.tiers).toEqual(director.tiers);
  });

  it('a segmented document grades only its segment; the rest of the population is left to other models', async () => {
    const segmented = await preview('director', '/api/v1/whatif', {
      document: { ...loosened(), segment: { regions: ['华东'] } },
      asOf: END,
    });
    const [{ n } = { n: '0' }] = await q<{ n: string }>(
      `SELECT count(*) AS n FROM customers WHERE region = '华东'`,
    );
    expect(Number(n)).toBeGreaterThan(0);
    expect(segmented.population).toBe(customers);
    expect(segmented.customers).toBe(Number(n));
    expect(sum(segmented.matrix.customers.flat())).toBe(Number(n));
  });

  it('the published model itself moves nobody; a customer without a grade is in the none row', async () => {
    const same = await preview('director', `/api/v1/models/${defaultId}/whatif`, { asOf: END });
    expect(same.changes.unchanged).toBe(customers);
    await q(
      `INSERT INTO customers (external_id, name, created_at) VALUES ('WHATIF-NEW', '新客户', '2025-01-01T00:00:00Z')`,
    );
    const withNew = await preview('director', `/api/v1/models/${draftId}/whatif`, { asOf: END });
    expect(withNew.customers).toBe(customers + 1);
    expect(sum(withNew.matrix.customers.flat())).toBe(customers + 1);
    expect(sum(withNew.matrix.customers.at(-1)!)).toBe(1);
    expect(withNew.changes.new).toBe(1);
  });

  it('refuses bad input with a precise 4xx', async () => {
    const invalid = await t.request('director', 'POST', '/api/v1/whatif', {
      document: { ...DEFAULT_MODEL, tiers: [] },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ error: { code: string } }>().error.code).toBe('MODEL_INVALID');
    const future = await t.request('director', 'POST', `/api/v1/models/${draftId}/whatif`, {
      asOf: '2999-01-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'BAD_AS_OF',
      message: expect.stringMatching(/in the future/) as string,
    });
    const missing = await t.request('director', 'POST', '/api/v1/models/999999/whatif', {});
    expect(missing.statusCode).toBe(404);
    const bad = await t.request('director', 'POST', `/api/v1/models/${draftId}/whatif`, { limit: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_FAILED');
    expect((await t.request('anonymous', 'POST', '/api/v1/whatif', {})).statusCode).toBe(401);
  });
});
