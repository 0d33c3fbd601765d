import { expect } from 'vitest';
import type { Caller } from '../app/testApp.js';
import { LIMITED, type AuthzContext, type CaseProvider } from '../app/authz/authzTypes.js';

/**
 * Exports in the authorisation matrix: each permitted caller downloads the customers CSV, and it holds
 * exactly the customers in their scope — a manager's own (a lead's team's), never the other manager's;
 * everyone's for directors, analysts and admins. (exportScope.db.test.ts does every entity.)
 */
const expected = new Map<Caller, string[]>();
let fixture = { own: '', other: '' };

/** The external ids of the live customers a caller may read, straight from the table. */
async function customersInScope(ctx: AuthzContext, caller: Caller): Promise<string[]> {
  const { users } = ctx.t;
  const owners = caller === 'lead' ? [users.manager.id, users.lead.id] : [ctx.userOf(caller)];
  const { rows } = await ctx.t.database.pool.query<{ external_id: string }>(
    'SELECT external_id FROM customers WHERE deleted_at IS NULL AND ($1 OR owner_id = ANY($2))',
    [!LIMITED.has(caller), owners],
  );
  return rows.map((row) => row.external_id).sort();
}

/** The first cell of each data row (external ids hold no comma or quote). */
function firstCells(csv: string): string[] {
  const [, ...rows] = csv.replace(/^\ufeff/, '').split('\n');
  return rows.filter(Boolean).map((row) => row.slice(0, row.indexOf(',')));
}

export const exportsAuthzCases: CaseProvider = {
  async setup(ctx) {
    const { rows } = await ctx.t.database.pool.query<{ id: number; external_id: string }>(
      'SELECT id::int AS id, external_id FROM customers WHERE id = ANY($1)',
      [[ctx.customerIds.own, ctx.customerIds.other]],
    );
    const idOf = (id: number) => rows.find((row) => row.id === id)?.external_id ?? '';
    fixture = { own: idOf(ctx.customerIds.own), other: idOf(ctx.customerIds.other) };
  },
  cases: (ctx) => ({
    'GET /api/v1/exports/:entity': {
      permission: 'exports:run',
      build: async (caller) => {
        expected.set(caller, await customersInScope(ctx, caller));
        return { url: '/api/v1/exports/customers?format=csv' };
      },
      verify: (caller, body) => {
        const exported = firstCells(String(body)).sort();
        expect(exported, caller).toEqual(expected.get(caller));
        expect(exported, caller).toContain(fixture.own);
        if (LIMITED.has(caller)) expect(exported, caller).not.toContain(fixture.other);
        else expect(exported, caller).toContain(fixture.other);
      },
    },
  }),
};
