import { inArray, and, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, type Role } from '@stratum/db';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { can } from '../access/permissions.js';
import { createCustomer } from '../customers/customerService.js';
import { LIMITED, type AuthzContext, type RouteCase, type Target } from './authz/authzTypes.js';
import { CASE_PROVIDERS } from './authz/caseProviders.js';
import { createTestApp, type Caller, type TestApp } from './testApp.js';

/**
 * For every registered route (read from the app, so a new route cannot escape), every kind of caller and
 * both an own and another manager's customer: the status the permission model and the data scope demand.
 * A route missing from the cases fails the test: add its case (authz/caseProviders.ts) when you add the route.
 */
const CALLERS: Exclude<Caller, 'otherManager'>[] = [
  'admin',
  'director',
  'manager',
  'lead',
  'analyst',
  'managerToken',
  'anonymous',
];
const ROLE_OF: Record<(typeof CALLERS)[number], Role | null> = {
  admin: 'admin',
  director: 'director',
  manager: 'account_manager',
  lead: 'account_manager',
  analyst: 'analyst',
  managerToken: 'account_manager',
  anonymous: null,
};

let t: TestApp;
let CASES: Record<string, RouteCase> = {};
let counter = 0;

function expected(routeCase: RouteCase, caller: (typeof CALLERS)[number], target: Target): number | 'ok' {
  const override = routeCase.expect?.(caller, target);
  if (override !== undefined) return override;
  if (routeCase.permission === 'public') return 'ok';
  const role = ROLE_OF[caller];
  if (role === null) return 401;
  if (!can(role, routeCase.permission)) return 403;
  if (routeCase.scoped && target === 'other' && LIMITED.has(caller)) return 404;
  return 'ok';
}

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const customerIds = {
    own: (await createCustomer(db, SYSTEM_ACTOR, { name: '本人客户', ownerId: t.users.manager.id })).id,
    other: (await createCustomer(db, SYSTEM_ACTOR, { name: '他人客户', ownerId: t.users.otherManager.id }))
      .id,
  };
  const ownerOf = (target: Target) => (target === 'other' ? t.users.otherManager.id : t.users.manager.id);
  const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const ctx: AuthzContext = {
    t,
    customerIds,
    customerOf: (target) => (target === 'other' ? customerIds.other : customerIds.own),
    ownerOf,
    unique,
    async freshCustomer(target) {
      return (
        await createCustomer(db, SYSTEM_ACTOR, { name: `临时客户 ${unique()}`, ownerId: ownerOf(target) })
      ).id;
    },
    userOf: (caller) =>
      caller === 'managerToken' || caller === 'anonymous' ? t.users.manager.id : t.users[caller].id,
  };
  for (const provider of CASE_PROVIDERS) await provider.setup?.(ctx);
  const merged: Record<string, RouteCase> = {};
  for (const provider of CASE_PROVIDERS) {
    for (const [key, routeCase] of Object.entries(provider.cases(ctx))) {
      if (key in merged) throw new Error(`two providers define ${key}`);
      merged[key] = routeCase;
    }
  }
  CASES = merged;
});
afterAll(async () => t?.close());

function bodyOf(response: LightMyRequestResponse): unknown {
  const type = String(response.headers['content-type'] ?? '');
  return type.startsWith('application/json') ? response.json() : response.body;
}

describe('authorisation matrix', () => {
  it('has a case for every registered route and no case for a route that does not exist', () => {
    const registered = t.app.routeTable.map((r) => `${r.method} ${r.url}`);
    expect(registered.filter((key) => !(key in CASES))).toEqual([]);
    expect(Object.keys(CASES).filter((key) => !registered.includes(key))).toEqual([]);
  });

  it('declares the permission each route is expected to need', () => {
    for (const route of t.app.routeTable) {
      expect(route.permission, `${route.method} ${route.url}`).toBe(
        CASES[`${route.method} ${route.url}`]?.permission,
      );
    }
  });

  it(
    'answers every route, caller and target as the permission model and data scope demand',
    { timeout: 600_000 },
    async () => {
      const failures: string[] = [];
      for (const route of t.app.routeTable) {
        const key = `${route.method} ${route.url}`;
        const routeCase = CASES[key];
        if (!routeCase) continue;
        const targets: Target[] = routeCase.scoped ? ['own', 'other'] : ['none'];
        for (const caller of CALLERS) {
          for (const target of targets) {
            const built = await routeCase.build(caller, target);
            const response = await t.app.inject({
              method: route.method as 'GET',
              url: built.url,
              headers: { ...t.headers[caller], ...built.headers },
              ...(built.body === undefined ? {} : { payload: built.body as object }),
            });
            const want = expected(routeCase, caller, target);
            const ok =
              want === 'ok'
                ? response.statusCode >= 200 && response.statusCode < 400
                : response.statusCode === want;
            if (!ok)
              failures.push(
                `${key} as ${caller} on ${target}: got ${response.statusCode}, want ${want}: ${response.body.slice(0, 200)}`,
              );
            if (ok && want === 'ok' && routeCase.verify) routeCase.verify(caller, bodyOf(response));
          }
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('left no change by an account manager on the other manager’s customer', async () => {
    const limitedUsers = [t.users.manager.id, t.users.lead.id];
    const rows = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.actorId, limitedUsers),
          sql`${auditLog.customerId} IN (SELECT id FROM customers WHERE owner_id = ${t.users.otherManager.id})`,
        ),
      );
    expect(rows[0]?.n).toBe(0);
  });
});
