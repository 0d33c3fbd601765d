import { z } from 'zod';
import { isoOut } from '../app/schemas.js';
import type { GradedRun } from './gradedRuns.js';

/** A run as the readers of grades name it: when, which model version, whether it is current. */
export const runRefSchema = z
  .object({
    id: z.number().int(),
    asOf: z.string(),
    modelId: z.number().int(),
    modelKey: z.string(),
    modelVersion: z.number().int(),
    modelName: z.string(),
    dryRun: z.boolean(),
    publishedAt: z.string().nullable(),
    current: z.boolean().describe('Its grades are the current grades of its model family'),
  })
  .describe('GradedRunRef');

export function presentRunRef(run: GradedRun): z.infer<typeof runRefSchema> {
  return {
    id: run.id,
    asOf: run.asOf,
    modelId: run.model.id,
    modelKey: run.model.key,
    modelVersion: run.model.version,
    modelName: run.model.name,
    dryRun: run.dryRun,
    publishedAt: isoOut(run.publishedAt),
    current: run.current,
  };
}

/** `latest` or a run id, as the grade export and its CLI take it. */
export const runSelectorSchema = z
  .union([
    z.literal('latest'),
    z
      .string()
      .regex(/^[0-9]{1,16}$/, 'must be "latest" or a run id')
      .transform(Number),
  ])
  .default('latest')
  .describe('"latest": the current grades of every model family; or a run id');
