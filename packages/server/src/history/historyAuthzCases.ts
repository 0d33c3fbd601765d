import { expect } from 'vitest';
import { LIMITED, type AuthzContext, type CaseProvider } from '../app/authz/authzTypes.js';
import { gradeInProcess } from '../grading/executeRun.js';
import { loadCurrentRuns } from '../grades/gradedRuns.js';

/**
 * A published run that graded the matrix's own and other customers: the grade readers need one to answer
 * 200. Shared by the history and explanation cases; the first provider to ask runs it.
 */
export async function publishedRunFor(ctx: AuthzContext): Promise<number> {
  const { database } = ctx.t;
  const [current] = await loadCurrentRuns(database.db);
  if (current) return current.id;
  const [outcome] = await gradeInProcess({ database, timezone: 'UTC' });
  return outcome!.runId;
}

let runId = 0;
let graded = 0;

export const historyAuthzCases: CaseProvider = {
  async setup(ctx) {
    runId = await publishedRunFor(ctx);
    const { rows } = await ctx.t.database.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM grades WHERE run_id = $1',
      [runId],
    );
    graded = Number(rows[0]?.n ?? 0);
  },
  cases: (ctx) => ({
    'GET /api/v1/customers/:customerId/grades': {
      permission: 'grading:read',
      scoped: true,
      build: (_caller, target) => ({ url: `/api/v1/customers/${ctx.customerOf(target)}/grades` }),
      verify: (caller, body) => {
        const items = (body as { items: { run: { id: number } }[] }).items;
        expect(
          items.map((item) => item.run.id),
          caller,
        ).toContain(runId);
      },
    },
    'GET /api/v1/grading/runs/:runId/changes': {
      permission: 'grading:read',
      build: () => ({ url: `/api/v1/grading/runs/${runId}/changes?limit=200` }),
      // The first run grades everyone as new: a limited caller sees only the customers in its scope.
      verify: (caller, body) => {
        const ids = (body as { items: { customer: { id: number } }[] }).items.map((m) => m.customer.id);
        expect(ids.includes(ctx.customerIds.other), caller).toBe(!LIMITED.has(caller));
        expect(ids.includes(ctx.customerIds.own), caller).toBe(true);
      },
    },
    'GET /api/v1/grading/migration': {
      permission: 'grading:read',
      build: () => ({ url: `/api/v1/grading/migration?from=${runId}&to=${runId}` }),
      verify: (caller, body) => {
        const { customers } = body as { customers: number };
        if (LIMITED.has(caller)) expect(customers, caller).toBeLessThan(graded);
        else expect(customers, caller).toBe(graded);
      },
    },
  }),
};
