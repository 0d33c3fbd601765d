import { SYSTEM_ACTOR } from '../access/actor.js';
import type { CaseProvider } from '../app/authz/authzTypes.js';
import { requestRuns } from './requestRuns.js';
import { failRun } from './runStore.js';

let runId = 0;

export const gradingAuthzCases: CaseProvider = {
  async setup(ctx) {
    const [run] = await requestRuns(ctx.t.database.db, SYSTEM_ACTOR, 'UTC', { dryRun: true });
    runId = run!.id;
    // Leave the model free for the POST case below.
    await failRun(ctx.t.database.pool, runId, 'fixture');
  },
  cases: (ctx) => ({
    'POST /api/v1/grading/runs': {
      permission: 'grading:run',
      build: async () => {
        // Each permitted call queues a run; free the model again so the next caller is not refused with 409.
        await ctx.t.database.pool.query(
          `UPDATE grading_runs SET status = 'cancelled' WHERE status IN ('queued', 'running')`,
        );
        return { url: '/api/v1/grading/runs', body: { dryRun: true } };
      },
    },
    'GET /api/v1/grading/runs': {
      permission: 'grading:read',
      build: () => ({ url: '/api/v1/grading/runs' }),
    },
    'GET /api/v1/grading/runs/:runId': {
      permission: 'grading:read',
      build: () => ({ url: `/api/v1/grading/runs/${runId}` }),
    },
  }),
};
