import { dayFromIso, isoFromDay } from '@stratum/core';
import { z } from 'zod';
import { idSchema, isoOut, listQuery } from '../app/schemas.js';
import { backtestReportSchema } from './backtestReportSchema.js';
import { progressOf, reportOf, type BacktestRow } from './backtestStore.js';
import { MAX_HORIZON_DAYS } from './requestBacktest.js';

export const backtestRequestBody = z
  .object({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
      .describe('Grade with what was known through the end of this day (org timezone)'),
    horizonDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_HORIZON_DAYS)
      .describe('Compare with the days (asOf, asOf + horizonDays]; they must all be in the past'),
    modelId: idSchema.optional().describe('Default: the published default model'),
  })
  .strict();

export const backtestParams = z.object({ backtestId: idSchema });

export const backtestListQuery = listQuery.extend({
  modelId: idSchema.optional(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
});

export const backtestSchema = z
  .object({
    id: z.number().int(),
    modelId: z.number().int(),
    asOf: z.string(),
    horizonDays: z.number().int(),
    horizonEnd: z.string(),
    status: z.string(),
    phase: z.string().nullable(),
    progress: z.number().describe('0…1'),
    report: backtestReportSchema.nullable().describe('Set when the backtest succeeded'),
    error: z.string().nullable(),
    requestedBy: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .describe('Backtest');

export function presentBacktest(row: BacktestRow): z.infer<typeof backtestSchema> {
  return {
    id: row.id,
    modelId: row.modelId,
    asOf: row.asOf,
    horizonDays: row.horizonDays,
    horizonEnd: isoFromDay(dayFromIso(row.asOf) + row.horizonDays),
    status: row.status,
    ...progressOf(row),
    report: reportOf(row),
    error: row.error,
    requestedBy: row.requestedBy,
    createdAt: row.createdAt.toISOString(),
    finishedAt: isoOut(row.finishedAt),
  };
}
