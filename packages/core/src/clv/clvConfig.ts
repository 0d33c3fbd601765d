import { z } from 'zod';

/**
 * CLV configuration. Time in the input is days (FeatureMatrix convention); the models are fitted in
 * units of `timeUnitDays` (default 7: weeks, as in the literature, so α is comparable with published
 * fits). A month is 365.25/12 days.
 */
export const clvConfigSchema = z.object({
  /** Predicted CLV horizon, in months. */
  horizonMonths: z.number().int().min(1).max(120).default(12),
  /** Discount rate per month for predicted CLV. */
  monthlyDiscountRate: z.number().min(0).max(1).default(0.01),
  /** Horizon of `expectedPurchases`, in days. */
  expectedHorizonDays: z.number().positive().max(3660).default(90),
  /** Model time unit in days (7 = weeks). Parameters in the diagnostics are per this unit. */
  timeUnitDays: z.number().positive().max(366).default(7),
  /** Fewer customers with a valid purchase history than this: no BG/NBD fit (fallback). */
  minCustomers: z.number().int().min(2).default(30),
  /** Fewer repeat customers than this: no BG/NBD / Gamma-Gamma fit (fallback). */
  minRepeatCustomers: z.number().int().min(1).default(10),
  maxIterations: z.number().int().min(1).max(10_000).default(300),
  /** Large inputs are first fitted on about this many customers (exact result; speed only). 0 = off. */
  warmStartCustomers: z.number().int().min(0).default(50_000),
});

export type ClvConfig = z.output<typeof clvConfigSchema>;
export type ClvConfigInput = z.input<typeof clvConfigSchema>;

export const DAYS_PER_MONTH = 365.25 / 12;
export const DAYS_PER_YEAR = 365.25;
