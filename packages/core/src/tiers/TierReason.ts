import type { Label } from '../util/Label.js';

/**
 * Bit flags of the `flags` column: why a customer has its tier. Several can be set (they record the
 * steps that acted, in order); `ruleIndex` names the rule behind RULE_FLOOR / RULE_CEILING /
 * QUOTA_KEPT_BY_RULE.
 */
export const TIER_REASON = {
  /** Hysteresis kept the customer at (or nearer to) its previous tier instead of the score band. */
  HELD_BY_HYSTERESIS: 1 << 0,
  /** An atLeast rule raised the tier. */
  RULE_FLOOR: 1 << 1,
  /** An atMost rule lowered the tier. */
  RULE_CEILING: 1 << 2,
  /** The tier was full (maxShare / maxCount); moved down one tier (possibly several, cascading). */
  QUOTA_DEMOTED: 1 << 3,
  /** Outside the quota by score, but an atLeast rule keeps the customer in the full tier. */
  QUOTA_KEPT_BY_RULE: 1 << 4,
  /** An active manual override set the final tier. */
  OVERRIDE: 1 << 5,
  /** No previous grade: first grading. */
  NEW: 1 << 6,
  /** Final tier better than the previous grade. */
  PROMOTED: 1 << 7,
  /** Final tier worse than the previous grade. */
  DEMOTED: 1 << 8,
} as const;
export type TierReason = keyof typeof TIER_REASON;
export const TIER_REASONS = Object.keys(TIER_REASON) as TierReason[];

export const TIER_REASON_LABELS: Readonly<Record<TierReason, Label>> = {
  HELD_BY_HYSTERESIS: {
    zh: '等级保持：分数未越过缓冲区，或在本等级停留时间不足',
    en: 'Held: the score did not clear the margin, or too short a time in the tier',
  },
  RULE_FLOOR: { zh: '规则保底：满足规则条件，等级不低于规定等级', en: 'Raised by a rule (floor)' },
  RULE_CEILING: { zh: '规则封顶：满足规则条件，等级不高于规定等级', en: 'Capped by a rule (ceiling)' },
  QUOTA_DEMOTED: { zh: '名额已满：按分数顺延至下一等级', en: 'Tier full: moved down by the quota' },
  QUOTA_KEPT_BY_RULE: {
    zh: '名额已满，但规则保底保留在本等级',
    en: 'Tier full, but a rule floor keeps the customer in it',
  },
  OVERRIDE: { zh: '人工调整', en: 'Manual override' },
  NEW: { zh: '首次分级', en: 'First grading' },
  PROMOTED: { zh: '升级', en: 'Promoted' },
  DEMOTED: { zh: '降级', en: 'Demoted' },
};

/** The reasons set in a `flags` value, in declaration order. */
export function decodeTierReasons(flags: number): TierReason[] {
  return TIER_REASONS.filter((r) => (flags & TIER_REASON[r]) !== 0);
}
