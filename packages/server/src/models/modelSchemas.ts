import { GradingModelSchema } from '@stratum/core';
import { MODEL_STATUSES } from '@stratum/db';
import { z } from 'zod';
import { idSchema, listQuery } from '../app/schemas.js';

/** Request and response schemas of the models API (presentation lives in modelPresent.ts). */

export const modelParams = z.object({ modelId: idSchema });

/** The document as the editor sends it; its meaning is checked by core's validateModel, not here. */
const documentInput = z
  .record(z.string(), z.unknown())
  .describe('A grading model document (see DESIGN §5); validated by POST /models/validate');

const scheduleInput = z
  .string()
  .max(200)
  .nullable()
  .describe(
    '5-field cron (minute hour day-of-month month day-of-week) in the org timezone; null = no schedule',
  );

export const priorityInput = z
  .number()
  .int()
  .min(0)
  .max(1_000_000)
  .describe('Segment precedence among published models: lower is tried first; the fallback goes last');

export const segmentInput = GradingModelSchema.shape.segment.unwrap();

export const modelKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, "-" and "_", at most 63 characters');

export const modelListQuery = listQuery.extend({
  status: z.enum(MODEL_STATUSES).optional().describe('Latest version per family with this status'),
});

export const versionListQuery = listQuery;

export const createModelBody = z
  .object({
    fromModelId: z
      .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), idSchema])
      .optional()
      .describe('Copy this version (any status) into a new draft version of its family'),
    key: modelKeySchema.optional().describe('A new family’s key (default: generated); not with fromModelId'),
    document: documentInput
      .optional()
      .describe('Required for a new family; replaces the copied document otherwise'),
    schedule: scheduleInput.optional(),
    priority: priorityInput.optional(),
  })
  .strict();

export const editModelBody = z
  .object({
    document: documentInput.optional().describe('Drafts only'),
    priority: priorityInput.optional().describe('Drafts only'),
    schedule: scheduleInput.optional().describe('Drafts and the published version'),
  })
  .strict();

export const validateModelBody = z.object({ document: documentInput }).strict();

export const publishModelBody = z
  .object({
    priority: priorityInput.optional().describe('Default: the draft’s priority'),
    segment: segmentInput
      .nullable()
      .optional()
      .describe('Which customers it grades; null = everyone (the fallback). Default: the draft’s segment'),
  })
  .strict();

export const diffQuery = z.object({
  from: idSchema.describe('The earlier version (any family)'),
  to: idSchema.describe('The later version'),
});

export const coverageQuery = z.object({
  with: z
    .string()
    .regex(/^[0-9]{1,16}(,[0-9]{1,16}){0,19}$/, 'comma-separated model ids')
    .optional()
    .describe('Proposed set: these versions take their families’ places among the published models'),
});
