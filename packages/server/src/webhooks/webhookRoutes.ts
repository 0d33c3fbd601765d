import { z } from 'zod';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { pageSchema } from '../app/schemas.js';
import { listDeliveries, redeliver, sendTestPing } from './deliveryService.js';
import {
  createWebhookBody,
  deliveryListQuery,
  deliveryParams,
  deliverySchema,
  presentDelivery,
  presentWebhook,
  testResultSchema,
  updateWebhookBody,
  webhookParams,
  webhookSchema,
  webhookWithSecretSchema,
} from './webhookSchemas.js';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from './webhookService.js';

const tags = ['webhooks'];
const permission = 'settings:manage' as const;
const SIGNING =
  'Deliveries are POSTed as JSON `{ id, kind, createdAt, data }` with X-Stratum-Event, X-Stratum-Delivery, ' +
  'X-Stratum-Timestamp and X-Stratum-Signature = `sha256=` + hex HMAC-SHA256 of `<timestamp>.<raw body>` ' +
  'keyed with the secret; refuse timestamps more than 5 minutes off.';

export const webhooksFeature: Feature = {
  name: 'webhooks',
  register(app, { database }) {
    const { db } = database;

    app.get(
      '/webhooks',
      {
        config: { permission },
        schema: {
          tags,
          summary: 'Webhooks (without their secrets)',
          response: { 200: z.object({ items: z.array(webhookSchema) }), ...standardErrorResponses },
        },
      },
      async () => ({ items: (await listWebhooks(db)).map(presentWebhook) }),
    );

    app.post(
      '/webhooks',
      {
        config: { permission },
        schema: {
          tags,
          summary: `Create a webhook; its signing secret is in this response only. ${SIGNING}`,
          body: createWebhookBody,
          response: { 201: webhookWithSecretSchema, ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const { webhook, secret } = await createWebhook(db, actorOf(request), request.body);
        return reply.status(201).send({ webhook: presentWebhook(webhook), secret });
      },
    );

    app.get(
      '/webhooks/:webhookId',
      {
        config: { permission },
        schema: { tags, params: webhookParams, response: { 200: webhookSchema, ...standardErrorResponses } },
      },
      async (request) => presentWebhook(await getWebhook(db, request.params.webhookId)),
    );

    app.patch(
      '/webhooks/:webhookId',
      {
        config: { permission },
        schema: {
          tags,
          summary: 'Change URL, event kinds, active flag or description (inactive: deliveries wait)',
          params: webhookParams,
          body: updateWebhookBody,
          response: { 200: webhookSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentWebhook(await updateWebhook(db, actorOf(request), request.params.webhookId, request.body)),
    );

    app.delete(
      '/webhooks/:webhookId',
      {
        config: { permission },
        schema: {
          tags,
          summary: 'Delete a webhook and its delivery log',
          params: webhookParams,
          response: { 204: z.null().describe('Deleted'), ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        await deleteWebhook(db, actorOf(request), request.params.webhookId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/webhooks/:webhookId/rotate-secret',
      {
        config: { permission },
        schema: {
          tags,
          summary: 'Replace the signing secret (effective at once); the new one is in this response only',
          params: webhookParams,
          response: { 200: webhookWithSecretSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const { webhook, secret } = await rotateWebhookSecret(db, actorOf(request), request.params.webhookId);
        return { webhook: presentWebhook(webhook), secret };
      },
    );

    app.post(
      '/webhooks/:webhookId/test',
      {
        config: { permission },
        schema: {
          tags,
          summary: 'Send a signed `ping` now and report the receiver’s answer (not retried)',
          params: webhookParams,
          response: { 200: testResultSchema, ...standardErrorResponses },
        },
      },
      async (request) => sendTestPing(db, actorOf(request), request.params.webhookId),
    );

    app.get(
      '/webhooks/:webhookId/deliveries',
      {
        config: { permission },
        schema: {
          tags,
          summary: 'Delivery log, newest first, each delivery with every attempt',
          params: webhookParams,
          querystring: deliveryListQuery,
          response: { 200: pageSchema(deliverySchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listDeliveries(database, request.params.webhookId, request.query);
        return { ...page, items: page.items.map(presentDelivery) };
      },
    );

    app.post(
      '/webhooks/:webhookId/deliveries/:deliveryId/redeliver',
      {
        config: { permission },
        schema: {
          tags,
          summary:
            'Send a delivery again: a finished one as a new delivery of the same event, a pending one at once',
          params: deliveryParams,
          response: { 202: deliverySchema, ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const { webhookId, deliveryId } = request.params;
        return reply
          .status(202)
          .send(presentDelivery(await redeliver(database, actorOf(request), webhookId, deliveryId)));
      },
    );
  },
};
