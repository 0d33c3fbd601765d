import { z } from 'zod';

/** Output fields every customer-scoped record has: its keys and who changed it when. */
export const childRecordFields = {
  customerId: z.number().int(),
  id: z.number().int(),
  externalId: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
};

/** A reference to another record of the same customer (a contact) or a customer. */
export const refIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
