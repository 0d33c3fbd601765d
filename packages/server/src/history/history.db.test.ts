import { decodeTierReasons } from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Caller, type TestApp } from '../app/testApp.js';
import { authFeature } from '../auth/authRoutes.js';
import { customersFeature } from '../customers/customerRoutes.js';
import { loadDemo } from '../demo/loadDemo.js';
import { gradeInProcess } from '../grading/executeRun.js';
import { historyFeature } from './historyRoutes.js';

/**
 * Demo data graded twice, half a year apart (customers created in between are new in the second run),
 * then a dry run: timelines, stored tier changes, the migration matrix and the movers are checked against
 * the grades table itself.
 */
let t: TestApp;
let first = 0;
let second = 0;
let dry = 0;

interface Grade {
  customer: number;
  tier: string;
  score: number;
  flags: number;
  revenueCents: bigint;
  owner: string | null;
}

const grades = new Map<number, Map<number, Grade>>();

async function run(asOf: string, dryRun = false): Promise<number> {
  const [outcome] = await gradeInProcess({ database: t.database, timezone: 'UTC' }, { asOf, dryRun });
  return outcome!.runId;
}

async function gradesOf(runId: number): Promise<Map<number, Grade>> {
  const { rows } = await t.database.pool.query<{
    customer_id: string;
    tier: string;
    score: number;
    tier_flags: number;
    revenue_cents: string;
    owner_id: string | null;
  }>(
    `SELECT g.customer_id, m.document->'tiers'->(g.tier::int)->>'key' AS tier, g.score, g.tier_flags,
            g.revenue_cents::text AS revenue_cents, c.owner_id
     FROM grades g JOIN grading_runs r ON r.id = g.run_id JOIN grading_models m ON m.id = r.model_id
     JOIN customers c ON c.id = g.customer_id WHERE g.run_id = $1`,
    [runId],
  );
  return new Map(
    rows.map((row) => [
      Number(row.customer_id),
      {
        customer: Number(row.customer_id),
        tier: row.tier,
        score: row.score,
        flags: row.tier_flags,
        revenueCents: BigInt(row.revenue_cents),
        owner: row.owner_id,
      },
    ]),
  );
}

beforeAll(async () => {
  t = await createTestApp({ features: [authFeature, customersFeature, historyFeature] });
  await loadDemo(t.database, { customers: 300, seed: 3, endDate: '2025-06-30', years: 3 });
  // Give the test managers a share of the book: every 5th customer to the manager, every 7th to the other.
  await t.database.pool.query(
    `UPDATE customers SET owner_id = CASE WHEN id % 5 = 0 THEN $1 WHEN id % 7 = 0 THEN $2 ELSE owner_id END`,
    [t.users.manager.id, t.users.otherManager.id],
  );
  first = await run('2024-12-31');
  second = await run('2025-06-30');
  dry = await run('2025-06-30', true);
  grades.set(first, await gradesOf(first));
  grades.set(second, await gradesOf(second));
});
afterAll(async () => t?.close());

const get = async <T>(caller: Caller, url: string, status = 200): Promise<T> => {
  const response = await t.request(caller, 'GET', url);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
};

/** Customers graded in both runs whose final tier moved. */
function moved(): Grade[] {
  const before = grades.get(first)!;
  return [...grades.get(second)!.values()].filter((g) => {
    const old = before.get(g.customer);
    return old !== undefined && old.tier !== g.tier;
  });
}

const byTier = (keys: string[]) => (a: string, b: string) => keys.indexOf(a) - keys.indexOf(b);
const TIERS = ['S', 'A', 'B', 'C'];

describe('tier changes', () => {
  it('the fixture has promotions, demotions and new customers', () => {
    const changes = moved();
    expect(changes.some((g) => byTier(TIERS)(g.tier, grades.get(first)!.get(g.customer)!.tier) < 0)).toBe(
      true,
    );
    expect(changes.some((g) => byTier(TIERS)(g.tier, grades.get(first)!.get(g.customer)!.tier) > 0)).toBe(
      true,
    );
    expect(grades.get(second)!.size).toBeGreaterThan(grades.get(first)!.size);
  });

  it('are stored as events with from, to, run and reasons, one per customer whose tier moved', async () => {
    const { rows } = await t.database.pool.query<{
      run_id: string;
      customer_id: string;
      from_tier: string;
      to_tier: string;
      reasons: number;
      direction: number;
    }>('SELECT * FROM tier_changes WHERE run_id = $1 ORDER BY customer_id', [second]);
    const expected = moved().sort((a, b) => a.customer - b.customer);
    expect(rows.map((row) => Number(row.customer_id))).toEqual(expected.map((g) => g.customer));
    for (const [k, row] of rows.entries()) {
      const now = expected[k]!;
      const before = grades.get(first)!.get(now.customer)!;
      expect(row).toMatchObject({ from_tier: before.tier, to_tier: now.tier, reasons: now.flags });
      expect(row.direction).toBe(Math.sign(byTier(TIERS)(before.tier, now.tier)));
      expect(decodeTierReasons(row.reasons)).toContain(row.direction > 0 ? 'PROMOTED' : 'DEMOTED');
    }
    // The first run had no previous grades: everyone is new there, which is not a tier change.
    const others = await t.database.pool.query('SELECT 1 FROM tier_changes WHERE run_id = $1', [first]);
    expect(others.rowCount).toBe(0);
  });
});

describe('GET /api/v1/customers/:id/grades', () => {
  it('lists tier, score and reasons across published runs, newest first; dry runs on request', async () => {
    const customer = moved()[0]!.customer;
    type Page = {
      items: {
        run: { id: number; dryRun: boolean };
        tier: { key: string };
        score: number;
        reasons: { code: string }[];
      }[];
      nextCursor: string | null;
    };
    const page = await get<Page>('admin', `/api/v1/customers/${customer}/grades`);
    expect(page.items.map((item) => item.run.id)).toEqual([second, first]);
    for (const item of page.items) {
      const grade = grades.get(item.run.id)!.get(customer)!;
      expect(item.tier.key).toBe(grade.tier);
      expect(item.score).toBeCloseTo(grade.score, 2);
      expect(item.reasons.map((r) => r.code)).toEqual(decodeTierReasons(grade.flags));
    }
    expect(page.items[0]!.tier.key).not.toBe(page.items[1]!.tier.key);

    const withDry = await get<Page>('admin', `/api/v1/customers/${customer}/grades?dryRuns=true`);
    expect(withDry.items.map((item) => [item.run.id, item.run.dryRun])).toEqual([
      [dry, true],
      [second, false],
      [first, false],
    ]);
    const one = await get<Page>('admin', `/api/v1/customers/${customer}/grades?limit=1`);
    expect(one.items.map((item) => item.run.id)).toEqual([second]);
    const next = await get<Page>(
      'admin',
      `/api/v1/customers/${customer}/grades?limit=1&cursor=${one.nextCursor}`,
    );
    expect(next).toMatchObject({ items: [{ run: { id: first } }], nextCursor: null });
  });

  it('is empty for a customer never graded, 404 for one out of scope or unknown, 400 for a bad cursor', async () => {
    const created = await t.request('admin', 'POST', '/api/v1/customers', { name: '新客户' });
    const fresh = created.json<{ id: number }>().id;
    expect(await get('admin', `/api/v1/customers/${fresh}/grades`)).toEqual({ items: [], nextCursor: null });
    const others = [...grades.get(second)!.values()].find((g) => g.owner === t.users.otherManager.id)!;
    await get('manager', `/api/v1/customers/${others.customer}/grades`, 404);
    await get('lead', `/api/v1/customers/${others.customer}/grades`, 404);
    await get('analyst', `/api/v1/customers/${others.customer}/grades`);
    await get('admin', '/api/v1/customers/999999999/grades', 404);
    await get('admin', `/api/v1/customers/${others.customer}/grades?cursor=bogus`, 400);
  });
});

describe('GET /api/v1/grading/migration', () => {
  type Matrix = {
    from: { run: { id: number }; customers: number };
    to: { run: { id: number }; customers: number };
    cells: {
      from: string | null;
      to: string | null;
      customers: number;
      revenue: string;
      fromRevenue: string;
    }[];
    customers: number;
  };

  function expectedCells(owner?: string) {
    const before = grades.get(first)!;
    const after = grades.get(second)!;
    const ids = new Set([...before.keys(), ...after.keys()]);
    const cells = new Map<string, { customers: number; revenue: bigint; fromRevenue: bigint }>();
    for (const id of ids) {
      const b = before.get(id);
      const a = after.get(id);
      if (owner !== undefined && (a ?? b)!.owner !== owner) continue;
      const key = `${b?.tier ?? null}>${a?.tier ?? null}`;
      const cell = cells.get(key) ?? { customers: 0, revenue: 0n, fromRevenue: 0n };
      cell.customers++;
      cell.revenue += a?.revenueCents ?? 0n;
      cell.fromRevenue += b?.revenueCents ?? 0n;
      cells.set(key, cell);
    }
    return cells;
  }

  const cents = (decimal: string) => BigInt(decimal.replace('.', ''));

  it('has counts and revenue per from → to cell that sum to the customer count', async () => {
    const matrix = await get<Matrix>('analyst', `/api/v1/grading/migration?from=${first}&to=${second}`);
    const expected = expectedCells();
    // Every cell of (4 tiers + not graded)², except not graded → not graded.
    expect(matrix.cells).toHaveLength(24);
    for (const cell of matrix.cells) {
      const want = expected.get(`${cell.from}>${cell.to}`) ?? { customers: 0, revenue: 0n, fromRevenue: 0n };
      expect(
        { n: cell.customers, r: cents(cell.revenue), f: cents(cell.fromRevenue) },
        `${cell.from}>${cell.to}`,
      ).toEqual({
        n: want.customers,
        r: want.revenue,
        f: want.fromRevenue,
      });
    }
    const total = matrix.cells.reduce((sum, cell) => sum + cell.customers, 0);
    expect(total).toBe(matrix.customers);
    expect(matrix.customers).toBe(grades.get(second)!.size);
    expect(matrix.from.customers).toBe(grades.get(first)!.size);
    expect(matrix.to.customers).toBe(grades.get(second)!.size);
    expect(matrix.cells.filter((c) => c.from === null).reduce((s, c) => s + c.customers, 0)).toBe(
      grades.get(second)!.size - grades.get(first)!.size,
    );
  });

  it("counts only an account manager's own customers", async () => {
    const matrix = await get<Matrix>('manager', `/api/v1/grading/migration?from=${first}&to=${second}`);
    const expected = expectedCells(t.users.manager.id);
    const total = [...expected.values()].reduce((sum, cell) => sum + cell.customers, 0);
    expect(total).toBeGreaterThan(0);
    expect(matrix.customers).toBe(total);
    for (const cell of matrix.cells) {
      expect(cell.customers).toBe(expected.get(`${cell.from}>${cell.to}`)?.customers ?? 0);
    }
  });

  it('answers 404 for an unknown run and 400 for a missing one', async () => {
    const missing = await get<{ error: { code: string } }>(
      'admin',
      `/api/v1/grading/migration?from=${first}&to=999999`,
      404,
    );
    expect(missing.error.code).toBe('RUN_NOT_FOUND');
    await get('admin', `/api/v1/grading/migration?from=${first}`, 400);
  });
});

describe('GET /api/v1/grading/runs/:runId/changes', () => {
  type Movers = {
    run: { id: number };
    items: {
      customer: { id: number };
      direction: string;
      fromTier: { key: string } | null;
      toTier: { key: string };
      reasons: { code: string }[];
    }[];
    nextCursor: string | null;
  };

  async function walk(caller: Caller, query: string): Promise<Movers['items']> {
    const out: Movers['items'] = [];
    let cursor: string | null = null;
    do {
      const page: Movers = await get<Movers>(
        caller,
        `/api/v1/grading/runs/${second}/changes?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  it('lists the promoted and demoted customers with their reasons, and the new ones', async () => {
    const changes = moved();
    const promoted = await walk('admin', '&direction=promoted');
    const demoted = await walk('admin', '&direction=demoted');
    expect([...promoted, ...demoted].map((m) => m.customer.id).sort((a, b) => a - b)).toEqual(
      changes.map((g) => g.customer).sort((a, b) => a - b),
    );
    for (const mover of [...promoted, ...demoted]) {
      const before = grades.get(first)!.get(mover.customer.id)!;
      const now = grades.get(second)!.get(mover.customer.id)!;
      expect(mover.fromTier?.key).toBe(before.tier);
      expect(mover.toTier.key).toBe(now.tier);
      expect(mover.reasons.map((r) => r.code)).toEqual(decodeTierReasons(now.flags));
      expect(
        byTier(TIERS)(before.tier, now.tier) * (mover.direction === 'promoted' ? 1 : -1),
      ).toBeGreaterThan(0);
    }
    const fresh = await walk('admin', '&direction=new');
    expect(fresh).toHaveLength(grades.get(second)!.size - grades.get(first)!.size);
    expect(fresh.every((m) => m.fromTier === null && m.reasons.some((r) => r.code === 'NEW'))).toBe(true);
    const all = await walk('admin', '');
    expect(all).toHaveLength(changes.length + fresh.length);
  });

  it('filters by the tier moved into and keeps a manager to their own customers', async () => {
    const intoC = await walk('admin', '&tier=C');
    expect(intoC.length).toBeGreaterThan(0);
    expect(intoC.every((m) => m.toTier.key === 'C')).toBe(true);
    const own = await walk('manager', '');
    const all = await walk('admin', '');
    const mine = all.filter((m) => grades.get(second)!.get(m.customer.id)!.owner === t.users.manager.id);
    expect(own.map((m) => m.customer.id)).toEqual(mine.map((m) => m.customer.id));
  });

  it('answers 404 for an unknown run and 400 for a bad direction', async () => {
    await get('admin', '/api/v1/grading/runs/999999/changes', 404);
    await get('admin', `/api/v1/grading/runs/${second}/changes?direction=sideways`, 400);
  });
});
