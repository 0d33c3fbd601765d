import { z } from 'zod';
import { INTERACTION_KINDS } from '@stratum/db';
import { externalIdSchema, instantSchema, optionalText } from '../app/schemas.js';
import { childRecordFields, refIdSchema } from '../customers/childSchemas.js';

export const interactionSchema = z
  .object({
    ...childRecordFields,
    kind: z.enum(INTERACTION_KINDS),
    occurredAt: z.string(),
    userId: z.string().nullable().describe('The user who had the interaction'),
    contactId: z.number().int().nullable(),
    summary: z.string().nullable(),
    outcome: z.string().nullable(),
  })
  .describe('Interaction');

const fields = {
  externalId: externalIdSchema,
  kind: z.enum(INTERACTION_KINDS),
  occurredAt: instantSchema,
  userId: z.string().min(1).max(100).nullable().optional(),
  contactId: refIdSchema.nullable().optional(),
  summary: optionalText(5000),
  outcome: optionalText(2000),
};

export const createInteractionBody = z
  .object({ ...fields, externalId: externalIdSchema.optional() })
  .strict();
export const updateInteractionBody = z.object(fields).partial().strict();
