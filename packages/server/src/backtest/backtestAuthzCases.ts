import { SYSTEM_ACTOR } from '../access/actor.js';
import type { CaseProvider } from '../app/authz/authzTypes.js';
import { requestBacktest } from './requestBacktest.js';

let backtestId = 0;
const AS_OF = '2024-01-31';

export const backtestAuthzCases: CaseProvider = {
  async setup(ctx) {
    // One order after the horizon, so the horizon counts as observed in the data.
    await ctx.t.database.pool.query(
      `INSERT INTO orders (customer_id, external_id, ordered_at, amount)
       VALUES ($1, 'AUTHZ-BACKTEST-1', '2024-06-01T00:00:00Z', 10.00)`,
      [ctx.customerIds.own],
    );
    const row = await requestBacktest(ctx.t.database, SYSTEM_ACTOR, 'UTC', { asOf: AS_OF, horizonDays: 30 });
    backtestId = row.id;
  },
  cases: () => ({
    'POST /api/v1/backtests': {
      permission: 'grading:run',
      build: () => ({ url: '/api/v1/backtests', body: { asOf: AS_OF, horizonDays: 30 } }),
    },
    'GET /api/v1/backtests': {
      permission: 'grading:read',
      build: () => ({ url: '/api/v1/backtests' }),
    },
    'GET /api/v1/backtests/:backtestId': {
      permission: 'grading:read',
      build: () => ({ url: `/api/v1/backtests/${backtestId}` }),
    },
  }),
};
