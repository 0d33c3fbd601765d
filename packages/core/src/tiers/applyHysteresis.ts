import type { Hysteresis, ModelTier } from '../model/GradingModelSchema.js';
import { TIER_REASON } from './TierReason.js';
import { reaches } from './scoreTolerance.js';

/** The previous grade per matrix row, for hysteresis and the promoted/demoted flags. */
export interface PreviousGrades {
  /** Index into this model's tiers; −1 (or out of range) = no previous grade. */
  readonly tier: Int32Array;
  /** Day number the customer entered that tier; NaN = unknown, treated as long enough. */
  readonly sinceDay: Float64Array;
}

/**
 * Step 2, in place on `tier` (the score band): a tier changes only when the score clears the band
 * edge by `scoreMargin`, and a demotion also waits `minDaysInTier` days in the current tier.
 * - promotion from p towards band b < p: the best tier t in [b, p) with score ≥ min_t + margin;
 *   none → held at p;
 * - demotion from p towards band b > p: held at p unless days in tier ≥ minDaysInTier and
 *   score < min_p − margin; then the best tier t in (p, b] with score ≥ min_t − margin (the
 *   customer drops only as far as the margin requires).
 * Sets HELD_BY_HYSTERESIS wherever the result differs from the band.
 */
export function applyHysteresis(
  tier: Uint8Array,
  score: Float64Array,
  tiers: readonly Pick<ModelTier, 'minScore'>[],
  hysteresis: Hysteresis,
  previous: PreviousGrades,
  asOfDay: number,
  flags: Uint32Array,
): void {
  const { scoreMargin: margin, minDaysInTier } = hysteresis;
  const mins = Float64Array.from(tiers, (t) => t.minScore);
  for (let i = 0; i < tier.length; i++) {
    const p = previous.tier[i]!;
    const band = tier[i]!;
    if (!(p >= 0 && p < tiers.length) || band === p) continue;
    const s = score[i]!;
    let t = p;
    if (band < p) {
      for (let c = band; c < p; c++) {
        if (reaches(s, mins[c]! + margin)) {
          t = c;
          break;
        }
      }
    } else {
      const days = asOfDay - previous.sinceDay[i]!;
      const longEnough = !(days < minDaysInTier);
      if (longEnough && !reaches(s, mins[p]! - margin)) {
        for (let c = p + 1; c <= band; c++) {
          if (reaches(s, mins[c]! - margin)) {
            t = c;
            break;
          }
        }
      }
    }
    if (t !== band) {
      tier[i] = t;
      flags[i] = flags[i]! | TIER_REASON.HELD_BY_HYSTERESIS;
    }
  }
}
