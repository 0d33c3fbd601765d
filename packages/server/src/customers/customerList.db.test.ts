import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { gradeInProcess } from '../grading/executeRun.js';
import { CUSTOMER_SORTS, type CustomerOut } from './customerSchemas.js';
import { createCustomer } from './customerService.js';

let t: TestApp;
const all: CustomerOut[] = [];

type Item = CustomerOut & {
  currentTier: { key: string; label: { zh: string; en: string }; source: 'override' | 'computed' } | null;
};
type Page = { items: Item[]; nextCursor: string | null; total?: number };

const NAMES = [
  '华为技术有限公司',
  '华为终端',
  '中兴通讯',
  'Acme',
  'acme',
  '同名客户',
  '同名客户',
  '同名客户',
  '同名客户',
  '阿里巴巴',
];

beforeAll(async () => {
  t = await createTestApp();
  const owners = [t.users.manager.id, t.users.otherManager.id, t.users.lead.id];
  // 60 customers with deliberate ties: repeated names, revenues, employee counts and nulls.
  for (let i = 0; i < 60; i++) {
    const row = await createCustomer(t.database.db, SYSTEM_ACTOR, {
      name: NAMES[i % NAMES.length] ?? 'x',
      externalId: `L-${String(i).padStart(3, '0')}`,
      industry: i % 3 === 0 ? '制造业' : '零售',
      region: i % 2 === 0 ? '华东' : '华南',
      employees: i % 4 === 0 ? null : (i % 5) * 100,
      companyRevenue: i % 6 === 0 ? null : `${(i % 4) * 1000}.50`,
      status: i % 7 === 0 ? 'churned' : 'active',
      marketPosition: i % 2 === 0 ? 'leader' : 'sme',
      tags: i % 5 === 0 ? ['重点', 'vip'] : [],
      ownerId: owners[i % owners.length] ?? null,
    });
    all.push({ ...row, createdAt: '', updatedAt: '' });
  }
});
afterAll(async () => t?.close());

async function page(url: string, caller: 'admin' | 'manager' = 'admin'): Promise<Page> {
  const r = await t.request(caller, 'GET', url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Page>();
}

async function walk(query: string, limit: number, caller: 'admin' | 'manager' = 'admin'): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const p = await page(
      `/api/v1/customers?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      caller,
    );
    out.push(...p.items);
    cursor = p.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('pagination did not end');
}

const SORT_FIELD = {
  name: 'name',
  external_id: 'externalId',
  created_at: 'createdAt',
  updated_at: 'updatedAt',
  company_revenue: 'companyRevenue',
  employees: 'employees',
} as const;

function compare(a: string | number | null, b: string | number | null, field: string): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1; // nulls last
  if (field === 'companyRevenue') return Number(a) - Number(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return 0; // text order is the database collation's; only ties and completeness are checked for text
}

describe('customer list', () => {
  it.each(
    CUSTOMER_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((order) => [sort, order] as const)),
  )('keyset pages by %s %s return every row exactly once, in order', async (sort, order) => {
    const rows = await walk(`sort=${sort}&order=${order}`, 7);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort((a, b) => a - b)).toEqual(all.map((c) => c.id).sort((a, b) => a - b));
    const field = SORT_FIELD[sort];
    for (let i = 1; i < rows.length; i++) {
      const prev = rows[i - 1] as unknown as Record<string, string | number | null>;
      const cur = rows[i] as unknown as Record<string, string | number | null>;
      const c = compare(prev[field] ?? null, cur[field] ?? null, field);
      if (prev[field] === null || cur[field] === null) expect(c, `${sort} nulls last`).toBeLessThanOrEqual(0);
      else expect(order === 'asc' ? c : -c, `${sort} ${order} at ${i}`).toBeLessThanOrEqual(0);
      if (c === 0 && prev[field] === cur[field]) {
        expect(
          order === 'asc'
            ? (prev.id as number) < (cur.id as number)
            : (prev.id as number) > (cur.id as number),
        ).toBe(true);
      }
    }
  });

  it('finds Chinese names by a part of the name', async () => {
    const p = await page(`/api/v1/customers?q=${encodeURIComponent('华为')}&count=true&limit=200`);
    expect(p.items.length).toBeGreaterThan(0);
    expect(p.items.every((c) => c.name.includes('华为'))).toBe(true);
    expect(p.total).toBe(all.filter((c) => c.name.includes('华为')).length);
    const literal = await page(`/api/v1/customers?q=${encodeURIComponent('%')}`);
    expect(literal.items).toHaveLength(0); // % is a character, not a wildcard
  });

  it.each([
    ['industry=%E5%88%B6%E9%80%A0%E4%B8%9A', (c: CustomerOut) => c.industry === '制造业'],
    ['region=%E5%8D%8E%E5%8D%97', (c: CustomerOut) => c.region === '华南'],
    ['status=churned', (c: CustomerOut) => c.status === 'churned'],
    ['marketPosition=leader', (c: CustomerOut) => c.marketPosition === 'leader'],
    ['tag=vip', (c: CustomerOut) => c.tags.includes('vip')],
  ])('filters by %s', async (query, predicate) => {
    const p = await page(`/api/v1/customers?${query}&limit=200&count=true`);
    expect(p.items.length).toBeGreaterThan(0);
    expect(p.items.every(predicate)).toBe(true);
    expect(p.total).toBe(all.filter(predicate).length);
  });

  it('filters by owner, and an account manager sees only their own', async () => {
    const byOwner = await page(`/api/v1/customers?ownerId=${t.users.otherManager.id}&limit=200`);
    expect(byOwner.items.every((c) => c.ownerId === t.users.otherManager.id)).toBe(true);
    const own = await walk('sort=name', 5, 'manager');
    expect(own.length).toBe(all.filter((c) => c.ownerId === t.users.manager.id).length);
    expect(own.every((c) => c.ownerId === t.users.manager.id)).toBe(true);
    const peek = await page(`/api/v1/customers?ownerId=${t.users.otherManager.id}`, 'manager');
    expect(peek.items).toHaveLength(0);
  });

  it('accepts tier, which matches nobody until grading runs exist', async () => {
    const p = await page('/api/v1/customers?tier=S&count=true');
    expect(p).toEqual({ items: [], nextCursor: null, total: 0 });
    expect((await page('/api/v1/customers?limit=3')).items.map((c) => c.currentTier)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('refuses an empty or oversized tier filter with 400', async () => {
    for (const query of ['tier=', 'tier=,', `tier=${'S'.repeat(51)}`]) {
      const r = await t.request('admin', 'GET', `/api/v1/customers?${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.json<{ error: { code: string } }>().error.code, query).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses a cursor from another sort and a forged cursor', async () => {
    const first = await page('/api/v1/customers?sort=name&limit=5');
    const wrong = await t.request(
      'admin',
      'GET',
      `/api/v1/customers?sort=employees&cursor=${first.nextCursor}`,
    );
    expect(wrong.statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify(['company_revenue', 'asc', 'not a number', 1])).toString(
      'base64url',
    );
    const bad = await t.request('admin', 'GET', `/api/v1/customers?sort=company_revenue&cursor=${forged}`);
    expect(bad.statusCode).toBe(400);
  });
});

describe('customer list by current tier', () => {
  const tierOf = new Map<number, string>();
  let overridden = 0;

  beforeAll(async () => {
    const { pool } = t.database;
    // Three customers with a million a year: the default model's rule lifts them to at least A.
    const rich = all.slice(0, 3).map((c) => c.id);
    await pool.query(
      `INSERT INTO orders (customer_id, external_id, ordered_at, amount)
       SELECT id, 'BIG-' || id, now() - interval '30 days', 1500000 FROM customers WHERE id = ANY($1::bigint[])`,
      [rich],
    );
    await gradeInProcess({ database: t.database, timezone: 'UTC' });
    // An active override to S, an expired one and a pending one (neither of the last two counts).
    overridden = all[5]!.id;
    await pool.query(
      `INSERT INTO overrides (customer_id, model_key, tier, reason, status, expires_on) VALUES
         ($1, 'default', 'S', '战略合作', 'approved', current_date + 30),
         ($2, 'default', 'S', '已过期', 'approved', current_date - 1),
         ($3, 'default', 'S', '待审批', 'pending', current_date + 30)`,
      [overridden, all[6]!.id, all[7]!.id],
    );
    const { rows } = await pool.query<{ customer_id: string; key: string }>(
      `SELECT g.customer_id, m.document->'tiers'->(g.computed_tier::int)->>'key' AS key
       FROM grading_current gc JOIN grades g ON g.run_id = gc.run_id JOIN grading_models m ON m.id = gc.model_id`,
    );
    for (const row of rows) tierOf.set(Number(row.customer_id), row.key);
    tierOf.set(overridden, 'S');
  });

  const expectedIds = (keys: string[], owner?: string) =>
    all
      .filter((c) => keys.includes(tierOf.get(c.id) ?? '') && (owner === undefined || c.ownerId === owner))
      .map((c) => c.id)
      .sort((a, b) => a - b);

  it('graded a mix of tiers (the fixture is meaningful)', () => {
    expect(tierOf.size).toBe(all.length);
    expect(expectedIds(['A']).length).toBeGreaterThanOrEqual(3);
    expect(expectedIds(['C']).length).toBeGreaterThan(10);
  });

  it.each([['S'], ['A'], ['S', 'A'], ['C']])(
    'filters by tier %s with the override winning',
    async (...keys) => {
      const query = `tier=${keys.join(',')}`;
      const rows = await walk(query, 4);
      expect(rows.map((c) => c.id).sort((a, b) => a - b)).toEqual(expectedIds(keys));
      expect(rows.every((c) => c.currentTier !== null && keys.includes(c.currentTier.key))).toBe(true);
      expect((await page(`/api/v1/customers?${query}&count=true`)).total).toBe(expectedIds(keys).length);
    },
  );

  it('takes repeated tier parameters and keys no model has', async () => {
    const repeated = await walk('tier=S&tier=A', 50);
    expect(repeated.map((c) => c.id).sort((a, b) => a - b)).toEqual(expectedIds(['S', 'A']));
    expect((await page('/api/v1/customers?tier=Z&count=true')).total).toBe(0);
  });

  it('shows the current tier on each item: override over the computed tier', async () => {
    const rows = await walk('sort=external_id', 200);
    const byId = new Map(rows.map((c) => [c.id, c]));
    expect(byId.get(overridden)?.currentTier).toEqual({
      key: 'S',
      label: expect.objectContaining({ en: expect.any(String) as string }) as object,
      source: 'override',
    });
    for (const id of [all[6]!.id, all[7]!.id]) {
      expect(byId.get(id)?.currentTier).toMatchObject({ key: tierOf.get(id), source: 'computed' });
    }
    expect(rows.every((c) => c.currentTier?.key === tierOf.get(c.id))).toBe(true);
  });

  it('applies the data scope to a tier filter', async () => {
    const own = await walk('tier=C,S,A', 200, 'manager');
    expect(own.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      expectedIds(['C', 'S', 'A'], t.users.manager.id),
    );
  });
});
