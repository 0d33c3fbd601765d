import { z } from 'zod';
import { COMPLAINT_SEVERITIES, COMPLAINT_STATUSES } from '@stratum/db';
import { externalIdSchema, instantSchema, optionalText } from '../app/schemas.js';
import { childRecordFields } from '../customers/childSchemas.js';

export const complaintSchema = z
  .object({
    ...childRecordFields,
    openedAt: z.string(),
    severity: z.enum(COMPLAINT_SEVERITIES),
    category: z.string().nullable(),
    status: z.enum(COMPLAINT_STATUSES),
    resolvedAt: z.string().nullable(),
  })
  .describe('Complaint');

const fields = {
  externalId: externalIdSchema,
  openedAt: instantSchema,
  severity: z.enum(COMPLAINT_SEVERITIES).optional(),
  category: optionalText(100),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  resolvedAt: instantSchema.nullable().optional(),
};

export const createComplaintBody = z.object({ ...fields, externalId: externalIdSchema.optional() }).strict();
export const updateComplaintBody = z.object(fields).partial().strict();
