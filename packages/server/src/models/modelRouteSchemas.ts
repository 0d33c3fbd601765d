import { z } from 'zod';
import { modelSummarySchema } from './modelPresent.js';

/** Response schemas of the models API beside the model itself: validation, diff and coverage. */

const labelSchema = z.object({ zh: z.string(), en: z.string() });

export const modelIssueSchema = z
  .object({
    path: z.string().describe('Where in the document, e.g. groups[1].indicators[0].weight'),
    pathSegments: z.array(z.union([z.string(), z.number()])),
    code: z.string().describe('Stable issue code, e.g. WEIGHTS_SUM'),
    message: labelSchema.describe('What is wrong, in 简体中文 and English'),
  })
  .describe('ModelIssue');

export const validationSchema = z
  .object({
    valid: z.boolean(),
    issues: z.array(modelIssueSchema).describe('Empty when valid'),
  })
  .describe('ModelValidation');

export const modelChangeSchema = z
  .object({
    kind: z.string().describe('e.g. indicator.weight, tier.minScore, rule.added'),
    path: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    text: labelSchema.describe('The change as a sentence, e.g. «财务贡献 › 销售额 权重 50 → 40»'),
  })
  .describe('ModelChange');

export const diffSchema = z
  .object({
    from: modelSummarySchema,
    to: modelSummarySchema,
    changes: z.array(modelChangeSchema),
  })
  .describe('ModelDiff');

export const coverageSchema = z
  .object({
    total: z.number().int().describe('Current customers (not deleted)'),
    ungraded: z.number().int().describe('Customers no model of the set would grade (0 with a fallback)'),
    models: z.array(
      z.object({
        model: modelSummarySchema,
        customers: z.number().int().describe('Customers it would grade (first matching segment wins)'),
        share: z.number().describe('customers / total'),
        matching: z.number().int().describe('Customers its segment matches, before precedence'),
        overlap: z
          .number()
          .int()
          .describe('Customers its segment matches that an earlier (lower priority) model takes'),
      }),
    ),
  })
  .describe('ModelCoverage');

export const publishedSetNote =
  'Models are tried by ascending priority; the first whose segment matches grades the customer.';
