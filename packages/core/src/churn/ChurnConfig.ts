import { z } from 'zod';
import { DEFAULT_FALLBACK_IPT_DAYS } from '../util/typicalInterPurchaseDays.js';
import { CHURN_SIGNAL_KEYS, CHURN_SIGNALS } from './churnSignals.js';

interface SignalDefaults {
  weight: number;
  threshold: number;
  full: number;
}

/**
 * One signal's settings. The signal fires when its measure reaches `threshold` (in the worse
 * direction); its severity is 0.5 at the threshold, rising linearly to 1 at `full` and staying there.
 * `weight` (0–1) is the signal's strength at full severity in the noisy-OR (see churnRisk).
 */
function signal(d: SignalDefaults) {
  return z.object({
    weight: z.number().min(0).max(1).default(d.weight),
    threshold: z.number().default(d.threshold),
    full: z.number().default(d.full),
  });
}

/** Churn early-warning settings: one entry per signal, plus the level cut-offs on the 0–100 risk. */
export const ChurnConfigSchema = z
  .object({
    signals: z
      .object({
        order_drop: signal({ weight: 0.35, threshold: -0.3, full: -0.8 })
          // A baseline of one order makes "down 100 %" noise, not a pattern.
          .extend({ minPrevOrders: z.number().min(1).default(2) })
          .prefault({}),
        revenue_decline: signal({ weight: 0.3, threshold: -0.2, full: -0.8 }).prefault({}),
        purchase_overdue: signal({ weight: 0.4, threshold: 1.5, full: 4 })
          // A weekly buyer four days late is not a warning yet.
          .extend({ minDays: z.number().min(0).default(30) })
          .prefault({}),
        low_p_alive: signal({ weight: 0.5, threshold: 0.4, full: 0.1 }).prefault({}),
        open_critical_complaint: signal({ weight: 0.4, threshold: 1, full: 3 }).prefault({}),
        complaints_rising: signal({ weight: 0.25, threshold: 2, full: 6 }).prefault({}),
        csat_drop: signal({ weight: 0.25, threshold: -0.5, full: -2 }).prefault({}),
        low_csat: signal({ weight: 0.25, threshold: 3, full: 1 }).prefault({}),
        nps_drop: signal({ weight: 0.2, threshold: -1.5, full: -4 }).prefault({}),
        low_nps: signal({ weight: 0.2, threshold: 6, full: 3 }).prefault({}),
        silence: signal({ weight: 0.2, threshold: 1, full: 3 })
          // Revisit cadence for customers whose tier has no policy (tier_revisit_days missing).
          .extend({ defaultCadenceDays: z.number().positive().default(90) })
          .prefault({}),
        key_contact_left: signal({ weight: 0.35, threshold: 1, full: 2 }).prefault({}),
      })
      .prefault({}),
    /** Risk (0–100) at or above which the level is medium / high. */
    levels: z
      .object({
        medium: z.number().min(0).max(100).default(30),
        high: z.number().min(0).max(100).default(60),
      })
      .refine((l) => l.medium <= l.high, {
        message: 'churn levels: medium must not exceed high',
        path: ['high'],
      })
      .prefault({}),
    /** Typical inter-purchase days when nobody in the population has two purchase days. */
    fallbackIptDays: z.number().positive().default(DEFAULT_FALLBACK_IPT_DAYS),
  })
  .superRefine((config, ctx) => {
    for (const key of CHURN_SIGNAL_KEYS) {
      const { threshold, full } = config.signals[key];
      const up = CHURN_SIGNALS[key].worse === 'up';
      if (up ? full < threshold : full > threshold) {
        ctx.addIssue({
          code: 'custom',
          message: `churn signal ${key}: 'full' must be at or beyond 'threshold' on the worse side (${up ? 'full ≥ threshold' : 'full ≤ threshold'})`,
          path: ['signals', key, 'full'],
        });
      }
    }
  });

export type ChurnConfig = z.infer<typeof ChurnConfigSchema>;
