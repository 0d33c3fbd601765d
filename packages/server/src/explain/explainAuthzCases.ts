import { expect } from 'vitest';
import type { CaseProvider } from '../app/authz/authzTypes.js';
import { publishedRunFor } from '../history/historyAuthzCases.js';

let runId = 0;

export const explainAuthzCases: CaseProvider = {
  async setup(ctx) {
    runId = await publishedRunFor(ctx);
  },
  cases: (ctx) => ({
    'GET /api/v1/customers/:customerId/grade': {
      permission: 'grading:read',
      scoped: true,
      build: (_caller, target) => ({ url: `/api/v1/customers/${ctx.customerOf(target)}/grade` }),
      verify: (caller, body) => {
        const explanation = body as { customer: { id: number }; run: { id: number } };
        expect(explanation.run.id, caller).toBe(runId);
      },
    },
  }),
};
