import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { CUSTOMER_SORTS, type CustomerOut } from './customerSchemas.js';
import { createCustomer } from './customerService.js';

let t: TestApp;
const all: CustomerOut[] = [];

type Page = { items: CustomerOut[]; nextCursor: string | null; total?: number };

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

async function walk(
  query: string,
  limit: number,
  caller: 'admin' | 'manager' = 'admin',
): Promise<CustomerOut[]> {
  const out: CustomerOut[] = [];
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
