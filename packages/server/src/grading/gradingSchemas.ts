import { z } from 'zod';
import { idSchema, isoOut, listQuery } from '../app/schemas.js';
import type { RunRow } from './runStore.js';

export const runRequestBody = z
  .object({
    modelId: idSchema.optional().describe('One model; without it every published model runs'),
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
      .optional()
      .describe('Grade with what was known through the end of this day (org timezone); default today'),
    dryRun: z.boolean().optional().describe('Compute and keep the run, but do not make it current'),
  })
  .strict();

export const runParams = z.object({ runId: idSchema });

export const runListQuery = listQuery.extend({
  modelId: idSchema.optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
});

export const runSchema = z
  .object({
    id: z.number().int(),
    modelId: z.number().int(),
    kind: z.string(),
    dryRun: z.boolean(),
    status: z.string(),
    phase: z.string().nullable(),
    progress: z.number().describe('0…1'),
    asOf: z.string(),
    customers: z.number().int().nullable(),
    stats: z
      .unknown()
      .describe('Tier counts and revenue shares, CLV fit diagnostics, changes, phase timings'),
    error: z.string().nullable(),
    requestedBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    publishedAt: z.string().nullable(),
  })
  .describe('GradingRun');

export function presentRun(run: RunRow): z.infer<typeof runSchema> {
  return {
    id: run.id,
    modelId: run.modelId,
    kind: run.kind,
    dryRun: run.dryRun,
    status: run.status,
    phase: run.phase,
    progress: run.progress,
    asOf: run.asOf,
    customers: run.customers,
    stats: run.stats ?? null,
    error: run.error,
    requestedBy: run.requestedBy,
    createdAt: run.createdAt.toISOString(),
    startedAt: isoOut(run.startedAt),
    finishedAt: isoOut(run.finishedAt),
    publishedAt: isoOut(run.publishedAt),
  };
}
