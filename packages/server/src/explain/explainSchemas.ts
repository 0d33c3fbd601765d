import { z } from 'zod';
import { idSchema } from '../app/schemas.js';
import { codedSchema, labelSchema, reasonSchema } from '../grades/gradeCodes.js';
import { presentRunRef, runRefSchema } from '../grades/gradeSchemas.js';
import type { GradeExplanation } from './buildExplanation.js';

export const explainQuery = z.object({
  run: idSchema.optional().describe('A run id; default: the current grade'),
});

const dimensionSchema = codedSchema.extend({ name: labelSchema });

const indicatorSchema = z.object({
  indicator: z.string(),
  label: labelSchema,
  description: labelSchema,
  group: codedSchema,
  unit: codedSchema,
  direction: z.enum(['higher', 'lower']),
  raw: z.number().nullable().describe('Raw value; null = missing'),
  missing: z.boolean(),
  policy: z.enum(['zero', 'neutral', 'exclude']).describe('What a missing value is worth'),
  normalized: z.number().nullable().describe('Points 0–100; null when excluded'),
  weight: z.number().describe('Nominal share of the score (Σ = 1)'),
  effectiveWeight: z.number().describe('Share after renormalising over what counted'),
  contribution: z.number().describe('Score points; the contributions add up to score'),
  runningTotal: z.number().describe('Score after this bar'),
});

export const explanationSchema = z
  .object({
    customer: z.object({ id: z.number().int(), externalId: z.string(), name: z.string() }),
    run: runRefSchema,
    score: z.number().describe('0–100, two decimals'),
    tier: codedSchema.describe('Final tier (after an override)'),
    computedTier: codedSchema.describe('What the model computed'),
    tierSince: z.string().nullable().describe('Day the customer entered its computed tier'),
    overridden: z.boolean().describe('An override set the final tier in this run'),
    override: z
      .object({
        id: z.number().int(),
        tier: codedSchema,
        status: codedSchema,
        reason: z.string(),
        expiresOn: z.string(),
        requestedBy: z.string().nullable(),
        decidedBy: z.string().nullable(),
        requestedAt: z.string(),
        decidedAt: z.string().nullable(),
        active: z.boolean().describe('Approved and not expired on the run’s as-of day'),
        appliedInRun: z.boolean(),
        note: labelSchema,
      })
      .nullable(),
    reasons: z.array(reasonSchema),
    rulesFired: z.array(
      z.object({
        id: z.string(),
        note: z.string().nullable(),
        effect: z.enum(['floor', 'ceiling', 'quota_kept']),
        description: labelSchema,
      }),
    ),
    hysteresis: z.object({
      scoreMargin: z.number(),
      minDaysInTier: z.number(),
      held: z.boolean(),
      note: labelSchema.nullable(),
    }),
    scorecard: z.object({
      score: z.number(),
      coverage: z.number(),
      items: z.array(indicatorSchema).describe('The waterfall, in model order'),
    }),
    churn: z.object({
      risk: z.number().nullable().describe('0–100'),
      level: codedSchema,
      reasons: z.array(
        z.object({
          code: z.string(),
          label: labelSchema,
          measure: labelSchema,
          evidence: z.number().nullable(),
          sentence: labelSchema,
        }),
      ),
      summary: labelSchema.describe('The reasons as one sentence'),
    }),
    clv: z.object({
      revenue: z.string().describe('Revenue in the model window (decimal string)'),
      historical: z.string().nullable().describe('Historical CLV (decimal string)'),
      predicted: z.string().nullable().describe('Predicted CLV over horizonMonths (decimal string)'),
      horizonMonths: z.number().int(),
      pAlive: z.number().nullable(),
      expectedPurchases: z.number().nullable().describe('Expected purchases in expectedHorizonDays'),
      expectedHorizonDays: z.number(),
    }),
    abc: codedSchema,
    rfm: z.object({
      r: z.number().int(),
      f: z.number().int(),
      m: z.number().int(),
      segment: codedSchema,
      labels: z.object({ r: labelSchema, f: labelSchema, m: labelSchema }),
    }),
    lifecycle: z.object({ stage: codedSchema, phase: codedSchema.describe('Management phase') }),
    classification: z.object({
      importance: dimensionSchema,
      demand: dimensionSchema,
      contribution: dimensionSchema,
      growthPotential: dimensionSchema,
      industryPosition: dimensionSchema,
      portfolioQuadrant: dimensionSchema,
    }),
  })
  .describe('GradeExplanation');

export function presentExplanation(explanation: GradeExplanation): z.infer<typeof explanationSchema> {
  return {
    ...explanation,
    run: presentRunRef(explanation.run),
    scorecard: { ...explanation.scorecard, items: [...explanation.scorecard.items] },
  };
}
