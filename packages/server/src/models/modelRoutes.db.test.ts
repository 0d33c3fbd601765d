import { DEFAULT_MODEL, DEFAULT_MODEL_INPUT } from '@stratum/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createTestApp, type TestApp } from '../app/testApp.js';
import { loadDemo } from '../demo/loadDemo.js';
import { executeRun } from '../grading/executeRun.js';
import { requestRuns } from '../grading/requestRuns.js';

const END = '2025-06-30';
let t: TestApp;

interface Version {
  id: number;
  key: string;
  version: number;
  status: string;
  priority: number;
  segment: unknown;
  document: Record<string, unknown>;
}
interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: { zh: string; en: string } }[] };
}

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
  (await t.database.pool.query<T>(sql, params)).rows;
const call = async <T>(method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, status = 200) => {
  const response = await t.request('director', method, url, body);
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status);
  return response.json<T>();
};
const model = (changes: Record<string, unknown> = {}) => ({ ...structuredClone(DEFAULT_MODEL), ...changes });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('models API', () => {
  it('validates a document without saving it, with each issue’s path and a zh/en sentence', async () => {
    const broken = structuredClone(DEFAULT_MODEL_INPUT) as unknown as {
      groups: { indicators: { key: string }[] }[];
    };
    broken.groups[0]!.indicators[0]!.key = 'revenu';
    const invalid = await call<{ valid: boolean; issues: ErrorBody['error']['details'] }>(
      'POST',
      '/api/v1/models/validate',
      { document: broken },
    );
    expect(invalid.valid).toBe(false);
    expect(invalid.issues).toEqual([
      expect.objectContaining({
        path: 'groups[0].indicators[0].key',
        code: 'UNKNOWN_INDICATOR',
        message: {
          zh: "未知指标 'revenu'（是否为 revenue？）",
          en: "Unknown indicator 'revenu' (did you mean revenue?)",
        },
      }),
    ]);
    const valid = await call<{ valid: boolean; issues: unknown[] }>('POST', '/api/v1/models/validate', {
      document: DEFAULT_MODEL_INPUT,
    });
    expect(valid).toEqual({ valid: true, issues: [] });
    // Analysts may check documents too: checking changes nothing.
    expect((await t.request('analyst', 'POST', '/api/v1/models/validate', { document: {} })).statusCode).toBe(
      200,
    );
  });

  it('draft → publish → next version → diff → archive', async () => {
    const segment = { regions: ['华东'] };
    const v1 = await call<Version>(
      'POST',
      '/api/v1/models',
      { key: 'east', document: model({ name: '华东模型', segment }), priority: 10 },
      201,
    );
    expect(v1).toMatchObject({ key: 'east', version: 1, status: 'draft', priority: 10, segment });
    const edited = await call<Version>('PATCH', `/api/v1/models/${v1.id}`, {
      document: model({ name: '华东模型 v1', segment }),
    });
    expect(edited.document.name).toBe('华东模型 v1');
    expect((await call<Version>('POST', `/api/v1/models/${v1.id}/publish`, {})).status).toBe('published');

    const draft = await call<Version>('POST', '/api/v1/models', { fromModelId: v1.id }, 201);
    expect(draft).toMatchObject({ key: 'east', version: 2, status: 'draft', priority: 10 });
    const tiers = structuredClone(DEFAULT_MODEL.tiers);
    tiers[1] = { ...tiers[1]!, minScore: 60 };
    await call('PATCH', `/api/v1/models/${draft.id}`, {
      document: model({ name: '华东模型 v1', segment, tiers }),
      priority: 20,
    });
    await call('POST', `/api/v1/models/${draft.id}/publish`);
    expect((await call<Version>('GET', `/api/v1/models/${v1.id}`)).status).toBe('archived');
    const versions = await call<{ items: Version[] }>('GET', `/api/v1/models/${v1.id}/versions`);
    expect(versions.items.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'archived'],
    ]);

    const diff = await call<{
      changes: { kind: string; path: string; text: { zh: string; en: string } }[];
    }>('GET', `/api/v1/models/diff?from=${v1.id}&to=${draft.id}`);
    expect(diff.changes).toEqual([
      expect.objectContaining({
        kind: 'tier.minScore',
        path: 'tiers[1].minScore',
        text: {
          zh: expect.stringMatching(/最低分 65 → 60/) as string,
          en: expect.stringMatching(/65 → 60/) as string,
        },
      }),
      expect.objectContaining({ kind: 'priority', text: { zh: '优先级 10 → 20', en: 'Priority 10 → 20' } }),
    ]);

    const published = await call<{ items: Version[] }>('GET', '/api/v1/models?status=published');
    expect(published.items.map((m) => m.key).sort()).toEqual(['default', 'east']);
    expect((await call<Version>('POST', `/api/v1/models/${draft.id}/archive`)).status).toBe('archived');
    const after = await call<{ items: Version[] }>('GET', '/api/v1/models?status=published');
    expect(after.items.map((m) => m.key)).toEqual(['default']);
    const audit = await q<{ n: string }>(
      `SELECT count(*) AS n FROM audit_log WHERE entity = 'grading_model' AND entity_id = $1`,
      [String(draft.id)],
    );
    expect(Number(audit[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad documents and unclear precedence with precise messages', async () => {
    const expectError = async (
      method: 'POST' | 'PATCH',
      url: string,
      body: unknown,
      status: number,
      code: string,
      message: RegExp,
    ) => {
      const response = await t.request('director', method, url, body);
      expect(response.statusCode, response.body).toBe(status);
      const { error } = response.json<ErrorBody>();
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      return error;
    };
    const broken = structuredClone(DEFAULT_MODEL_INPUT) as unknown as { rules: { atLeast?: string }[] };
    broken.rules[0]!.atLeast = 'X';
    const invalid = await expectError(
      'POST',
      '/api/v1/models',
      { key: 'broken', document: broken },
      400,
      'MODEL_INVALID',
      /1 problem/,
    );
    expect(invalid.details?.[0]).toMatchObject({ path: 'rules[0].atLeast' });
    expect(invalid.details?.[0]?.message.zh).toMatch(/X/);
    await expectError(
      'POST',
      '/api/v1/models',
      { key: 'new-family' },
      400,
      'MODEL_INVALID',
      /needs a document/,
    );
    await expectError(
      'POST',
      '/api/v1/models',
      { key: 'Bad Key', document: DEFAULT_MODEL_INPUT },
      400,
      'VALIDATION_FAILED',
      /key/,
    );
    await expectError(
      'POST',
      '/api/v1/models',
      { key: 'sched', document: DEFAULT_MODEL_INPUT, schedule: '0 3 * *' },
      400,
      'SCHEDULE_INVALID',
      /needs 5 fields/,
    );

    const a = await call<Version>(
      'POST',
      '/api/v1/models',
      { key: 'north', document: model({ segment: { regions: ['华北'] } }), priority: 1000 },
      201,
    );
    const tiersOutOfOrder = structuredClone(DEFAULT_MODEL_INPUT) as unknown as {
      tiers: { minScore: number }[];
    };
    tiersOutOfOrder.tiers[1]!.minScore = 95;
    const unordered = await expectError(
      'PATCH',
      `/api/v1/models/${a.id}`,
      { document: tiersOutOfOrder },
      400,
      'MODEL_INVALID',
      /problem/,
    );
    expect(unordered.details?.[0]?.path).toMatch(/^tiers\[1\]/);
    expect(unordered.details?.[0]?.message.en).toMatch(/minScore|minimum|score/i);
    await expectError('POST', `/api/v1/models/${a.id}/publish`, {}, 409, 'PRIORITY_TAKEN', /priority 1000/);
    await expectError(
      'POST',
      `/api/v1/models/${a.id}/publish`,
      { priority: 2000 },
      409,
      'MODEL_SHADOWED',
      /after the fallback default v1/,
    );
    await call('POST', `/api/v1/models/${a.id}/publish`, { priority: 30 });
    await expectError(
      'PATCH',
      `/api/v1/models/${a.id}`,
      { document: DEFAULT_MODEL_INPUT },
      409,
      'MODEL_FROZEN',
      /published: only its schedule can change/,
    );
    await expectError('POST', `/api/v1/models/${a.id}/publish`, {}, 409, 'MODEL_NOT_DRAFT', /only drafts/);
    const [fallback] = await q<{ id: string }>(`SELECT id FROM grading_models WHERE key = 'default'`);
    await expectError(
      'POST',
      `/api/v1/models/${fallback!.id}/archive`,
      undefined,
      409,
      'NO_FALLBACK_MODEL',
      /no published model without a segment/,
    );
    await expectError('POST', '/api/v1/models/999999/archive', undefined, 404, 'MODEL_NOT_FOUND', /999999/);
    await call('POST', `/api/v1/models/${a.id}/archive`);
  });

  it('several segmented models: every customer graded by exactly one, as the coverage said', async () => {
    await loadDemo(t.database, { customers: 300, seed: 5, endDate: END, years: 2 });
    const east = await call<Version>(
      'POST',
      '/api/v1/models',
      { key: 'east-2', document: model({ segment: { regions: ['华东'] } }), priority: 10 },
      201,
    );
    const leaders = await call<Version>(
      'POST',
      '/api/v1/models',
      { key: 'leaders', document: model({ segment: { marketPositions: ['leader'] } }), priority: 20 },
      201,
    );
    await call('POST', `/api/v1/models/${east.id}/publish`);
    await call('POST', `/api/v1/models/${leaders.id}/publish`);

    const coverage = await call<{
      total: number;
      ungraded: number;
      models: { model: { key: string }; customers: number; matching: number; overlap: number }[];
    }>('GET', '/api/v1/models/coverage');
    const [{ n: total } = { n: '0' }] = await q<{ n: string }>(
      'SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL',
    );
    expect(coverage.total).toBe(Number(total));
    expect(coverage.ungraded).toBe(0);
    expect(coverage.models.map((m) => m.model.key)).toEqual(['east-2', 'leaders', 'default']);
    expect(coverage.models.reduce((sum, m) => sum + m.customers, 0)).toBe(Number(total));
    const [eastLeaders] = await q<{ n: string }>(
      `SELECT count(*) AS n FROM customers WHERE region = '华东' AND market_position = 'leader'`,
    );
    expect(coverage.models[1]!.overlap).toBe(Number(eastLeaders!.n));
    expect(coverage.models[0]!.customers).toBeGreaterThan(0);
    expect(coverage.models[1]!.customers).toBeGreaterThan(0);

    const runs = await requestRuns(t.database.db, SYSTEM_ACTOR, 'UTC', { asOf: END });
    expect(runs).toHaveLength(3);
    const graded = new Map<number, number>();
    for (const run of runs) {
      const outcome = await executeRun({ database: t.database, timezone: 'UTC' }, run.id);
      graded.set(run.modelId, outcome.customers);
    }
    const perCustomer = await q<{ customer_id: string; models: string }>(
      `SELECT g.customer_id, count(*) AS models FROM grades g
       WHERE g.run_id IN (SELECT run_id FROM grading_current) GROUP BY g.customer_id`,
    );
    expect(perCustomer).toHaveLength(Number(total));
    expect(perCustomer.every((row) => Number(row.models) === 1)).toBe(true);
    // Each model graded the customers its segment and the precedence give it: the coverage figures.
    for (const { model: m, customers } of coverage.models) {
      const id = m.key === 'east-2' ? east.id : m.key === 'leaders' ? leaders.id : undefined;
      if (id !== undefined) expect(graded.get(id)).toBe(customers);
    }
    // A proposed set: a draft takes its family's place in the coverage, nothing is published.
    const majors = await call<Version>(
      'POST',
      '/api/v1/models',
      { fromModelId: leaders.id, document: model({ segment: { marketPositions: ['major'] } }) },
      201,
    );
    const proposed = await call<typeof coverage>('GET', `/api/v1/models/coverage?with=${majors.id}`);
    const [eastless] = await q<{ n: string }>(
      `SELECT count(*) AS n FROM customers WHERE market_position = 'major' AND region IS DISTINCT FROM '华东'`,
    );
    expect(proposed.models.map((m) => [m.model.key, m.customers])).toEqual([
      ['east-2', coverage.models[0]!.customers],
      ['leaders', Number(eastless!.n)],
      ['default', Number(total) - coverage.models[0]!.customers - Number(eastless!.n)],
    ]);
    const misplaced = await q(
      `SELECT 1 FROM grades g JOIN grading_current c ON c.run_id = g.run_id JOIN customers cu ON cu.id = g.customer_id
       WHERE (c.model_key = 'east-2' AND cu.region IS DISTINCT FROM '华东')
          OR (c.model_key = 'leaders' AND (cu.market_position IS DISTINCT FROM 'leader' OR cu.region = '华东'))
          OR (c.model_key = 'default' AND (cu.region = '华东' OR cu.market_position = 'leader'))`,
    );
    expect(misplaced).toHaveLength(0);
  });
});
