import { z } from 'zod';
import { DEFAULT_FALLBACK_IPT_DAYS } from '../util/typicalInterPurchaseDays.js';

const Days = z.number().nonnegative();
const Probability = z.number().min(0).max(1);

/** A lapse rule: long enough without a purchase, and either overdue against the customer's rhythm or unlikely alive. */
const LapseSchema = (minRecencyDays: number, overdueRatio: number, maxPAlive: number) =>
  z.object({
    /** Never before this many days without a purchase, however short the customer's usual gap. */
    minRecencyDays: Days.default(minRecencyDays),
    /** recency_days ≥ this × the customer's typical inter-purchase days. */
    overdueRatio: z.number().positive().default(overdueRatio),
    /** …or P(alive) ≤ this (unknown P(alive) never fires). */
    maxPAlive: Probability.default(maxPAlive),
  });

/** Thresholds of the lifecycle rules (see LIFECYCLE_RULES for the order they are applied in). */
export const LifecycleConfigSchema = z.object({
  churned: LapseSchema(365, 4, 0.1).prefault({}),
  dormant: LapseSchema(90, 2, 0.3).prefault({}),
  /** New: first purchase day at most this many days ago. */
  newMaxAgeDays: Days.default(180),
  declining: z
    .object({
      /** Revenue change vs the previous window ≤ this (e.g. −0.2 = down 20 % or more). */
      maxGrowth: z.number().default(-0.2),
      /** Without a growth baseline: revenue_trend (monthly slope ÷ monthly mean) ≤ this. */
      maxTrend: z.number().default(-0.05),
      /** …or P(alive) ≤ this. */
      maxPAlive: Probability.default(0.5),
    })
    .prefault({}),
  growing: z
    .object({
      /** Revenue change vs the previous window ≥ this. */
      minGrowth: z.number().default(0.15),
      /** Without a growth baseline: revenue_trend ≥ this. */
      minTrend: z.number().default(0.05),
      /** …or no previous-window baseline yet and first purchase at most this many days ago. */
      youngMaxAgeDays: Days.default(730),
    })
    .prefault({}),
  /** Typical inter-purchase days when nobody in the population has two purchase days. */
  fallbackIptDays: z.number().positive().default(DEFAULT_FALLBACK_IPT_DAYS),
});

export type LifecycleConfig = z.infer<typeof LifecycleConfigSchema>;
