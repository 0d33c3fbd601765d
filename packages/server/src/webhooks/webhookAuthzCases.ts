import { SYSTEM_ACTOR } from '../access/actor.js';
import type { AuthzContext, CaseProvider } from '../app/authz/authzTypes.js';
import { createWebhook } from './webhookService.js';

/**
 * Authorisation cases of the webhook routes: configuration, so only 'settings:manage' (admins). The
 * fixture webhook points at a closed loopback port and is inactive: a test ping is refused at once and
 * no delivery ever leaves.
 */
const fixture = { webhookId: 0, deliveryId: 0 };
const URL_CLOSED = 'http://127.0.0.1:9/stratum-hook';

async function newWebhook(ctx: AuthzContext): Promise<number> {
  const { webhook } = await createWebhook(ctx.t.database.db, SYSTEM_ACTOR, {
    url: URL_CLOSED,
    events: ['tier.changed'],
    active: false,
  });
  return webhook.id;
}

export const webhookAuthzCases: CaseProvider = {
  async setup(ctx) {
    fixture.webhookId = await newWebhook(ctx);
    const { pool } = ctx.t.database;
    const { rows } = await pool.query<{ id: string }>(
      `WITH e AS (INSERT INTO events (kind, payload) VALUES ('tier.changed', '{}'::jsonb) RETURNING id)
       INSERT INTO webhook_deliveries (webhook_id, event_id) SELECT $1, e.id FROM e RETURNING id`,
      [fixture.webhookId],
    );
    fixture.deliveryId = Number(rows[0]!.id);
  },
  cases: (ctx) => {
    const one = () => `/api/v1/webhooks/${fixture.webhookId}`;
    return {
      'GET /api/v1/webhooks': { permission: 'settings:manage', build: () => ({ url: '/api/v1/webhooks' }) },
      'POST /api/v1/webhooks': {
        permission: 'settings:manage',
        build: () => ({
          url: '/api/v1/webhooks',
          body: { url: URL_CLOSED, events: ['tier.changed'], active: false },
        }),
      },
      'GET /api/v1/webhooks/:webhookId': { permission: 'settings:manage', build: () => ({ url: one() }) },
      'PATCH /api/v1/webhooks/:webhookId': {
        permission: 'settings:manage',
        build: () => ({ url: one(), body: { description: '授权矩阵 authz' } }),
      },
      'DELETE /api/v1/webhooks/:webhookId': {
        permission: 'settings:manage',
        build: async () => ({ url: `/api/v1/webhooks/${await newWebhook(ctx)}` }),
      },
      'POST /api/v1/webhooks/:webhookId/rotate-secret': {
        permission: 'settings:manage',
        build: () => ({ url: `${one()}/rotate-secret` }),
      },
      'POST /api/v1/webhooks/:webhookId/test': {
        permission: 'settings:manage',
        build: () => ({ url: `${one()}/test` }),
      },
      'GET /api/v1/webhooks/:webhookId/deliveries': {
        permission: 'settings:manage',
        build: () => ({ url: `${one()}/deliveries` }),
      },
      'POST /api/v1/webhooks/:webhookId/deliveries/:deliveryId/redeliver': {
        permission: 'settings:manage',
        build: () => ({ url: `${one()}/deliveries/${fixture.deliveryId}/redeliver` }),
      },
    };
  },
};
