export { LifecycleConfigSchema, type LifecycleConfig } from './LifecycleConfig.js';
export {
  LIFECYCLE_STAGE,
  LIFECYCLE_STAGE_KEYS,
  LIFECYCLE_STAGE_LABELS,
  MANAGEMENT_PHASE,
  MANAGEMENT_PHASE_KEYS,
  MANAGEMENT_PHASE_LABELS,
  STAGE_PHASE,
  type LifecycleStageKey,
  type ManagementPhaseKey,
} from './lifecycleLabels.js';
export {
  LIFECYCLE_RULE,
  LIFECYCLE_RULES,
  RULE_STAGE,
  type LifecycleRule,
  type LifecycleRuleKey,
} from './lifecycleRules.js';
export { lifecycleStage, type LifecycleInput, type LifecycleResult } from './lifecycleStage.js';
export { lifecycleFromMatrix } from './lifecycleFromMatrix.js';
