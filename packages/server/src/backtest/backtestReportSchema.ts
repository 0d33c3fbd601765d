import { z } from 'zod';

/**
 * The stored backtest report (backtest_reports.report): what a grading as of a past date predicted, next
 * to what happened in the horizon after it. Aggregates only, no customer rows. Every section names what it
 * measured and on how many customers, in zh and en. Undefined measures are null (JSON has no NaN).
 */
const label = z.object({ zh: z.string(), en: z.string() });
const share = z.number().nullable().describe('0…1; null when the whole is not positive');

const section = {
  title: label,
  measured: label.describe('What this section compares, and on whom'),
  customers: z.number().int().describe('Customers the section measured'),
};

const warningLevel = z.object({
  key: z.enum(['high', 'high_medium']),
  label,
  flagged: z.number().int(),
  truePositives: z.number().int(),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});

const levelRow = z.object({
  key: z.enum(['low', 'medium', 'high']),
  label,
  customers: z.number().int(),
  churned: z.number().int(),
  churnRate: z.number().nullable(),
});

const calibrationRow = z.object({
  bin: z.number().int().describe('1 = lowest expected purchases'),
  customers: z.number().int(),
  expectedFrom: z.number(),
  expectedTo: z.number(),
  expectedMean: z.number(),
  actualMean: z.number(),
});

const groupRow = z.object({
  key: z.string(),
  label,
  customers: z.number().int(),
  /** Net revenue in the horizon. */
  revenue: z.number(),
  share,
  /** Share of the window revenue before the as-of date (what the grade was based on). */
  shareBefore: share,
});

export const backtestReportSchema = z
  .object({
    version: z.literal(1),
    title: label,
    model: z.object({ id: z.number().int(), key: z.string(), version: z.number().int(), name: z.string() }),
    asOf: z.string(),
    horizonDays: z.number().int(),
    /** Last day of the horizon (as-of + horizon days). */
    horizonEnd: z.string(),
    timezone: z.string(),
    population: z.object({
      ...section,
      purchasedBefore: z
        .number()
        .int()
        .describe('Graded customers with a purchase on or before the as-of date'),
      purchasersInHorizon: z.number().int(),
      purchasesInHorizon: z.number().int(),
      revenueInHorizon: z.number(),
      notGraded: z
        .object({
          customers: z.number().int(),
          purchasers: z.number().int(),
          purchases: z.number().int(),
          revenue: z.number(),
        })
        .describe('Customers this model did not grade as of the date (created later, or other segments)'),
    }),
    churn: z.object({
      ...section,
      churned: z.number().int().describe('No purchase in the horizon'),
      baseRate: z.number().nullable(),
      auc: z.number().nullable().describe('ROC AUC of the churn risk (Mann–Whitney, ties count ½)'),
      pAliveAuc: z.number().nullable().describe('ROC AUC of 1 − P(alive), for comparison'),
      pAliveCustomers: z.number().int(),
      levels: z.array(warningLevel),
      byLevel: z.array(levelRow),
    }),
    purchases: z.object({
      ...section,
      status: z.enum(['ok', 'no_fit']),
      reasons: z.array(z.string()).describe('Why BG/NBD was not fitted (CLV reason codes)'),
      timeUnitDays: z.number(),
      horizonUnits: z.number().describe('The horizon in the fit’s time unit'),
      expectedTotal: z.number(),
      actualTotal: z.number(),
      meanAbsoluteError: z.number().nullable(),
      meanError: z.number().nullable().describe('Mean of expected − actual: positive = over-prediction'),
      calibration: z.array(calibrationRow),
    }),
    revenue: z.object({
      ...section,
      total: z.number(),
      tiers: z.array(groupRow),
      abc: z.array(groupRow),
    }),
    notes: z.array(label),
    seconds: z.record(z.string(), z.number()),
  })
  .describe('BacktestReport');

export type BacktestReport = z.infer<typeof backtestReportSchema>;
