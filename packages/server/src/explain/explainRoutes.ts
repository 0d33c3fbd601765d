import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { customerParams } from '../app/schemas.js';
import { explainGrade } from './explainGrade.js';
import { explainQuery, explanationSchema, presentExplanation } from './explainSchemas.js';

/** Why a customer has its grade: score waterfall, tier reasons, churn reasons, CLV and classifications. */
export const explainFeature: Feature = {
  name: 'explain',
  register(app, { database }) {
    app.get(
      '/customers/:customerId/grade',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags: ['grading'],
          summary: "Explain a customer's grade in the current run (or ?run=ID): score waterfall and reasons",
          params: customerParams,
          querystring: explainQuery,
          response: { 200: explanationSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentExplanation(
          await explainGrade(database.db, actorOf(request), request.params.customerId, request.query.run),
        ),
    );
  },
};
