import { validateModel, type ModelSegment } from '@stratum/core';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { pageSchema } from '../app/schemas.js';
import { modelCoverage } from './modelCoverage.js';
import { diffModels } from './modelDiff.js';
import { createDraft, editModel } from './modelDrafts.js';
import { archiveModel, publishModel } from './modelLifecycle.js';
import { requestScheduleSync } from '../schedule/scheduler.js';
import type { Jobs } from '../jobs/startJobs.js';
import { modelDetailSchema, modelSummarySchema, presentModel, presentModelSummary } from './modelPresent.js';
import { getModelRow, listModels, listVersions } from './modelQueries.js';
import { coverageSchema, diffSchema, publishedSetNote, validationSchema } from './modelRouteSchemas.js';
import {
  coverageQuery,
  createModelBody,
  diffQuery,
  editModelBody,
  modelListQuery,
  modelParams,
  publishModelBody,
  validateModelBody,
  versionListQuery,
} from './modelSchemas.js';
import { countSegmentMatches } from './modelSegmentMatches.js';
import { modelIssuesDetails, toStoredModel } from './modelStore.js';

const tags = ['models'];

/**
 * Grading models (DESIGN §5): versions of a family move draft → published → archived. Reading needs
 * grading:read (models carry no customer data, so there is no data scope); every change needs
 * models:write. Route = validate → authorise → call the service → present; the rules live in the services.
 */
export const modelsFeature: Feature = {
  name: 'models',
  register(app, { database, jobs }) {
    const { db } = database;

    app.get(
      '/models',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Model families: the latest version of each (or the latest with `status`), by key',
          querystring: modelListQuery,
          response: { 200: pageSchema(modelSummarySchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listModels(db, actorOf(request), request.query);
        return { ...page, items: page.items.map(presentModelSummary) };
      },
    );

    app.get(
      '/models/diff',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'What changed between two versions, each change as a sentence in 简体中文 and English',
          querystring: diffQuery,
          response: { 200: diffSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const from = await getModelRow(db, request.query.from);
        const to = await getModelRow(db, request.query.to);
        const changes = diffModels(toStoredModel(from).model, toStoredModel(to).model, {
          before: { priority: from.priority, schedule: from.schedule },
          after: { priority: to.priority, schedule: to.schedule },
        });
        return { from: presentModelSummary(from), to: presentModelSummary(to), changes };
      },
    );

    app.get(
      '/models/coverage',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'How many current customers each published model grades, and the overlaps of segments',
          description: `${publishedSetNote} With \`with\`, the given versions take their families’ places.`,
          querystring: coverageQuery,
          response: { 200: coverageSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const ids = request.query.with?.split(',').map(Number) ?? [];
        const coverage = await modelCoverage(db, actorOf(request), ids);
        const matching = await countSegmentMatches(
          db,
          coverage.models.map(({ model }) => (model.document as { segment?: ModelSegment }).segment),
        );
        return {
          total: coverage.total,
          ungraded: coverage.ungraded,
          models: coverage.models.map(({ model, customers }, k) => ({
            model: presentModelSummary(model),
            customers,
            share: coverage.total > 0 ? customers / coverage.total : 0,
            matching: matching[k]!,
            overlap: matching[k]! - customers,
          })),
        };
      },
    );

    app.post(
      '/models/validate',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Check a document without saving it: every issue with its path and a zh/en sentence',
          body: validateModelBody,
          response: { 200: validationSchema, ...standardErrorResponses },
        },
      },
      (request) => Promise.resolve(validation(request.body.document)),
    );

    app.get(
      '/models/:modelId',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'One version with its document',
          params: modelParams,
          response: { 200: modelDetailSchema, ...standardErrorResponses },
        },
      },
      async (request) => presentModel(await getModelRow(db, request.params.modelId)),
    );

    app.get(
      '/models/:modelId/versions',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Every version of the family this version belongs to, newest first',
          params: modelParams,
          querystring: versionListQuery,
          response: { 200: pageSchema(modelSummarySchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listVersions(db, request.params.modelId, request.query);
        return { ...page, items: page.items.map(presentModelSummary) };
      },
    );

    app.post(
      '/models',
      {
        config: { permission: 'models:write' },
        schema: {
          tags,
          summary: 'Create a draft: a new family (key + document) or the next version of one (fromModelId)',
          body: createModelBody,
          response: { 201: modelDetailSchema, ...standardErrorResponses },
        },
      },
      async (request, reply) =>
        reply.code(201).send(presentModel(await createDraft(db, actorOf(request), request.body))),
    );

    app.patch(
      '/models/:modelId',
      {
        config: { permission: 'models:write' },
        schema: {
          tags,
          summary: 'Edit a draft (document, priority, schedule) or the schedule of the published version',
          params: modelParams,
          body: editModelBody,
          response: { 200: modelDetailSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentModel(
          await withScheduleSync(jobs, editModel(db, actorOf(request), request.params.modelId, request.body)),
        ),
    );

    app.post(
      '/models/:modelId/publish',
      {
        config: { permission: 'models:write' },
        schema: {
          tags,
          summary: 'Publish a draft (archives the family’s published version); the next run uses it',
          description: `${publishedSetNote} Refused (409) when priorities clash, no fallback model would remain, or a model would come after the fallback.`,
          params: modelParams,
          body: publishModelBody.nullish(),
          response: { 200: modelDetailSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentModel(
          await withScheduleSync(
            jobs,
            publishModel(db, actorOf(request), request.params.modelId, request.body ?? {}),
          ),
        ),
    );

    app.post(
      '/models/:modelId/archive',
      {
        config: { permission: 'models:write' },
        schema: {
          tags,
          summary: 'Retire a version; refused (409) if it would leave the published set without a fallback',
          params: modelParams,
          response: { 200: modelDetailSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentModel(
          await withScheduleSync(jobs, archiveModel(db, actorOf(request), request.params.modelId)),
        ),
    );
  },
};

function validation(document: unknown) {
  const checked = validateModel(document);
  return checked.ok
    ? { valid: true, issues: [] }
    : { valid: false, issues: modelIssuesDetails(checked.issues) };
}

/**
 * Publishing or archiving changes which schedules exist: ask the scheduler to re-sync now rather than at its
 * next periodic check. The change itself is already committed, so a queue that is unavailable (a test app
 * without jobs) must not fail the request.
 */
async function withScheduleSync<T>(jobs: Pick<Jobs, 'enqueue'>, change: Promise<T>): Promise<T> {
  const result = await change;
  await requestScheduleSync(jobs).catch(() => undefined);
  return result;
}
