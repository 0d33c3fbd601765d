import { jsonRecord } from '../app/present.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { standardErrorResponses } from '../app/errorResponse.js';
import { customerParams, pageSchema } from '../app/schemas.js';
import { requireVisibleCustomer } from '../customers/customerService.js';
import { auditEntrySchema, auditPageQuery, auditQuery } from './auditSchemas.js';
import { listAudit } from './auditService.js';

const tags = ['audit'];

export const auditFeature: Feature = {
  name: 'audit',
  register(app, { database }) {
    const { db } = database;
    app.get(
      '/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags,
          summary: 'Every change, newest first',
          querystring: auditQuery,
          response: { 200: pageSchema(auditEntrySchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listAudit(db, request.query);
        return { items: page.items.map(jsonRecord), nextCursor: page.nextCursor };
      },
    );
    app.get(
      '/customers/:customerId/audit',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary:
            "A customer's change history (its profile and its records), for anyone who can see the customer",
          params: customerParams,
          querystring: auditPageQuery,
          response: { 200: pageSchema(auditEntrySchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const { customerId } = request.params;
        const actor = actorOf(request);
        await requireVisibleCustomer(db, actor, customerId);
        const page = await listAudit(db, { ...request.query, customerId, scope: actor });
        return { items: page.items.map(jsonRecord), nextCursor: page.nextCursor };
      },
    );
  },
};
