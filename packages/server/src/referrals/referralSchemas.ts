import { z } from 'zod';
import { externalIdSchema, instantSchema, optionalText } from '../app/schemas.js';
import { childRecordFields, refIdSchema } from '../customers/childSchemas.js';

export const referralSchema = z
  .object({
    ...childRecordFields,
    referredCustomerId: z.number().int().nullable(),
    referredExternalId: z.string().nullable(),
    referredName: z.string().nullable(),
    referredAt: z.string(),
  })
  .describe('Referral made by this customer');

const fields = {
  externalId: externalIdSchema,
  referredCustomerId: refIdSchema.nullable().optional().describe('When the referred party is a customer'),
  referredExternalId: externalIdSchema.nullable().optional(),
  referredName: optionalText(200),
  referredAt: instantSchema,
};

export const createReferralBody = z.object({ ...fields, externalId: externalIdSchema.optional() }).strict();
export const updateReferralBody = z.object(fields).partial().strict();
