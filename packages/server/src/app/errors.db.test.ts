import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { createCustomer } from '../customers/customerService.js';
import { createTestApp, type TestApp } from './testApp.js';
import type { Feature } from './routeTypes.js';
import { buildApp } from './buildApp.js';
import { loadConfig } from '../config/config.js';

let t: TestApp;
let customerId = 0;
beforeAll(async () => {
  t = await createTestApp();
  customerId = (
    await createCustomer(t.database.db, SYSTEM_ACTOR, {
      name: '错误测试',
      externalId: 'E-1',
      ownerId: t.users.manager.id,
    })
  ).id;
});
afterAll(async () => t?.close());

const json = { 'content-type': 'application/json' };

describe('error envelope (DESIGN §7)', () => {
  it('400 VALIDATION_FAILED lists every path and problem', async () => {
    const r = await t.request('admin', 'POST', '/api/v1/customers', {
      name: '',
      employees: -1,
      marketPosition: 'giant',
    });
    expect(r.statusCode).toBe(400);
    const { error } = r.json<{
      error: { code: string; message: string; details: { in: string; path: string }[] };
    }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details.map((d) => `${d.in}.${d.path}`).sort()).toEqual([
      'body.employees',
      'body.marketPosition',
      'body.name',
    ]);
  });

  it('400 MALFORMED_BODY for broken JSON', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { ...t.headers.admin, ...json },
      payload: '{"name": ',
    });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('MALFORMED_BODY');
  });

  it('404 NOT_FOUND for an unknown route', async () => {
    const r = await t.request('admin', 'GET', '/api/v1/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('413 for a body over the limit', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: { ...t.headers.admin, ...json },
      payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
    });
    expect(r.statusCode).toBe(413);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('415 for a body that is not JSON', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { ...t.headers.admin, 'content-type': type },
        payload: 'name=x',
      });
      expect(r.statusCode, type).toBe(415);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('409 CONFLICT names the field on a duplicate external id, and writes nothing', async () => {
    const r = await t.request('admin', 'POST', '/api/v1/customers', { name: '重复', externalId: 'E-1' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({
      error: { code: 'CONFLICT', message: 'externalId is already in use', details: { field: 'externalId' } },
    });
    const o1 = await t.request('admin', 'POST', `/api/v1/customers/${customerId}/orders`, {
      externalId: 'O-1',
      orderedAt: '2024-01-01',
      amount: '1',
    });
    expect(o1.statusCode).toBe(201);
    const o2 = await t.request('admin', 'POST', `/api/v1/customers/${customerId}/orders`, {
      externalId: 'O-1',
      orderedAt: '2024-01-01',
      amount: '2',
    });
    expect(o2.statusCode).toBe(409);
    const list = await t.request('admin', 'GET', `/api/v1/customers/${customerId}/orders`);
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('401 and 403 in the same envelope', async () => {
    const r401 = await t.request('anonymous', 'GET', '/api/v1/customers');
    expect(r401.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    const r403 = await t.request('analyst', 'POST', '/api/v1/customers', { name: 'x' });
    expect(r403.statusCode).toBe(403);
    expect(r403.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('a route that declares no permission makes start-up fail', async () => {
    const careless: Feature = {
      name: 'careless',
      register(app) {
        app.get('/oops', () => 'hi');
      },
    };
    const config = loadConfig({ STRATUM_LOG_LEVEL: 'silent' }, { authSecret: 'y'.repeat(40) });
    await expect(
      buildApp({ config, database: t.database, features: [careless] }).then((app) => app.ready()),
    ).rejects.toThrow(/GET \/api\/v1\/oops declares no valid permission/);
  });
});

const GARBAGE_IDS = [
  'abc',
  '99999999999999999999',
  '-1',
  '0',
  '1.5',
  '%00',
  'x'.repeat(5000),
  '9007199254740993',
];
const GARBAGE_VALUES: unknown[] = [
  null,
  true,
  -1,
  1e308,
  'x'.repeat(100_000),
  [],
  [[['deep']]],
  { nested: { deeper: 'x' } },
  '2024-13-45',
  '💥',
];
const GARBAGE_BODIES: unknown[] = [
  [],
  'string',
  42,
  { name: 1, externalId: [], employees: '多', companyRevenue: '1e9', amount: 1.005, score: 'high' },
  Object.fromEntries(
    [
      'name',
      'externalId',
      'email',
      'role',
      'kind',
      'orderedAt',
      'amount',
      'score',
      'teamId',
      'ownerId',
      'parentId',
      'password',
    ].map((k, i) => [k, GARBAGE_VALUES[i % GARBAGE_VALUES.length]]),
  ),
];

describe('garbage at every route', () => {
  it('never answers 500', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const route of t.app.routeTable) {
      if (route.url.startsWith('/api/docs')) continue;
      const urls = GARBAGE_IDS.map((id) =>
        route.url.replace(/:[A-Za-z]+/g, encodeURIComponent(id)).replace('*', encodeURIComponent(id)),
      );
      urls.push(
        `${route.url.replace(/:[A-Za-z]+/g, String(customerId)).replace('*', 'x')}?limit=-5&cursor=%%%&sort=nope&count=maybe&from=yesterday`,
      );
      for (const url of urls) {
        const bodies =
          route.method === 'GET' || route.method === 'HEAD' || route.method === 'DELETE'
            ? [undefined]
            : GARBAGE_BODIES;
        for (const body of bodies) {
          const r = await t.app.inject({
            method: route.method as 'GET',
            url,
            headers: { ...t.headers.admin, ...(body === undefined ? {} : json) },
            ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
          });
          if (r.statusCode >= 500)
            failures.push(
              `${route.method} ${url.slice(0, 80)} ${JSON.stringify(body)?.slice(0, 80)} → ${r.statusCode} ${r.body.slice(0, 200)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
