import { churnReasonKeys, TIER_REASON } from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from '../app/testApp.js';
import { authFeature } from '../auth/authRoutes.js';
import { customersFeature } from '../customers/customerRoutes.js';
import { loadDemo } from '../demo/loadDemo.js';
import { gradeInProcess } from '../grading/executeRun.js';
import { explainFeature } from './explainRoutes.js';

/**
 * Demo data graded as of two days, then once more after an override was approved: the explanation of the
 * current and of past runs, checked against the stored grades.
 */
let t: TestApp;
let first = 0;
let second = 0;
let third = 0;
let overridden = 0;

interface Row {
  customer_id: string;
  score: number;
  tier_flags: number;
  churn_flags: number;
  revenue_cents: string;
  clv_historical_cents: string | null;
  clv_predicted_cents: string | null;
  p_alive: number | null;
  tier: string;
  computed: string;
}

async function run(asOf: string): Promise<number> {
  const [outcome] = await gradeInProcess({ database: t.database, timezone: 'UTC' }, { asOf });
  return outcome!.runId;
}

async function rows(runId: number, where = 'true'): Promise<Row[]> {
  const result = await t.database.pool.query<Row>(
    `SELECT g.customer_id, g.score, g.tier_flags, g.churn_flags, g.revenue_cents::text AS revenue_cents,
            g.clv_historical_cents::text AS clv_historical_cents, g.clv_predicted_cents::text AS clv_predicted_cents,
            g.p_alive, m.document->'tiers'->(g.tier::int)->>'key' AS tier,
            m.document->'tiers'->(g.computed_tier::int)->>'key' AS computed
     FROM grades g JOIN grading_runs r ON r.id = g.run_id JOIN grading_models m ON m.id = r.model_id
     WHERE g.run_id = $1 AND ${where} ORDER BY g.customer_id`,
    [runId],
  );
  return result.rows;
}

beforeAll(async () => {
  t = await createTestApp({ features: [authFeature, customersFeature, explainFeature] });
  await loadDemo(t.database, { customers: 300, seed: 3, endDate: '2025-06-30', years: 3 });
  await t.database.pool.query(
    `UPDATE customers SET owner_id = CASE WHEN id % 5 = 0 THEN $1 WHEN id % 7 = 0 THEN $2 ELSE owner_id END`,
    [t.users.manager.id, t.users.otherManager.id],
  );
  first = await run('2024-12-31');
  second = await run('2025-06-30');
  // An approved override to S of an ordinary (C) customer: the next run applies it.
  const [plain] = await rows(second, `g.tier = 3 AND g.tier_flags & ${TIER_REASON.HELD_BY_HYSTERESIS} = 0`);
  overridden = Number(plain!.customer_id);
  await t.database.pool.query(
    `INSERT INTO overrides (customer_id, model_key, tier, reason, status, expires_on, requested_by, decided_by, decided_at)
     VALUES ($1, 'default', 'S', '集团战略合作伙伴', 'approved', '2026-06-30', $2, $3, now())`,
    [overridden, t.users.manager.id, t.users.director.id],
  );
  third = await run('2025-06-30');
});
afterAll(async () => t?.close());

const get = async <T>(caller: Caller, url: string, status = 200): Promise<T> => {
  const response = await t.request(caller, 'GET', url);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
};

interface Label {
  zh: string;
  en: string;
}
interface Explanation {
  customer: { id: number };
  run: { id: number; current: boolean };
  score: number;
  tier: { key: string };
  computedTier: { key: string };
  overridden: boolean;
  override: {
    tier: { key: string };
    status: { key: string };
    active: boolean;
    appliedInRun: boolean;
    reason: string;
    note: Label;
  } | null;
  reasons: { code: string }[];
  rulesFired: { id: string; effect: string; description: Label }[];
  hysteresis: { scoreMargin: number; minDaysInTier: number; held: boolean; note: Label | null };
  scorecard: {
    score: number;
    coverage: number;
    items: {
      indicator: string;
      raw: number | null;
      normalized: number | null;
      weight: number;
      effectiveWeight: number;
      contribution: number;
      runningTotal: number;
    }[];
  };
  churn: {
    risk: number | null;
    level: { key: string };
    reasons: { code: string; evidence: number | null; sentence: Label }[];
    summary: Label;
  };
  clv: { revenue: string; historical: string | null; predicted: string | null; pAlive: number | null };
}

const explain = (id: number, query = '', caller: Caller = 'admin') =>
  get<Explanation>(caller, `/api/v1/customers/${id}/grade${query}`);
const decimal = (cents: string | null) => (cents === null ? null : (Number(cents) / 100).toFixed(2));

describe('GET /api/v1/customers/:id/grade', () => {
  it('explains the current grade: contributions add up to the score, per indicator', async () => {
    const sample = (await rows(third)).filter((_, k) => k % 15 === 0);
    expect(sample.length).toBeGreaterThan(10);
    for (const row of sample) {
      const e = await explain(Number(row.customer_id));
      expect(e.run).toMatchObject({ id: third, current: true });
      expect(e.score).toBeCloseTo(row.score, 2);
      expect(e.tier.key).toBe(row.tier);
      expect(e.computedTier.key).toBe(row.computed);
      const items = e.scorecard.items;
      expect(items.length).toBeGreaterThan(5);
      const sum = items.reduce((s, item) => s + item.contribution, 0);
      expect(Math.abs(sum - e.score)).toBeLessThan(0.005);
      expect(items.at(-1)!.runningTotal).toBeCloseTo(e.score, 2);
      expect(items.reduce((s, item) => s + item.weight, 0)).toBeCloseTo(1, 6);
      for (const item of items) {
        expect(typeof item.indicator).toBe('string');
        if (item.normalized === null) {
          expect(item.contribution).toBe(0);
          continue;
        }
        expect(item.normalized).toBeGreaterThanOrEqual(0);
        expect(item.normalized).toBeLessThanOrEqual(100);
        expect(
          Math.abs(item.normalized * item.effectiveWeight - item.contribution),
          item.indicator,
        ).toBeLessThan(0.02);
      }
      expect(e.clv.revenue).toBe(decimal(row.revenue_cents));
      expect(e.clv.historical).toBe(decimal(row.clv_historical_cents));
      expect(e.clv.predicted).toBe(decimal(row.clv_predicted_cents));
      if (row.p_alive !== null && Number.isFinite(row.p_alive))
        expect(e.clv.pAlive).toBeCloseTo(row.p_alive, 5);
    }
  });

  it('explains a past run on request', async () => {
    const [row] = await rows(first);
    const e = await explain(Number(row!.customer_id), `?run=${first}`);
    expect(e.run).toMatchObject({ id: first, current: false });
    expect(e.score).toBeCloseTo(row!.score, 2);
    expect(e.tier.key).toBe(row!.tier);
  });

  it('names the rule that fired', async () => {
    const floors = await rows(third, `g.tier_flags & ${TIER_REASON.RULE_FLOOR} <> 0`);
    expect(floors.length).toBeGreaterThan(0);
    const e = await explain(Number(floors[0]!.customer_id));
    expect(e.reasons.map((r) => r.code)).toContain('RULE_FLOOR');
    expect(e.rulesFired).toEqual([
      expect.objectContaining({ effect: 'floor', id: expect.any(String) as string }),
    ]);
    expect(e.rulesFired[0]!.description.en).toMatch(/^Rule .+ at least [A-Z]/);
    expect(e.rulesFired[0]!.description.zh).toContain('至少为');
  });

  it('says when hysteresis held the tier, with the model’s margin and minimum stay', async () => {
    const held = await rows(second, `g.tier_flags & ${TIER_REASON.HELD_BY_HYSTERESIS} <> 0`);
    expect(held.length).toBeGreaterThan(0);
    const e = await explain(Number(held[0]!.customer_id), `?run=${second}`);
    expect(e.hysteresis.held).toBe(true);
    expect(e.hysteresis.note?.en).toContain(`by ${e.hysteresis.scoreMargin} points`);
    expect(e.hysteresis.note?.zh).toContain(`${e.hysteresis.minDaysInTier} 天`);
    const [free] = await rows(second, `g.tier_flags & ${TIER_REASON.HELD_BY_HYSTERESIS} = 0`);
    expect((await explain(Number(free!.customer_id), `?run=${second}`)).hysteresis).toMatchObject({
      held: false,
      note: null,
    });
  });

  it('shows the override beside the computed tier in the run that applied it, and not before', async () => {
    const now = await explain(overridden);
    expect(now).toMatchObject({ overridden: true, tier: { key: 'S' }, computedTier: { key: 'C' } });
    expect(now.reasons.map((r) => r.code)).toContain('OVERRIDE');
    expect(now.override).toMatchObject({
      tier: { key: 'S' },
      status: { key: 'approved' },
      active: true,
      appliedInRun: true,
      reason: '集团战略合作伙伴',
    });
    expect(now.override!.note.en).toMatch(/^Overridden to S .*the model computed C/);
    expect(now.override!.note.zh).toContain('人工调整为');
    const before = await explain(overridden, `?run=${second}`);
    expect(before).toMatchObject({
      overridden: false,
      tier: { key: 'C' },
      override: { appliedInRun: false },
    });
  });

  it('gives the churn reasons with their evidence and sentences', async () => {
    const churning = await rows(third, 'g.churn_flags <> 0');
    expect(churning.length).toBeGreaterThan(0);
    for (const row of churning.slice(0, 5)) {
      const e = await explain(Number(row.customer_id));
      expect(e.churn.reasons.map((r) => r.code)).toEqual(churnReasonKeys(row.churn_flags));
      expect(e.churn.reasons.length).toBeGreaterThan(0);
      for (const reason of e.churn.reasons) {
        expect(reason.sentence.en.length).toBeGreaterThan(0);
        expect(reason.sentence.zh.length).toBeGreaterThan(0);
        expect(reason.evidence === null || Number.isFinite(reason.evidence)).toBe(true);
      }
      expect(e.churn.reasons.some((r) => r.evidence !== null)).toBe(true);
      expect(e.churn.summary.en).toContain(e.churn.reasons[0]!.sentence.en);
    }
    const [calm] = await rows(third, 'g.churn_flags = 0');
    if (calm) expect((await explain(Number(calm.customer_id))).churn.reasons).toEqual([]);
  });

  it('answers 404 for a customer with no grade, an unknown run or customer, and 400 for a bad run', async () => {
    const created = await t.request('admin', 'POST', '/api/v1/customers', { name: '未评级客户' });
    const fresh = created.json<{ id: number }>().id;
    const none = await get<{ error: { code: string } }>('admin', `/api/v1/customers/${fresh}/grade`, 404);
    expect(none.error.code).toBe('GRADE_NOT_FOUND');
    // Graded in the second run (new then), absent from the first.
    const firstIds = new Set((await rows(first)).map((r) => r.customer_id));
    const newcomer = (await rows(second)).find((r) => !firstIds.has(r.customer_id))!;
    await get('admin', `/api/v1/customers/${newcomer.customer_id}/grade?run=${first}`, 404);
    await get('admin', `/api/v1/customers/${newcomer.customer_id}/grade?run=${second}`);
    const unknownRun = await get<{ error: { code: string } }>(
      'admin',
      `/api/v1/customers/${overridden}/grade?run=999999`,
      404,
    );
    expect(unknownRun.error.code).toBe('RUN_NOT_FOUND');
    await get('admin', '/api/v1/customers/999999999/grade', 404);
    await get('admin', `/api/v1/customers/${overridden}/grade?run=latest`, 400);
  });

  it('keeps managers to their own customers, as the customer routes do', async () => {
    const owned = await t.database.pool.query<{ id: string; owner_id: string }>(
      'SELECT id, owner_id FROM customers WHERE owner_id = ANY($1) AND id IN (SELECT customer_id FROM grades WHERE run_id = $2)',
      [[t.users.manager.id, t.users.otherManager.id], third],
    );
    const mine = owned.rows.find((r) => r.owner_id === t.users.manager.id)!.id;
    const theirs = owned.rows.find((r) => r.owner_id === t.users.otherManager.id)!.id;
    await get('manager', `/api/v1/customers/${mine}/grade`);
    await get('lead', `/api/v1/customers/${mine}/grade`);
    for (const caller of ['manager', 'lead'] as const) {
      const refused = await get<{ error: { code: string } }>(
        caller,
        `/api/v1/customers/${theirs}/grade`,
        404,
      );
      const profile = await get<{ error: { code: string } }>(caller, `/api/v1/customers/${theirs}`, 404);
      expect(refused.error.code).toBe(profile.error.code);
      await get(caller, `/api/v1/customers/${theirs}/grade?run=${first}`, 404);
    }
    await get('analyst', `/api/v1/customers/${theirs}/grade`);
    await get('director', `/api/v1/customers/${theirs}/grade`);
    await get('anonymous', `/api/v1/customers/${theirs}/grade`, 401);
  });
});
