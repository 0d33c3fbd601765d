import { z } from 'zod';
import { booleanQuery, idSchema, listQuery } from '../app/schemas.js';
import { codedSchema, reasonSchema } from '../grades/gradeCodes.js';
import { presentRunRef, runRefSchema } from '../grades/gradeSchemas.js';
import type { TimelineEntry } from './customerTimeline.js';
import type { MigrationMatrix } from './migrationMatrix.js';
import { MOVER_DIRECTIONS, type Mover } from './runMovers.js';

const tierKey = z.string().trim().min(1).max(50);

export const timelineQuery = listQuery.extend({
  dryRuns: booleanQuery.optional().describe('Also list dry runs (computed, never published)'),
});

export const timelineEntrySchema = z
  .object({
    run: runRefSchema,
    tier: codedSchema,
    computedTier: codedSchema.describe('Before a manual override'),
    score: z.number().describe('0–100, two decimals'),
    reasons: z.array(reasonSchema).describe('Why the customer has this tier (TIER_REASON codes)'),
    churnRisk: z.number().nullable().describe('0–100'),
    churnLevel: codedSchema,
    lifecycleStage: codedSchema,
  })
  .describe('GradeTimelineEntry');

export function presentTimelineEntry(entry: TimelineEntry): z.infer<typeof timelineEntrySchema> {
  return { ...entry, run: presentRunRef(entry.run) };
}

export const moversParams = z.object({ runId: idSchema });

export const moversQuery = listQuery.extend({
  direction: z.enum(MOVER_DIRECTIONS).optional(),
  tier: tierKey.optional().describe('Tier moved into (key, e.g. A)'),
  fromTier: tierKey.optional().describe('Tier moved out of'),
});

export const moverSchema = z
  .object({
    customer: z.object({ id: z.number().int(), externalId: z.string(), name: z.string() }),
    direction: z.enum(MOVER_DIRECTIONS),
    fromTier: codedSchema.nullable().describe('Null when graded for the first time'),
    toTier: codedSchema,
    fromScore: z.number().nullable(),
    toScore: z.number(),
    reasons: z.array(reasonSchema),
  })
  .describe('TierMover');

export const moversPageSchema = z.object({
  run: runRefSchema,
  items: z.array(moverSchema),
  nextCursor: z.string().nullable(),
});

export const presentMover = (mover: Mover): z.infer<typeof moverSchema> => mover;

export const migrationQuery = z.object({
  from: idSchema.describe('Earlier run id'),
  to: idSchema.describe('Later run id'),
});

const sideSchema = z.object({
  run: runRefSchema,
  tiers: z.array(codedSchema).describe('Best first'),
  customers: z.number().int().describe('Customers in your scope graded in this run'),
});

export const migrationSchema = z
  .object({
    from: sideSchema,
    to: sideSchema,
    cells: z
      .array(
        z.object({
          from: z.string().nullable().describe('Tier key in `from`; null = not graded in `from`'),
          to: z.string().nullable().describe('Tier key in `to`; null = not graded in `to`'),
          customers: z.number().int(),
          revenue: z.string().describe('Σ revenue of the `to` run (decimal string)'),
          fromRevenue: z.string().describe('Σ revenue of the `from` run (decimal string)'),
        }),
      )
      .describe('Every from × to cell, zeros included'),
    customers: z.number().int().describe('Customers graded in either run'),
  })
  .describe('TierMigration');

export function presentMigration(matrix: MigrationMatrix): z.infer<typeof migrationSchema> {
  return {
    ...matrix,
    from: { ...matrix.from, run: presentRunRef(matrix.from.run) },
    to: { ...matrix.to, run: presentRunRef(matrix.to.run) },
  };
}
