import { z } from 'zod';
import { externalIdSchema, instantSchema, moneySchema, optionalText } from '../app/schemas.js';
import { childRecordFields } from '../customers/childSchemas.js';

export const orderSchema = z
  .object({
    ...childRecordFields,
    orderedAt: z.string(),
    amount: z.string().describe('Decimal string; ≤ 0 is a return or credit'),
    margin: z.string().nullable(),
    currency: z.string(),
    category: z.string().nullable(),
    channel: z.string().nullable(),
  })
  .describe('Order');

const fields = {
  externalId: externalIdSchema,
  orderedAt: instantSchema,
  amount: moneySchema,
  margin: moneySchema.nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY')
    .optional(),
  category: optionalText(100),
  channel: optionalText(100),
};

export const createOrderBody = z.object({ ...fields, externalId: externalIdSchema.optional() }).strict();
export const updateOrderBody = z.object(fields).partial().strict();
