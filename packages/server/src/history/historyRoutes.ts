import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { customerParams, pageSchema } from '../app/schemas.js';
import { presentRunRef } from '../grades/gradeSchemas.js';
import { customerTimeline } from './customerTimeline.js';
import {
  migrationQuery,
  migrationSchema,
  moversPageSchema,
  moversParams,
  moversQuery,
  presentMigration,
  presentMover,
  presentTimelineEntry,
  timelineEntrySchema,
  timelineQuery,
} from './historySchemas.js';
import { migrationMatrix } from './migrationMatrix.js';
import { runMovers } from './runMovers.js';

const tags = ['grading'];

/**
 * Grade history: a customer's timeline across runs, the movers of a run and the tier migration between
 * two runs. All read with grading:read inside the caller's data scope.
 */
export const historyFeature: Feature = {
  name: 'history',
  register(app, { database }) {
    const { db } = database;

    app.get(
      '/customers/:customerId/grades',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: "A customer's grades across published (and optionally dry) runs, newest first",
          params: customerParams,
          querystring: timelineQuery,
          response: { 200: pageSchema(timelineEntrySchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const { limit, cursor, dryRuns } = request.query;
        const page = await customerTimeline(db, actorOf(request), request.params.customerId, {
          limit,
          cursor,
          includeDryRuns: dryRuns,
        });
        return { ...page, items: page.items.map(presentTimelineEntry) };
      },
    );

    app.get(
      '/grading/runs/:runId/changes',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Customers whose tier the run changed (promoted, demoted, new), with reasons',
          params: moversParams,
          querystring: moversQuery,
          response: { 200: moversPageSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await runMovers(db, actorOf(request), request.params.runId, request.query);
        return {
          run: presentRunRef(page.run),
          items: page.items.map(presentMover),
          nextCursor: page.nextCursor,
        };
      },
    );

    app.get(
      '/grading/migration',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Tier migration between two runs: customers and revenue per from → to cell (Sankey)',
          querystring: migrationQuery,
          response: { 200: migrationSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentMigration(await migrationMatrix(db, actorOf(request), request.query.from, request.query.to)),
    );
  },
};
