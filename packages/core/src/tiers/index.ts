export { assignTiers, type TierAssignment, type TierOverride } from './assignTiers.js';
export { applyHysteresis, type PreviousGrades } from './applyHysteresis.js';
export { bandByScore } from './bandByScore.js';
export { applyRuleBounds, evaluateRules, NO_FLOOR, type RuleBounds } from './applyRules.js';
export { applyQuotas, quotaLimit } from './applyQuotas.js';
export {
  decodeTierReasons,
  TIER_REASON,
  TIER_REASON_LABELS,
  TIER_REASONS,
  type TierReason,
} from './TierReason.js';
