import { z } from 'zod';

/**
 * ABC (Pareto) analysis settings. Customers are ranked by `basis` descending; A holds the customers up
 * to `aMaxShare` of the cumulative positive value, B up to `bMaxShare`, C the rest.
 */
export const AbcConfigSchema = z
  .object({
    /** Which FeatureMatrix column the value comes from (window revenue by default). */
    basis: z.enum(['revenue', 'gross_margin', 'lifetime_revenue', 'lifetime_margin']).default('revenue'),
    aMaxShare: z.number().gt(0).lte(1).default(0.8),
    bMaxShare: z.number().gt(0).lte(1).default(0.95),
  })
  .refine((c) => c.aMaxShare <= c.bMaxShare, {
    message: 'ABC: aMaxShare must not exceed bMaxShare (A is the top of the cumulative curve)',
    path: ['bMaxShare'],
  });

export type AbcConfig = z.infer<typeof AbcConfigSchema>;
