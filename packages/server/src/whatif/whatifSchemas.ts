import { TIER_REASONS } from '@stratum/core';
import { z } from 'zod';
import { idSchema } from '../app/schemas.js';
import { priorityInput, validateModelBody } from '../models/modelSchemas.js';

/** Request and response schemas of the what-if preview. */

const labelSchema = z.object({ zh: z.string(), en: z.string() });

const pageInput = {
  asOf: z
    .string()
    .optional()
    .describe('YYYY-MM-DD in the org timezone, through the end of that day; default today'),
  direction: z
    .enum(['all', 'promoted', 'demoted', 'changed'])
    .default('all')
    .describe('Which movers to list (changed: to or from a tier the other model does not have)'),
  limit: z.number().int().min(1).max(200).default(50).describe('Movers per page'),
  offset: z.number().int().min(0).max(10_000_000).default(0),
};

export const whatIfModelParams = z.object({ modelId: idSchema });

export const whatIfModelBody = z.object(pageInput).strict();

export const whatIfDocumentBody = validateModelBody
  .extend({
    ...pageInput,
    fromModelId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'Preview the document as a new version of this model’s family (its place, priority, previous grades); ' +
          'default: the published fallback model',
      ),
    priority: priorityInput.optional().describe('Default: that family’s priority'),
  })
  .strict();

export type WhatIfPageInput = {
  direction: 'all' | 'promoted' | 'demoted' | 'changed';
  limit: number;
  offset: number;
};

export const whatIfMoverSchema = z.object({
  customerId: z.number().int(),
  externalId: z.string(),
  name: z.string(),
  ownerId: z.string().nullable(),
  from: z.string().describe('Current tier key'),
  to: z.string().describe('Previewed tier key'),
  direction: z.enum(['promoted', 'demoted', 'changed']),
  scoreBefore: z.number().nullable(),
  scoreAfter: z.number(),
  reasons: z.array(z.object({ code: z.enum(TIER_REASONS), label: labelSchema })),
  rule: labelSchema.nullable().describe('The rule behind a floor, ceiling or kept place'),
});
export type WhatIfMover = z.infer<typeof whatIfMoverSchema>;

export const whatIfSchema = z
  .object({
    model: z.object({
      id: z.number().int().nullable().describe('null for an unsaved document'),
      key: z.string(),
      version: z.number().int().nullable(),
      name: z.string(),
      priority: z.number().int(),
    }),
    asOf: z.string(),
    population: z.number().int().describe('Customers that existed as of the date'),
    customers: z.number().int().describe('Customers this model would grade (segment precedence)'),
    totalRevenue: z.number(),
    tiers: z.array(
      z.object({
        key: z.string(),
        label: labelSchema,
        customers: z.number().int(),
        share: z.number().describe('customers / customers graded'),
        revenue: z.number(),
        revenueShare: z.number(),
      }),
    ),
    matrix: z
      .object({
        from: z.array(z.string()).describe('Current tier keys, then "none" (no current grade)'),
        to: z.array(z.string()).describe('The previewed model’s tier keys'),
        customers: z.array(z.array(z.number().int())).describe('[from][to]; sums to `customers`'),
        revenue: z.array(z.array(z.number())).describe('[from][to] window revenue'),
      })
      .describe('Migration from the current grades to the preview'),
    changes: z.object({
      unchanged: z.number().int(),
      promoted: z.number().int(),
      demoted: z.number().int(),
      changed: z.number().int(),
      new: z.number().int().describe('No current grade'),
    }),
    movers: z.object({
      total: z.number().int().describe('Movers in your data scope with this direction'),
      offset: z.number().int(),
      limit: z.number().int(),
      items: z.array(whatIfMoverSchema),
    }),
    seconds: z
      .object({
        refresh: z.number(),
        extract: z.number().describe('Point-in-time features of every customer'),
        grade: z.number().describe('Previous grades, overrides and the model itself'),
        compare: z.number().describe('Current grades, matrix and the movers page'),
        total: z.number(),
      })
      .describe('Where the preview’s time went'),
  })
  .describe('WhatIf');
export type WhatIf = z.infer<typeof whatIfSchema>;
