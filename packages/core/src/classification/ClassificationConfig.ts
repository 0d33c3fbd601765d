import { z } from 'zod';

const Share = z.number().gt(0).max(1);

/**
 * Cut-offs of the five seed dimensions. A "top share" cut takes the customers whose value is at least
 * the ⌈share·n⌉-th largest among those with a positive value (ties at the cut all qualify).
 */
export const ClassificationConfigSchema = z.object({
  importance: z
    .object({
      /** Key account when the tier index (0 = top tier) is below this: 2 = the top two tiers (e.g. S, A). */
      keyTierCount: z.int().min(0).default(2),
      /** A customer without a tier is key when its ABC class is A. */
      abcAWithoutTier: z.boolean().default(true),
    })
    .prefault({}),
  demand: z
    .object({
      /** How much the customer buys from us: the column ranked for demand. */
      basis: z.enum(['order_count', 'purchase_days', 'category_breadth', 'revenue']).default('order_count'),
      /** High demand = top share of customers with a positive value. */
      topShare: Share.default(0.3),
    })
    .prefault({}),
  contribution: z
    .object({
      /** `abc`: high = ABC class A (value share); `top_share`: high = top share of customers by `basis`. */
      method: z.enum(['abc', 'top_share']).default('abc'),
      basis: z.enum(['revenue', 'gross_margin']).default('revenue'),
      topShare: Share.default(0.2),
    })
    .prefault({}),
  potential: z
    .object({
      /** High when any enabled criterion holds; null disables a criterion. Revenue growth ≥ this. */
      minGrowth: z.number().nullable().default(0.2),
      /** Predicted CLV in the top share of customers. */
      clvTopShare: Share.nullable().default(0.3),
      /** Company size: employees ≥ this. */
      minEmployees: z.number().nonnegative().nullable().default(1000),
      /** Company size: annual company revenue ≥ this (in the organisation's currency). */
      minCompanyRevenue: z.number().nonnegative().nullable().default(null),
    })
    .prefault({}),
  industryPosition: z
    .object({
      /** market_position `major` (重要) counts as leader by default: a large player is not an SME. */
      majorAs: z.enum(['leader', 'sme']).default('leader'),
    })
    .prefault({}),
});

export type ClassificationConfig = z.infer<typeof ClassificationConfigSchema>;
