import { z } from 'zod';
import { ACTOR_KINDS } from '@stratum/db';
import { idSchema, limitSchema } from '../app/schemas.js';

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorKind: z.enum(ACTOR_KINDS),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    customerId: z.number().int().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .describe('AuditEntry');

export const auditPageQuery = z.object({
  limit: limitSchema,
  cursor: z.string().max(2000).optional(),
});

export const auditQuery = auditPageQuery.extend({
  entity: z.string().max(50).optional().describe('e.g. customer, order, contact, user'),
  entityId: z.string().max(100).optional(),
  customerId: idSchema.optional(),
  actorId: z.string().max(100).optional(),
});
