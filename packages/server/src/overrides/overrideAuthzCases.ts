import { SYSTEM_ACTOR, type Actor } from '../access/actor.js';
import { expect } from 'vitest';
import { LIMITED, type AuthzContext, type CaseProvider, type Target } from '../app/authz/authzTypes.js';
import type { Caller } from '../app/testApp.js';
import { gradeInProcess } from '../grading/executeRun.js';
import { loadUserActor } from '../users/userService.js';
import { customerGrades } from './currentTier.js';
import { todayIn } from './overrideDays.js';
import { requestOverride } from './overrideService.js';

/**
 * Authorisation cases of the overrides routes. Overrides need graded customers, so the setup runs one
 * grading unless one already graded them (the shared own and other customers have no orders; they are
 * graded all the same). Each case that changes an override first frees the customer (withdraws its live
 * override), so every permitted caller meets the same state and the answer depends on permission and
 * scope only.
 */
const records = { own: 0, other: 0 };
// The grading fixture's timezone; expiry days are 30 days ahead, far from any timezone's edge.
const timezone = 'UTC';

function expiresOn(): string {
  const day = new Date(`${todayIn(timezone)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 30);
  return day.toISOString().slice(0, 10);
}

async function actorFor(ctx: AuthzContext, userId: string): Promise<Actor> {
  return (await loadUserActor(ctx.t.database.db, userId, 'user')) ?? SYSTEM_ACTOR;
}

/** Withdraws the customer's live override (directly: the fixture, not the API under test). */
async function freeCustomer(ctx: AuthzContext, customerId: number): Promise<void> {
  await ctx.t.database.pool.query(
    `UPDATE overrides SET status = 'withdrawn' WHERE customer_id = $1 AND status IN ('pending', 'approved')`,
    [customerId],
  );
}

/** A fresh pending override of the target's customer, requested by `requesterId` (null: the system). */
async function pendingOverride(
  ctx: AuthzContext,
  target: Target,
  requesterId: string | null,
): Promise<number> {
  const customerId = ctx.customerOf(target);
  await freeCustomer(ctx, customerId);
  const actor = requesterId === null ? SYSTEM_ACTOR : await actorFor(ctx, requesterId);
  const record = await requestOverride(ctx.t.database.db, actor, timezone, customerId, {
    tier: 'A',
    reason: '授权矩阵测试 authz fixture',
    expiresOn: expiresOn(),
  });
  return record.id;
}

/**
 * Who requests the override a caller withdraws: the caller, unless the caller cannot see the customer
 * (a limited caller or nobody, on the other manager's customer), where its owner does.
 */
function requesterFor(ctx: AuthzContext, caller: Caller, target: Target): string {
  const blind = LIMITED.has(caller) || caller === 'anonymous';
  return blind && target === 'other' ? ctx.ownerOf('other') : ctx.userOf(caller);
}

export const overrideAuthzCases: CaseProvider = {
  async setup(ctx) {
    const { database } = ctx.t;
    // Another provider's setup may have graded them already: keep its run current (its cases may read it).
    const graded = await customerGrades(database.db, [ctx.customerIds.own, ctx.customerIds.other]);
    if (graded.size < 2) {
      await gradeInProcess({ database, timezone });
    }
    records.own = await pendingOverride(ctx, 'own', ctx.ownerOf('own'));
    records.other = await pendingOverride(ctx, 'other', ctx.ownerOf('other'));
  },
  cases: (ctx) => ({
    'POST /api/v1/customers/:customerId/overrides': {
      permission: 'overrides:request',
      scoped: true,
      build: async (_caller, target) => {
        await freeCustomer(ctx, ctx.customerOf(target));
        return {
          url: `/api/v1/customers/${ctx.customerOf(target)}/overrides`,
          body: { tier: 'S', reason: '战略合作伙伴 strategic partner', expiresOn: expiresOn() },
        };
      },
    },
    'GET /api/v1/customers/:customerId/overrides': {
      permission: 'grading:read',
      scoped: true,
      build: (_caller, target) => ({ url: `/api/v1/customers/${ctx.customerOf(target)}/overrides` }),
    },
    'GET /api/v1/customers/:customerId/tier': {
      permission: 'grading:read',
      scoped: true,
      build: (_caller, target) => ({ url: `/api/v1/customers/${ctx.customerOf(target)}/tier` }),
      verify: (_caller, body) => {
        expect((body as { computedTier: unknown }).computedTier).not.toBeNull();
      },
    },
    'GET /api/v1/overrides': {
      permission: 'grading:read',
      build: () => ({ url: '/api/v1/overrides?limit=200' }),
      verify: (caller, body) => {
        const items = (body as { items: { customerId: number }[] }).items;
        expect(
          items.some((o) => o.customerId === ctx.customerIds.other),
          caller,
        ).toBe(!LIMITED.has(caller));
      },
    },
    'GET /api/v1/overrides/:overrideId': {
      permission: 'grading:read',
      scoped: true,
      build: (_caller, target) => ({
        url: `/api/v1/overrides/${target === 'other' ? records.other : records.own}`,
      }),
    },
    'POST /api/v1/overrides/:overrideId/approve': {
      permission: 'overrides:approve',
      // Requested by the customer's owner, so the approver is never the requester.
      build: async () => ({
        url: `/api/v1/overrides/${await pendingOverride(ctx, 'own', ctx.ownerOf('own'))}/approve`,
        body: { note: '同意' },
      }),
    },
    'POST /api/v1/overrides/:overrideId/reject': {
      permission: 'overrides:approve',
      build: async () => ({
        url: `/api/v1/overrides/${await pendingOverride(ctx, 'own', ctx.ownerOf('own'))}/reject`,
        body: { note: '理由不充分 not enough reason' },
      }),
    },
    'POST /api/v1/overrides/:overrideId/withdraw': {
      permission: 'overrides:request',
      scoped: true,
      build: async (caller, target) => ({
        url: `/api/v1/overrides/${await pendingOverride(ctx, target, requesterFor(ctx, caller, target))}/withdraw`,
        body: {},
      }),
    },
  }),
};
