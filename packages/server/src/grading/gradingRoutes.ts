import { z } from 'zod';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { pageSchema } from '../app/schemas.js';
import { GRADING_QUEUE, type GradingJob } from './gradingWorker.js';
import { presentRun, runListQuery, runParams, runRequestBody, runSchema } from './gradingSchemas.js';
import { listRuns } from './listRuns.js';
import { requestRuns } from './requestRuns.js';
import { failRun, getRun } from './runStore.js';

const tags = ['grading'];

export const gradingFeature: Feature = {
  name: 'grading',
  register(app, { config, database, jobs }) {
    const { db } = database;

    app.post(
      '/grading/runs',
      {
        config: { permission: 'grading:run' },
        schema: {
          tags,
          summary: 'Start a grading run (one per published model, or one model); watch it with GET',
          body: runRequestBody,
          response: { 202: z.object({ runs: z.array(runSchema) }), ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const runs = await requestRuns(db, actorOf(request), config.orgTimezone, request.body);
        for (const run of runs) {
          try {
            await jobs.enqueue(GRADING_QUEUE, { runId: run.id } satisfies GradingJob);
          } catch (error) {
            // Never leave a queued run no worker will take: it would block its model's next run.
            await failRun(database.pool, run.id, 'could not be queued');
            throw error;
          }
        }
        return reply.code(202).send({ runs: runs.map(presentRun) });
      },
    );

    app.get(
      '/grading/runs',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Grading runs, newest first',
          querystring: runListQuery,
          response: { 200: pageSchema(runSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listRuns(db, request.query);
        return { ...page, items: page.items.map(presentRun) };
      },
    );

    app.get(
      '/grading/runs/:runId',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'One run: status, phase and progress while it works; statistics when done',
          params: runParams,
          response: { 200: runSchema, ...standardErrorResponses },
        },
      },
      async (request) => presentRun(await getRun(db, request.params.runId)),
    );
  },
};
