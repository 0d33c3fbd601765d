import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@stratum/db';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { updateUser } from '../users/userService.js';
import { SYSTEM_ACTOR } from '../access/actor.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const code = (r: { json: <T>() => T }) => r.json<{ error?: { code: string } }>().error?.code;

describe('customer rules', () => {
  it('an account manager owns what they create and cannot hand it over', async () => {
    const mine = await t.request('manager', 'POST', '/api/v1/customers', { name: '自建客户' });
    expect(mine.statusCode).toBe(201);
    expect(mine.json<{ ownerId: string }>().ownerId).toBe(t.users.manager.id);
    const handOver = await t.request('manager', 'POST', '/api/v1/customers', {
      name: 'x',
      ownerId: t.users.otherManager.id,
    });
    expect(handOver.statusCode).toBe(403);
    expect(code(handOver)).toBe('CUSTOMER_OWNER_FORBIDDEN');
    const id = mine.json<{ id: number }>().id;
    const patch = await t.request('manager', 'PATCH', `/api/v1/customers/${id}`, {
      ownerId: t.users.otherManager.id,
    });
    expect(code(patch)).toBe('CUSTOMER_OWNER_FORBIDDEN');
  });

  it('a team lead assigns within the team only; an admin assigns active users only', async () => {
    const ok = await t.request('lead', 'POST', '/api/v1/customers', {
      name: '团队客户',
      ownerId: t.users.manager.id,
    });
    expect(ok.statusCode).toBe(201);
    const outside = await t.request('lead', 'POST', '/api/v1/customers', {
      name: 'x',
      ownerId: t.users.otherManager.id,
    });
    expect(code(outside)).toBe('CUSTOMER_OWNER_FORBIDDEN');
    const ghost = await t.request('admin', 'POST', '/api/v1/customers', {
      name: 'x',
      ownerId: 'no-such-user',
    });
    expect(code(ghost)).toBe('CUSTOMER_OWNER_INVALID');
  });

  it('an inactive owner is refused', async () => {
    const created = await t.request('admin', 'POST', '/api/v1/users', {
      email: 'gone@test.local',
      role: 'account_manager',
    });
    const id = created.json<{ user: { id: string } }>().user.id;
    await updateUser(t.database.db, SYSTEM_ACTOR, id, { active: false });
    const r = await t.request('admin', 'POST', '/api/v1/customers', { name: 'x', ownerId: id });
    expect(code(r)).toBe('CUSTOMER_OWNER_INVALID');
  });

  it('the parent must exist and must not close a loop; a refused change is not audited', async () => {
    const make = async (name: string, parentId?: number) =>
      (
        await t.request('admin', 'POST', '/api/v1/customers', { name, ...(parentId ? { parentId } : {}) })
      ).json<{ id: number }>().id;
    const group = await make('集团');
    const sub = await make('子公司', group);
    const subsub = await make('孙公司', sub);
    expect(code(await t.request('admin', 'POST', '/api/v1/customers', { name: 'x', parentId: 987654 }))).toBe(
      'CUSTOMER_PARENT_NOT_FOUND',
    );
    const before = await t.database.db.select().from(auditLog).where(eq(auditLog.customerId, group));
    for (const parentId of [group, subsub]) {
      const r = await t.request('admin', 'PATCH', `/api/v1/customers/${group}`, { parentId: parentId });
      expect(r.statusCode).toBe(400);
      expect(code(r)).toBe('CUSTOMER_PARENT_CYCLE');
    }
    const after = await t.database.db.select().from(auditLog).where(eq(auditLog.customerId, group));
    expect(after).toHaveLength(before.length);
  });

  it('audits every change with before and after, readable through the customer', async () => {
    const c = await t.request('manager', 'POST', '/api/v1/customers', { name: '审计客户', employees: 10 });
    const id = c.json<{ id: number }>().id;
    await t.request('manager', 'PATCH', `/api/v1/customers/${id}`, { employees: 20 });
    const o = await t.request('manager', 'POST', `/api/v1/customers/${id}/orders`, {
      orderedAt: '2024-03-01',
      amount: '99.90',
    });
    await t.request('manager', 'DELETE', `/api/v1/customers/${id}/orders/${o.json<{ id: number }>().id}`);
    const history = await t.request('manager', 'GET', `/api/v1/customers/${id}/audit`);
    expect(history.statusCode).toBe(200);
    const items = history.json<{
      items: {
        action: string;
        entity: string;
        before: { employees?: number } | null;
        after: { employees?: number } | null;
        actorId: string;
      }[];
    }>().items;
    expect(items.map((i) => `${i.entity}:${i.action}`)).toEqual([
      'order:delete',
      'order:create',
      'customer:update',
      'customer:create',
    ]);
    expect(items[2]?.before?.employees).toBe(10);
    expect(items[2]?.after?.employees).toBe(20);
    expect(items.every((i) => i.actorId === t.users.manager.id)).toBe(true);
    expect((await t.request('manager', 'GET', '/api/v1/audit')).statusCode).toBe(403);
    expect(
      (await t.request('analyst', 'GET', `/api/v1/audit?customerId=${id}`)).json<{ items: unknown[] }>()
        .items,
    ).toHaveLength(4);
  });

  it('soft delete hides the customer everywhere', async () => {
    const id = (await t.request('manager', 'POST', '/api/v1/customers', { name: '将删除' })).json<{
      id: number;
    }>().id;
    expect((await t.request('director', 'DELETE', `/api/v1/customers/${id}`)).statusCode).toBe(204);
    expect((await t.request('director', 'GET', `/api/v1/customers/${id}`)).statusCode).toBe(404);
    expect((await t.request('director', 'GET', `/api/v1/customers/${id}/orders`)).statusCode).toBe(404);
  });

  it.each([
    [{ employees: -1 }, 'body.employees'],
    [{ marketPosition: 'giant' }, 'body.marketPosition'],
    [{ status: 'dead' }, 'body.status'],
    [{ companyRevenue: '1.234' }, 'body.companyRevenue'],
    [{ companyRevenue: 0.1 + 0.2 }, 'body.companyRevenue'],
    [{ companyRevenue: '-5' }, 'body.companyRevenue'],
    [{ unknownField: 1 }, 'body'],
  ])('rejects %o at %s', async (patch, where) => {
    const r = await t.request('admin', 'POST', '/api/v1/customers', { name: 'x', ...patch });
    expect(r.statusCode).toBe(400);
    const details = r.json<{ error: { details: { in: string; path: string }[] } }>().error.details;
    expect(details.map((d) => (d.path ? `${d.in}.${d.path}` : d.in))).toContain(where);
  });
});

describe('records under a customer', () => {
  let id = 0;
  beforeAll(async () => {
    id = (await t.request('manager', 'POST', '/api/v1/customers', { name: '活动客户' })).json<{
      id: number;
    }>().id;
  });

  it('scores surveys by kind, on create and on a partial update', async () => {
    const base = `/api/v1/customers/${id}/surveys`;
    expect(
      code(await t.request('manager', 'POST', base, { kind: 'csat', score: 7, answeredAt: '2024-01-01' })),
    ).toBe('SURVEY_SCORE_OUT_OF_RANGE');
    expect(
      code(await t.request('manager', 'POST', base, { kind: 'csat', score: 0, answeredAt: '2024-01-01' })),
    ).toBe('SURVEY_SCORE_OUT_OF_RANGE');
    const nps = await t.request('manager', 'POST', base, { kind: 'nps', score: 9, answeredAt: '2024-01-01' });
    expect(nps.statusCode).toBe(201);
    const sid = nps.json<{ id: number }>().id;
    expect(code(await t.request('manager', 'PATCH', `${base}/${sid}`, { kind: 'csat' }))).toBe(
      'SURVEY_SCORE_OUT_OF_RANGE',
    );
    expect(
      (await t.request('manager', 'PATCH', `${base}/${sid}`, { kind: 'csat', score: 5 })).statusCode,
    ).toBe(200);
  });

  it('keeps money exact and generates readable external ids', async () => {
    const r = await t.request('manager', 'POST', `/api/v1/customers/${id}/orders`, {
      orderedAt: new Date().toISOString(),
      amount: '1234567890123456.78',
      margin: -5,
    });
    expect(r.statusCode, r.body).toBe(201);
    const order = r.json<{ amount: string; margin: string; externalId: string }>();
    expect(order.amount).toBe('1234567890123456.78');
    expect(order.margin).toBe('-5.00');
    expect(order.externalId).toMatch(/^ORD-[0-9A-Z]{10}$/);
    const detail = await t.request('manager', 'GET', `/api/v1/customers/${id}`);
    expect(
      detail.json<{ summary: { revenueLast12Months: string; orderCount: number } }>().summary,
    ).toMatchObject({
      revenueLast12Months: '1234567890123456.78',
      orderCount: 1,
    });
  });

  it('checks references to contacts and the complaint timeline', async () => {
    const base = `/api/v1/customers/${id}`;
    expect(
      code(
        await t.request('manager', 'POST', `${base}/interactions`, {
          kind: 'visit',
          occurredAt: '2024-01-01',
          contactId: 424242,
        }),
      ),
    ).toBe('INTERACTION_CONTACT_NOT_FOUND');
    const contact = await t.request('manager', 'POST', `${base}/contacts`, {
      name: '王总',
      role: 'decision_maker',
      attitude: 'supportive',
    });
    const cid = contact.json<{ id: number }>().id;
    expect(
      (
        await t.request('manager', 'POST', `${base}/interactions`, {
          kind: 'visit',
          occurredAt: '2024-01-01',
          contactId: cid,
        })
      ).statusCode,
    ).toBe(201);
    expect(code(await t.request('manager', 'PATCH', `${base}/contacts/${cid}`, { reportsToId: cid }))).toBe(
      'CONTACT_REPORTS_TO_INVALID',
    );
    expect(
      code(
        await t.request('manager', 'POST', `${base}/complaints`, {
          openedAt: '2024-02-01',
          resolvedAt: '2024-01-01',
        }),
      ),
    ).toBe('COMPLAINT_RESOLVED_BEFORE_OPENED');
    expect(code(await t.request('manager', 'POST', `${base}/contacts`, { name: 'x', role: 'boss' }))).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('pages a customer’s records newest first', async () => {
    const base = `/api/v1/customers/${id}/interactions`;
    for (let d = 1; d <= 9; d++)
      await t.request('manager', 'POST', base, { kind: 'call', occurredAt: `2023-06-0${d}` });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r = await t.request('manager', 'GET', `${base}?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      const body = r.json<{ items: { id: number }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(10);
  });
});
