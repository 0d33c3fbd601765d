import type { ModelTier } from '../model/GradingModelSchema.js';
import { argsortByValueThenId } from '../util/argsortByValueThenId.js';
import type { RuleBounds } from './applyRules.js';
import { TIER_REASON } from './TierReason.js';

/**
 * The most customers tier `tier` may hold out of `n`: ⌊maxShare · n⌋ and/or maxCount (the smaller);
 * Infinity without a quota. ⌊·⌋ because the quota is "at most", so 5 % of 30 customers is 1.
 */
export function quotaLimit(tier: Pick<ModelTier, 'maxShare' | 'maxCount'>, n: number): number {
  // The epsilon keeps 0.07 × 100 = 7.000000000000001 and 0.29 × 100 = 28.999999999999996 honest.
  const byShare = tier.maxShare === undefined ? Infinity : Math.floor(tier.maxShare * n + 1e-9);
  return Math.min(byShare, tier.maxCount ?? Infinity);
}

/**
 * Step 4, in place, best tier first so that overflow cascades: when a tier holds more than its
 * limit, customers whose rule floor is this tier stay (a floor beats a quota), the remaining places
 * go to the best of the others by score (equal scores: lower id first), and the rest move down one
 * tier, where they count against that tier's quota in turn.
 *
 * Floor-protected customers ranked outside the limit are flagged QUOTA_KEPT_BY_RULE; if they alone
 * exceed the limit, the tier ends up over quota.
 */
export function applyQuotas(
  tier: Uint8Array,
  score: Float64Array,
  ids: Float64Array,
  tiers: readonly Pick<ModelTier, 'maxShare' | 'maxCount'>[],
  bounds: RuleBounds,
  flags: Uint32Array,
  ruleIndex: Int32Array,
): void {
  const n = tier.length;
  for (let t = 0; t < tiers.length - 1; t++) {
    const limit = quotaLimit(tiers[t]!, n);
    if (limit === Infinity) continue;
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (tier[i] === t) members.push(i);
    if (members.length <= limit) continue;

    const memberScores = Float64Array.from(members, (i) => (Number.isNaN(score[i]!) ? -Infinity : score[i]!));
    const memberIds = Float64Array.from(members, (i) => ids[i]!);
    const ranked = argsortByValueThenId(memberScores, memberIds, 'desc');
    let protectedCount = 0;
    for (const i of members) if (bounds.floor[i] === t) protectedCount++;
    const places = Math.max(0, limit - protectedCount);
    let kept = 0;
    for (let r = 0; r < ranked.length; r++) {
      const i = members[ranked[r]!]!;
      if (bounds.floor[i] === t) {
        if (r >= limit) {
          flags[i] = flags[i]! | TIER_REASON.QUOTA_KEPT_BY_RULE;
          ruleIndex[i] = bounds.floorRule[i]!;
        }
      } else if (kept < places) {
        kept++;
      } else {
        tier[i] = t + 1;
        flags[i] = flags[i]! | TIER_REASON.QUOTA_DEMOTED;
      }
    }
  }
}
