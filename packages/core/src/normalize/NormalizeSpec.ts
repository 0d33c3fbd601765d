import { z } from 'zod';

/**
 * How an indicator's raw column becomes 0–100 points. Plain JSON inside a grading model.
 *
 * - `percentile`: rank among the customers (ties share their average rank).
 * - `minmax`: linear between the column's minimum and maximum, or between quantile caps
 *   (`floor` / `cap`, e.g. cap 0.99 winsorises the top 1 %), or between a fixed `range`
 *   (for absolute scales such as CSAT 1–5).
 * - `log_minmax`: as `minmax` after a signed log1p (for heavy-tailed money and head counts).
 * - `zscore`: standard score mapped through the normal CDF (50 = average customer).
 * - `bands`: step points: the highest step whose `atLeast` the value reaches, else `base`.
 * - `enum`: points per code (keys are code names such as `leader`, or numeric codes such as `"2"`).
 */
const capsShape = {
  /** Upper quantile cap in (0.5, 1]: values above it score 100. */
  cap: z.number().optional(),
  /** Lower quantile cap in [0, 0.5): values below it score 0. */
  floor: z.number().optional(),
  /** Fixed [min, max] in raw units instead of the data's own; mutually exclusive with caps. */
  range: z.tuple([z.number(), z.number()]).optional(),
};

export const NormalizeSpecSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('percentile') }),
  z.strictObject({ method: z.literal('minmax'), ...capsShape }),
  z.strictObject({ method: z.literal('log_minmax'), ...capsShape }),
  z.strictObject({ method: z.literal('zscore') }),
  z.strictObject({
    method: z.literal('bands'),
    steps: z.array(z.strictObject({ atLeast: z.number(), points: z.number() })),
    base: z.number().default(0),
  }),
  z.strictObject({
    method: z.literal('enum'),
    map: z.record(z.string(), z.number()),
    /** Points for a code missing from `map`; absent = treat as a missing value. */
    fallback: z.number().optional(),
  }),
]);
export type NormalizeSpec = z.output<typeof NormalizeSpecSchema>;
export type NormalizeSpecInput = z.input<typeof NormalizeSpecSchema>;
export type NormalizeMethod = NormalizeSpec['method'];
export type CappedSpec = Extract<NormalizeSpec, { method: 'minmax' | 'log_minmax' }>;
export type BandsSpec = Extract<NormalizeSpec, { method: 'bands' }>;
export type EnumSpec = Extract<NormalizeSpec, { method: 'enum' }>;

/**
 * What a missing value (NaN) is worth:
 * - `zero`: 0 points, the worst (no data is taken as the bad case),
 * - `neutral`: 50 points, the middle,
 * - `exclude`: the indicator is dropped for that customer and the remaining weights are renormalised.
 */
export const MissingPolicySchema = z.enum(['zero', 'neutral', 'exclude']);
export type MissingPolicy = z.output<typeof MissingPolicySchema>;

/** Whether a larger raw value is better (`higher`) or worse (`lower`, e.g. recency, complaints). */
export const DirectionSchema = z.enum(['higher', 'lower']);
export type Direction = z.output<typeof DirectionSchema>;

/** Points given to a missing value by the `zero` and `neutral` policies (`exclude` has none). */
export const MISSING_POINTS = { zero: 0, neutral: 50 } as const;

/** Points every customer gets from a continuous method when the column cannot separate them. */
export const DEGENERATE_POINTS = 50;
