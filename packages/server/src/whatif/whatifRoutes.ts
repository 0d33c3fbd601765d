import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { whatIfDocumentBody, whatIfModelBody, whatIfModelParams, whatIfSchema } from './whatifSchemas.js';
import { previewWhatIf } from './whatifService.js';

const tags = ['models'];
const description =
  'Evaluates the model on current data as a grading run would (segment precedence, hysteresis, overrides) ' +
  'without writing anything: tier shares and revenue, the migration matrix from the current grades, and ' +
  'the movers. Needs grading:read (a preview changes nothing); the shares and matrix cover every customer ' +
  'the model grades, like a run’s statistics, while the movers list only shows customers in your data scope.';

/** The what-if preview (issue 4 item 7): POST because a preview may carry a whole model document. */
export const whatIfFeature: Feature = {
  name: 'whatif',
  register(app, { config, database }) {
    app.post(
      '/models/:modelId/whatif',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Preview a stored version (a draft, or any other) on current data',
          description,
          params: whatIfModelParams,
          body: whatIfModelBody.nullish(),
          response: { 200: whatIfSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const body = whatIfModelBody.parse(request.body ?? {});
        return previewWhatIf(
          database,
          actorOf(request),
          config.orgTimezone,
          { modelId: request.params.modelId },
          body,
        );
      },
    );

    app.post(
      '/whatif',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Preview an unsaved model document on current data',
          description,
          body: whatIfDocumentBody,
          response: { 200: whatIfSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const { document, fromModelId, priority, ...page } = request.body;
        return previewWhatIf(
          database,
          actorOf(request),
          config.orgTimezone,
          { document, fromModelId, priority },
          page,
        );
      },
    );
  },
};
