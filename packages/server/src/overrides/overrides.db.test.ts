import { TIER_REASON } from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { createCustomer } from '../customers/customerService.js';
import { executeRun, gradeInProcess } from '../grading/executeRun.js';
import { GRADING_QUEUE } from '../grading/gradingWorker.js';
import type { JobHandler } from '../jobs/startJobs.js';
import { runScheduledTick } from '../schedule/scheduledTick.js';
import { expireOverrides } from './expireOverrides.js';
import { todayIn } from './overrideDays.js';
import { OVERRIDE_EXPIRY_CRON, OVERRIDE_EXPIRY_QUEUE, registerOverrideExpiry } from './overrideJobs.js';

/**
 * The governed override workflow end to end over HTTP, with real grading runs (manual and scheduled) on
 * a few customers: request → approve → every run keeps the override → it expires → the computed tier
 * returns and the owner is told. The test app's organisation timezone is UTC.
 */
const TZ = 'UTC';
let t: TestApp;
let own = 0;
let other = 0;
let computed = '';
let chosen = '';

const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  (await t.database.pool.query<T>(text, params)).rows;

function dayPlus(days: number): string {
  const day = new Date(`${todayIn(TZ)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

async function gradeNow(): Promise<number> {
  const [outcome] = await gradeInProcess({ database: t.database, timezone: TZ });
  return outcome!.runId;
}

async function gradeOf(runId: number, customerId: number) {
  const [row] = await q<{ tier: string; computed: string; flags: number; kind: string }>(
    `SELECT (m.document->'tiers'->g.tier->>'key') AS tier, (m.document->'tiers'->g.computed_tier->>'key') AS computed,
            g.tier_flags AS flags, r.kind
     FROM grades g JOIN grading_runs r ON r.id = g.run_id JOIN grading_models m ON m.id = r.model_id
     WHERE g.run_id = $1 AND g.customer_id = $2`,
    [runId, customerId],
  );
  return row!;
}

const notificationsOf = async (userId: string, kind: string) =>
  q<{ id: string; title: { zh: string; en: string }; body: { zh: string; en: string } }>(
    'SELECT id, title, body FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY id',
    [userId, kind],
  );

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  own = (await createCustomer(db, SYSTEM_ACTOR, { name: '华东重工', ownerId: t.users.manager.id })).id;
  other = (await createCustomer(db, SYSTEM_ACTOR, { name: '西南物流', ownerId: t.users.otherManager.id })).id;
  // Customers since last year, so a scheduled run (as of the last complete day) grades them too.
  await q(`UPDATE customers SET created_at = now() - interval '1 year'`);
  const runId = await gradeNow();
  computed = (await gradeOf(runId, own)).computed;
  chosen = computed === 'S' ? 'C' : 'S';
});
afterAll(async () => t?.close());

describe('governed overrides', () => {
  let overrideId = 0;

  it('a manager requests an override for an own customer, and approvers are told', async () => {
    const response = await t.request('manager', 'POST', `/api/v1/customers/${own}/overrides`, {
      tier: chosen,
      reason: '年度战略合作协议已签署',
      expiresOn: dayPlus(10),
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{ id: number; status: string; tier: string; requestedBy: { id: string } }>();
    expect(body).toMatchObject({ status: 'pending', tier: chosen, requestedBy: { id: t.users.manager.id } });
    overrideId = body.id;
    expect(await notificationsOf(t.users.director.id, 'override.requested')).toHaveLength(1);
    expect(await notificationsOf(t.users.admin.id, 'override.requested')).toHaveLength(1);
    // The requester owns the customer: nobody tells them about their own request.
    expect(await notificationsOf(t.users.manager.id, 'override.requested')).toHaveLength(0);

    const again = await t.request('manager', 'POST', `/api/v1/customers/${own}/overrides`, {
      tier: chosen,
      reason: '重复申请 duplicate',
      expiresOn: dayPlus(10),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('OVERRIDE_ALREADY_LIVE');
  });

  it('refuses bad requests with precise 4xx answers', async () => {
    const cases: [string, unknown, number, string][] = [
      [
        `/api/v1/customers/${other}/overrides`,
        { tier: 'S', reason: '不是我的客户', expiresOn: dayPlus(5) },
        404,
        'CUSTOMER_NOT_FOUND',
      ],
      [
        `/api/v1/customers/${own}/overrides`,
        { tier: 'Z', reason: '没有这个等级', expiresOn: dayPlus(5) },
        400,
        'OVERRIDE_TIER_UNKNOWN',
      ],
      [
        `/api/v1/customers/${own}/overrides`,
        { tier: 'S', reason: '有效期超过一年', expiresOn: dayPlus(400) },
        400,
        'OVERRIDE_EXPIRY_INVALID',
      ],
      [
        `/api/v1/customers/${own}/overrides`,
        { tier: 'S', reason: '短', expiresOn: dayPlus(5) },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [url, body, status, code] of cases) {
      const response = await t.request('manager', 'POST', url, body);
      expect(response.statusCode, `${url} ${JSON.stringify(body)}: ${response.body}`).toBe(status);
      expect(response.json<{ error: { code: string } }>().error.code).toBe(code);
    }
    // Nothing was written for the other manager's customer.
    expect(await q('SELECT 1 FROM overrides WHERE customer_id = $1', [other])).toEqual([]);
  });

  it('only an approver other than the requester decides', async () => {
    const asManager = await t.request('manager', 'POST', `/api/v1/overrides/${overrideId}/approve`, {});
    expect(asManager.statusCode).toBe(403);

    // A director's own request: refused to the director, decided by the admin.
    const customer = (
      await createCustomer(t.database.db, SYSTEM_ACTOR, { name: '直属客户', ownerId: t.users.director.id })
    ).id;
    await gradeNow();
    const mine = await t.request('director', 'POST', `/api/v1/customers/${customer}/overrides`, {
      tier: 'A',
      reason: '总监直接管理的客户',
      expiresOn: dayPlus(20),
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const mineId = mine.json<{ id: number }>().id;
    const self = await t.request('director', 'POST', `/api/v1/overrides/${mineId}/approve`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'OVERRIDE_OWN_DECISION',
      message: expect.stringMatching(/someone else/) as unknown,
    });
    const tooShort = await t.request('admin', 'POST', `/api/v1/overrides/${mineId}/reject`, { note: 'no' });
    expect(tooShort.statusCode).toBe(400);
    const rejected = await t.request('admin', 'POST', `/api/v1/overrides/${mineId}/reject`, {
      note: '请先补充合同材料',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<{ status: string }>().status).toBe('rejected');
    const twice = await t.request('admin', 'POST', `/api/v1/overrides/${mineId}/approve`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ error: { code: string } }>().error.code).toBe('OVERRIDE_NOT_PENDING');
  });

  it('an approved override shows beside the computed tier at once and wins in the next run', async () => {
    const approved = await t.request('director', 'POST', `/api/v1/overrides/${overrideId}/approve`, {
      note: '同意，到期后复核',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: { id: t.users.director.id },
      decisionNote: '同意，到期后复核',
    });
    const decided = await notificationsOf(t.users.manager.id, 'override.decided');
    expect(decided).toHaveLength(1);
    expect(decided[0]!.title.zh).toContain('已批准');

    const view = await t.request('manager', 'GET', `/api/v1/customers/${own}/tier`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      source: 'override',
      tier: { key: chosen },
      computedTier: { key: computed },
      override: { id: overrideId, status: 'approved', active: true },
    });

    const runId = await gradeNow();
    const grade = await gradeOf(runId, own);
    expect(grade).toMatchObject({ tier: chosen, computed, kind: 'manual' });
    expect(grade.flags & TIER_REASON.OVERRIDE).toBe(TIER_REASON.OVERRIDE);
  });

  it('a scheduled run keeps the override', async () => {
    const queued: unknown[] = [];
    const jobs = {
      enqueue: (name: string, data: object) => {
        queued.push({ name, data });
        return Promise.resolve('job');
      },
    };
    const tick = await runScheduledTick(
      { database: t.database, jobs, timezone: TZ },
      { modelKey: 'default' },
    );
    expect(tick.handled).toBe(true);
    if (!tick.handled) return;
    expect(tick.record.outcome).toBe('started');
    expect(queued).toEqual([{ name: GRADING_QUEUE, data: { runId: tick.record.runId } }]);
    // What the grading worker does with the queued job.
    await executeRun({ database: t.database, timezone: TZ }, tick.record.runId!);
    const grade = await gradeOf(tick.record.runId!, own);
    expect(grade).toMatchObject({ tier: chosen, computed, kind: 'scheduled' });
    expect(grade.flags & TIER_REASON.OVERRIDE).toBe(TIER_REASON.OVERRIDE);
    const [override] = await q<{ status: string }>('SELECT status FROM overrides WHERE id = $1', [
      overrideId,
    ]);
    expect(override!.status).toBe('approved');
  });

  it('lists and reads overrides within the caller’s scope', async () => {
    const list = await t.request('manager', 'GET', '/api/v1/overrides?status=approved');
    expect(list.json<{ items: { id: number }[] }>().items.map((o) => o.id)).toEqual([overrideId]);
    const byCustomer = await t.request('director', 'GET', `/api/v1/overrides?customerId=${own}`);
    expect(byCustomer.json<{ items: { id: number }[] }>().items.map((o) => o.id)).toEqual([overrideId]);
    const ofCustomer = await t.request('lead', 'GET', `/api/v1/customers/${own}/overrides`);
    expect(ofCustomer.json<{ items: { id: number }[] }>().items.map((o) => o.id)).toEqual([overrideId]);
    expect((await t.request('otherManager', 'GET', `/api/v1/overrides/${overrideId}`)).statusCode).toBe(404);
    expect((await t.request('otherManager', 'GET', `/api/v1/customers/${own}/overrides`)).statusCode).toBe(
      404,
    );
    const othersList = await t.request('otherManager', 'GET', '/api/v1/overrides');
    expect(othersList.json<{ items: unknown[] }>().items).toEqual([]);
    expect((await t.request('manager', 'GET', '/api/v1/overrides?status=bogus')).statusCode).toBe(400);
  });

  it('after its last day the computed tier returns in the next run and the owner is told', async () => {
    const expired = await expireOverrides(t.database.db, dayPlus(11));
    expect(expired.map((e) => e.id)).toContain(overrideId);
    const [row] = await q<{ status: string }>('SELECT status FROM overrides WHERE id = $1', [overrideId]);
    expect(row!.status).toBe('expired');
    const told = await notificationsOf(t.users.manager.id, 'override.expired');
    expect(told).toHaveLength(1);
    expect(told[0]!.body.en).toMatch(/computed tier applies again/);
    expect(told[0]!.body.zh).toMatch(/恢复按模型计算的等级/);

    const runId = await gradeNow();
    const grade = await gradeOf(runId, own);
    expect(grade.tier).toBe(grade.computed);
    expect(grade.flags & TIER_REASON.OVERRIDE).toBe(0);
    const view = await t.request('manager', 'GET', `/api/v1/customers/${own}/tier`);
    expect(view.json()).toMatchObject({ source: 'computed', override: null, tier: { key: grade.computed } });
    // Idempotent: a later call finds nothing more to end.
    expect(await expireOverrides(t.database.db, dayPlus(12))).toEqual([]);
  });

  it('the requester withdraws; nobody else below approver level may', async () => {
    const created = await t.request('manager', 'POST', `/api/v1/customers/${own}/overrides`, {
      tier: chosen,
      reason: '再次申请：合同续签',
      expiresOn: dayPlus(30),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    expect((await t.request('otherManager', 'POST', `/api/v1/overrides/${id}/withdraw`, {})).statusCode).toBe(
      404,
    );
    expect((await t.request('analyst', 'POST', `/api/v1/overrides/${id}/withdraw`, {})).statusCode).toBe(403);
    const withdrawn = await t.request('manager', 'POST', `/api/v1/overrides/${id}/withdraw`, {
      note: '不再需要',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json<{ status: string }>().status).toBe('withdrawn');
    const again = await t.request('manager', 'POST', `/api/v1/overrides/${id}/withdraw`, {});
    expect(again.json<{ error: { code: string } }>().error.code).toBe('OVERRIDE_NOT_LIVE');
  });

  it('records every step in the audit log', async () => {
    const steps = await q<{ action: string; actor_id: string | null; actor_kind: string; status: string }>(
      `SELECT action, actor_id, actor_kind, after->>'status' AS status FROM audit_log
       WHERE entity = 'override' AND entity_id = $1 ORDER BY id`,
      [String(overrideId)],
    );
    expect(steps).toEqual([
      { action: 'create', actor_id: t.users.manager.id, actor_kind: 'user', status: 'pending' },
      { action: 'update', actor_id: t.users.director.id, actor_kind: 'user', status: 'approved' },
      { action: 'update', actor_id: null, actor_kind: 'system', status: 'expired' },
    ]);
    const withdrawals = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity = 'override' AND after->>'status' IN ('rejected', 'withdrawn')`,
    );
    expect(withdrawals[0]!.n).toBe(2);
  });

  it('registers the daily expiry in the organisation’s timezone and catches up at start', async () => {
    const calls: unknown[] = [];
    let worker: JobHandler<object> | undefined;
    const jobs = {
      work: <Data>(name: string, handler: JobHandler<Data>) => {
        calls.push(['work', name]);
        worker = handler as JobHandler<object>;
        return Promise.resolve();
      },
      schedule: (name: string, cron: string, _data: object, options: { tz: string }) => {
        calls.push(['schedule', name, cron, options.tz]);
        return Promise.resolve();
      },
      enqueue: (name: string) => {
        calls.push(['enqueue', name]);
        return Promise.resolve('job');
      },
    };
    await registerOverrideExpiry(jobs, t.database, 'Asia/Shanghai');
    expect(calls).toEqual([
      ['work', OVERRIDE_EXPIRY_QUEUE],
      ['schedule', OVERRIDE_EXPIRY_QUEUE, OVERRIDE_EXPIRY_CRON, 'Asia/Shanghai'],
      ['enqueue', OVERRIDE_EXPIRY_QUEUE],
    ]);
    // An approved override whose last day has passed is ended by the job's handler.
    await q(
      `INSERT INTO overrides (customer_id, model_key, tier, reason, status, expires_on)
       VALUES ($1, 'default', 'S', '历史数据', 'approved', DATE '2020-01-31')`,
      [other],
    );
    await worker!({}, { id: 'job', name: OVERRIDE_EXPIRY_QUEUE });
    const [row] = await q<{ status: string }>(
      `SELECT status FROM overrides WHERE customer_id = $1 AND expires_on = DATE '2020-01-31'`,
      [other],
    );
    expect(row!.status).toBe('expired');
  });
});
