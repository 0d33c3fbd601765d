import { expect } from 'vitest';
import { SYSTEM_ACTOR } from '../../access/actor.js';
import { complaintResource } from '../../complaints/complaintService.js';
import { contactResource } from '../../contacts/contactService.js';
import type { ChildResource, ChildTable } from '../../customers/childResource.js';
import { interactionResource } from '../../interactions/interactionService.js';
import { orderResource } from '../../orders/orderService.js';
import { referralResource } from '../../referrals/referralService.js';
import { surveyResource } from '../../surveys/surveyService.js';
import { listTeams } from '../../teams/teamService.js';
import { createToken } from '../../tokens/tokenService.js';
import { createUser, loadUserActor } from '../../users/userService.js';
import { LIMITED, type CaseProvider, type RouteCase, type Target } from './authzTypes.js';

/** Cases of the foundation routes: docs, health, auth, users, teams, tokens, customers and their records. */
const CHILDREN: Record<
  string,
  { resource: ChildResource<ChildTable>; values: Record<string, unknown>; body: unknown; patch: unknown }
> = {
  contacts: {
    resource: contactResource,
    values: { name: '李雷' },
    body: { name: '韩梅梅', role: 'decision_maker' },
    patch: { title: '采购总监' },
  },
  orders: {
    resource: orderResource,
    values: { orderedAt: new Date('2024-05-01T00:00:00Z'), amount: '100.00' },
    body: { orderedAt: '2024-05-02', amount: '250.50' },
    patch: { channel: 'online' },
  },
  interactions: {
    resource: interactionResource,
    values: { kind: 'visit', occurredAt: new Date('2024-05-01T00:00:00Z') },
    body: { kind: 'call', occurredAt: '2024-05-03T10:00:00+08:00' },
    patch: { outcome: 'follow up' },
  },
  surveys: {
    resource: surveyResource,
    values: { kind: 'csat', score: 4, answeredAt: new Date('2024-05-01T00:00:00Z') },
    body: { kind: 'nps', score: 9, answeredAt: '2024-05-04' },
    patch: { comment: 'ok' },
  },
  complaints: {
    resource: complaintResource,
    values: { openedAt: new Date('2024-05-01T00:00:00Z') },
    body: { openedAt: '2024-05-05', severity: 'high' },
    patch: { status: 'in_progress' },
  },
  referrals: {
    resource: referralResource,
    values: { referredName: '某公司', referredAt: new Date('2024-05-01T00:00:00Z') },
    body: { referredName: '另一家公司', referredAt: '2024-05-06' },
    patch: { referredName: '改名公司' },
  },
};

const records: Record<string, { own: number; other: number }> = {};
let teamId = 0;

export const coreAuthzCases: CaseProvider = {
  async setup(ctx) {
    const { db } = ctx.t.database;
    for (const [path, child] of Object.entries(CHILDREN)) {
      const own = await child.resource.create(db, SYSTEM_ACTOR, ctx.customerIds.own, child.values);
      const other = await child.resource.create(db, SYSTEM_ACTOR, ctx.customerIds.other, child.values);
      records[path] = { own: (own as { id: number }).id, other: (other as { id: number }).id };
    }
    teamId = (await listTeams(db))[0]?.id ?? 0;
  },
  cases(ctx) {
    const { t, customerIds, customerOf, freshCustomer, userOf, unique } = ctx;
    const CASES: Record<string, RouteCase> = {
      'GET /api/docs': { permission: 'public', build: () => ({ url: '/api/docs' }) },
      'GET /api/docs/json': { permission: 'public', build: () => ({ url: '/api/docs/json' }) },
      'GET /api/docs/yaml': { permission: 'public', build: () => ({ url: '/api/docs/yaml' }) },
      'GET /api/docs/static/index.html': {
        permission: 'public',
        build: () => ({ url: '/api/docs/static/index.html' }),
      },
      'GET /api/docs/static/swagger-initializer.js': {
        permission: 'public',
        build: () => ({ url: '/api/docs/static/swagger-initializer.js' }),
      },
      'GET /api/docs/static/*': {
        permission: 'public',
        build: () => ({ url: '/api/docs/static/swagger-ui.css' }),
      },
      'HEAD /api/docs/static/*': {
        permission: 'public',
        build: () => ({ url: '/api/docs/static/swagger-ui.css' }),
      },
      'GET /api/v1/health': { permission: 'public', build: () => ({ url: '/api/v1/health' }) },
      'GET /': { permission: 'public', build: () => ({ url: '/' }) },
      'GET /api/auth/*': { permission: 'public', build: () => ({ url: '/api/auth/get-session' }) },
      'POST /api/auth/*': {
        permission: 'public',
        build: () => ({
          url: '/api/auth/sign-in/email',
          body: { email: 'admin@test.local', password: 'wrong password' },
        }),
        expect: () => 401,
      },

      'GET /api/v1/users': { permission: 'users:read', build: () => ({ url: '/api/v1/users' }) },
      'GET /api/v1/users/me': { permission: 'users:read', build: () => ({ url: '/api/v1/users/me' }) },
      'GET /api/v1/users/:userId': {
        permission: 'users:read',
        build: () => ({ url: `/api/v1/users/${t.users.manager.id}` }),
      },
      'POST /api/v1/users': {
        permission: 'users:manage',
        build: () => ({
          url: '/api/v1/users',
          body: { email: `new-${unique()}@test.local`, role: 'analyst' },
        }),
      },
      'PATCH /api/v1/users/:userId': {
        permission: 'users:manage',
        build: () => ({ url: `/api/v1/users/${t.users.analyst.id}`, body: { name: '分析师' } }),
      },
      'POST /api/v1/users/:userId/deactivate': {
        permission: 'users:manage',
        // Only an admin gets past the guard; the others are refused before the user is touched.
        build: async (caller) => ({
          url: `/api/v1/users/${caller === 'admin' ? await freshUser() : t.users.otherManager.id}/deactivate`,
        }),
      },
      'GET /api/v1/teams': { permission: 'users:read', build: () => ({ url: '/api/v1/teams' }) },
      'GET /api/v1/teams/:teamId': {
        permission: 'users:read',
        build: () => ({ url: `/api/v1/teams/${teamId}` }),
      },
      'POST /api/v1/teams': {
        permission: 'users:manage',
        build: () => ({ url: '/api/v1/teams', body: { name: `T-${unique()}` } }),
      },
      'PATCH /api/v1/teams/:teamId': {
        permission: 'users:manage',
        build: () => ({ url: `/api/v1/teams/${teamId}`, body: { name: 'East' } }),
      },

      'GET /api/v1/tokens': { permission: 'tokens:manage', build: () => ({ url: '/api/v1/tokens' }) },
      'POST /api/v1/tokens': {
        permission: 'tokens:manage',
        build: () => ({ url: '/api/v1/tokens', body: { name: 'ci' } }),
        // A token cannot mint tokens: only a signed-in person can.
        expect: (caller) => (caller === 'managerToken' ? 403 : undefined),
      },
      'DELETE /api/v1/tokens/:tokenId': {
        permission: 'tokens:manage',
        build: async (caller) => {
          const actor = await loadUserActor(t.database.db, userOf(caller), 'user');
          const { token } = await createToken(t.database.db, actor ?? SYSTEM_ACTOR, { name: 'to revoke' });
          return { url: `/api/v1/tokens/${token.id}` };
        },
      },

      'GET /api/v1/customers': {
        permission: 'customers:read',
        build: () => ({ url: '/api/v1/customers?limit=200' }),
        verify: (caller, body) => {
          const items = (body as { items: { ownerId: string | null; id: number }[] }).items;
          if (LIMITED.has(caller)) {
            const allowed = caller === 'lead' ? [t.users.manager.id, t.users.lead.id] : [t.users.manager.id];
            expect(
              items.every((c) => c.ownerId !== null && allowed.includes(c.ownerId)),
              caller,
            ).toBe(true);
            expect(
              items.some((c) => c.id === customerIds.other),
              caller,
            ).toBe(false);
          } else {
            expect(
              items.some((c) => c.id === customerIds.other),
              caller,
            ).toBe(true);
          }
        },
      },
      'GET /api/v1/customers/:customerId': {
        permission: 'customers:read',
        scoped: true,
        build: (_c, target) => ({ url: `/api/v1/customers/${customerOf(target)}` }),
      },
      'POST /api/v1/customers': {
        permission: 'customers:write',
        build: () => ({ url: '/api/v1/customers', body: { name: `新客户 ${unique()}`, industry: '制造业' } }),
      },
      'PATCH /api/v1/customers/:customerId': {
        permission: 'customers:write',
        scoped: true,
        build: (_c, target) => ({ url: `/api/v1/customers/${customerOf(target)}`, body: { region: '华东' } }),
      },
      'DELETE /api/v1/customers/:customerId': {
        permission: 'customers:delete',
        scoped: true,
        build: async (_c, target) => ({ url: `/api/v1/customers/${await freshCustomer(target)}` }),
      },
      'GET /api/v1/audit': { permission: 'audit:read', build: () => ({ url: '/api/v1/audit' }) },
      'GET /api/v1/customers/:customerId/audit': {
        permission: 'customers:read',
        scoped: true,
        build: (_c, target) => ({ url: `/api/v1/customers/${customerOf(target)}/audit` }),
      },
    };

    for (const [path, child] of Object.entries(CHILDREN)) {
      const base = (target: Target) => `/api/v1/customers/${customerOf(target)}/${path}`;
      const existing = (target: Target) =>
        `${base(target)}/${records[path]?.[target === 'other' ? 'other' : 'own'] ?? 0}`;
      CASES[`GET /api/v1/customers/:customerId/${path}`] = {
        permission: 'activity:read',
        scoped: true,
        build: (_c, target) => ({ url: base(target) }),
      };
      CASES[`GET /api/v1/customers/:customerId/${path}/:id`] = {
        permission: 'activity:read',
        scoped: true,
        build: (_c, target) => ({ url: existing(target) }),
      };
      CASES[`POST /api/v1/customers/:customerId/${path}`] = {
        permission: 'activity:write',
        scoped: true,
        build: (_c, target) => ({ url: base(target), body: child.body }),
      };
      CASES[`PATCH /api/v1/customers/:customerId/${path}/:id`] = {
        permission: 'activity:write',
        scoped: true,
        build: (_c, target) => ({ url: existing(target), body: child.patch }),
      };
      CASES[`DELETE /api/v1/customers/:customerId/${path}/:id`] = {
        permission: 'activity:write',
        scoped: true,
        build: async (_c, target) => {
          const row = await child.resource.create(
            t.database.db,
            SYSTEM_ACTOR,
            customerOf(target),
            child.values,
          );
          return { url: `${base(target)}/${(row as { id: number }).id}` };
        },
      };
    }

    for (const [path, child] of Object.entries(CHILDREN)) {
      const base = (target: Target) => `/api/v1/customers/${customerOf(target)}/${path}`;
      const existing = (target: Target) =>
        `${base(target)}/${records[path]?.[target === 'other' ? 'other' : 'own'] ?? 0}`;
      CASES[`GET /api/v1/customers/:customerId/${path}`] = {
        permission: 'activity:read',
        scoped: true,
        build: (_c, target) => ({ url: base(target) }),
      };
      CASES[`GET /api/v1/customers/:customerId/${path}/:id`] = {
        permission: 'activity:read',
        scoped: true,
        build: (_c, target) => ({ url: existing(target) }),
      };
      CASES[`POST /api/v1/customers/:customerId/${path}`] = {
        permission: 'activity:write',
        scoped: true,
        build: (_c, target) => ({ url: base(target), body: child.body }),
      };
      CASES[`PATCH /api/v1/customers/:customerId/${path}/:id`] = {
        permission: 'activity:write',
        scoped: true,
        build: (_c, target) => ({ url: existing(target), body: child.patch }),
      };
      CASES[`DELETE /api/v1/customers/:customerId/${path}/:id`] = {
        permission: 'activity:write',
        scoped: true,
        build: async (_c, target) => {
          const row = await child.resource.create(
            t.database.db,
            SYSTEM_ACTOR,
            customerOf(target),
            child.values,
          );
          return { url: `${base(target)}/${(row as { id: number }).id}` };
        },
      };
    }

    return CASES;

    async function freshUser(): Promise<string> {
      const { user } = await createUser(t.database.db, SYSTEM_ACTOR, {
        email: `u-${unique()}@test.local`,
        role: 'analyst',
      });
      return user.id;
    }
  },
};
