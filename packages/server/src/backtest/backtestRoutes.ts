import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { pageSchema } from '../app/schemas.js';
import {
  backtestListQuery,
  backtestParams,
  backtestRequestBody,
  backtestSchema,
  presentBacktest,
} from './backtestSchemas.js';
import { failBacktest, getBacktest, listBacktests } from './backtestStore.js';
import { BACKTEST_QUEUE, type BacktestJob } from './backtestWorker.js';
import { requestBacktest } from './requestBacktest.js';

const tags = ['backtests'];

export const backtestsFeature: Feature = {
  name: 'backtests',
  register(app, { config, database, jobs }) {
    const { db } = database;

    app.post(
      '/backtests',
      {
        config: { permission: 'grading:run' },
        schema: {
          tags,
          summary: 'Backtest a model: grade as of a past date, compare with what happened after it',
          body: backtestRequestBody,
          response: { 202: backtestSchema, ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const row = await requestBacktest(database, actorOf(request), config.orgTimezone, request.body);
        try {
          await jobs.enqueue(BACKTEST_QUEUE, { backtestId: row.id } satisfies BacktestJob);
        } catch (error) {
          await failBacktest(database.pool, row.id, 'could not be queued');
          throw error;
        }
        return reply.code(202).send(presentBacktest(row));
      },
    );

    app.get(
      '/backtests',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Backtests, newest first',
          querystring: backtestListQuery,
          response: { 200: pageSchema(backtestSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listBacktests(db, request.query);
        return { ...page, items: page.items.map(presentBacktest) };
      },
    );

    app.get(
      '/backtests/:backtestId',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'One backtest: status and progress while it works; the report when done',
          params: backtestParams,
          response: { 200: backtestSchema, ...standardErrorResponses },
        },
      },
      async (request) => presentBacktest(await getBacktest(db, request.params.backtestId)),
    );
  },
};
