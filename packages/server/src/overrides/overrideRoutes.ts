import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { customerParams, pageSchema } from '../app/schemas.js';
import { requireVisibleCustomer } from '../customers/customerService.js';
import { currentTierView } from './currentTier.js';
import { todayIn } from './overrideDays.js';
import { overrideNotFound } from './overrideErrors.js';
import {
  approveBody,
  currentTierSchema,
  customerOverrideQuery,
  overrideListQuery,
  overrideParams,
  overrideRequestBody,
  overrideSchema,
  presentCurrentTier,
  presentOverride,
  rejectBody,
  withdrawBody,
} from './overrideSchemas.js';
import { decideOverride, requestOverride, withdrawOverride } from './overrideService.js';
import { findOverride, listOverrides } from './overrideStore.js';

const tags = ['overrides'];

/**
 * Governed overrides (人工调整) over HTTP. Reading needs 'grading:read' and the customer in the caller's
 * data scope (enforced inside every query: an override of a customer outside it answers 404); requesting
 * needs 'overrides:request', deciding 'overrides:approve'. The rules that depend on who asked (nobody
 * decides their own request, only the requester or an approver withdraws) live in overrideService, so the
 * CLI and the API enforce the same ones.
 */
export const overridesFeature: Feature = {
  name: 'overrides',
  register(app, { config, database }) {
    const { db } = database;
    const timezone = config.orgTimezone;

    app.post(
      '/customers/:customerId/overrides',
      {
        config: { permission: 'overrides:request' },
        schema: {
          tags,
          summary:
            'Request a tier for a customer of your scope, with a reason and a last day; someone else approves it',
          params: customerParams,
          body: overrideRequestBody,
          response: { 201: overrideSchema, ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const record = await requestOverride(
          db,
          actorOf(request),
          timezone,
          request.params.customerId,
          request.body,
        );
        return reply.status(201).send(presentOverride(record));
      },
    );

    app.get(
      '/customers/:customerId/overrides',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'The customer’s overrides, newest first (every status)',
          params: customerParams,
          querystring: customerOverrideQuery,
          response: { 200: pageSchema(overrideSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { customerId } = request.params;
        // Out of scope is 404, not an empty page: the customer's existence is not revealed either.
        await requireVisibleCustomer(db, actor, customerId);
        const page = await listOverrides(db, actor, { ...request.query, customerId });
        return { items: page.items.map(presentOverride), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/customers/:customerId/tier',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary:
            'The tier users see now, with the computed tier and the pending or approved override side by side',
          params: customerParams,
          response: { 200: currentTierSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentCurrentTier(
          await currentTierView(db, actorOf(request), request.params.customerId, todayIn(timezone)),
        ),
    );

    app.get(
      '/overrides',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          summary: 'Overrides of the customers in your scope, newest first (filter by status, customer …)',
          querystring: overrideListQuery,
          response: { 200: pageSchema(overrideSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listOverrides(db, actorOf(request), request.query);
        return { items: page.items.map(presentOverride), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/overrides/:overrideId',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags,
          params: overrideParams,
          response: { 200: overrideSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const { overrideId } = request.params;
        const record = await findOverride(db, actorOf(request), overrideId);
        if (!record) throw overrideNotFound(overrideId);
        return presentOverride(record);
      },
    );

    app.post(
      '/overrides/:overrideId/approve',
      {
        config: { permission: 'overrides:approve' },
        schema: {
          tags,
          summary:
            'Approve a pending override (not your own request): it applies at once and in every run until its last day',
          params: overrideParams,
          body: approveBody,
          response: { 200: overrideSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentOverride(
          await decideOverride(
            db,
            actorOf(request),
            timezone,
            request.params.overrideId,
            'approved',
            request.body?.note || null,
          ),
        ),
    );

    app.post(
      '/overrides/:overrideId/reject',
      {
        config: { permission: 'overrides:approve' },
        schema: {
          tags,
          summary: 'Reject a pending override (not your own request), saying why',
          params: overrideParams,
          body: rejectBody,
          response: { 200: overrideSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentOverride(
          await decideOverride(
            db,
            actorOf(request),
            timezone,
            request.params.overrideId,
            'rejected',
            request.body.note,
          ),
        ),
    );

    app.post(
      '/overrides/:overrideId/withdraw',
      {
        config: { permission: 'overrides:request' },
        schema: {
          tags,
          summary:
            'Withdraw a pending or approved override (its requester, or an approver); the computed tier applies again',
          params: overrideParams,
          body: withdrawBody,
          response: { 200: overrideSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentOverride(
          await withdrawOverride(db, actorOf(request), request.params.overrideId, request.body?.note || null),
        ),
    );
  },
};
