export {
  GradingModelSchema,
  RULE_FEATURE_KEYS,
  RULE_OPERATORS,
  type GradingModel,
  type GradingModelInput,
  type Hysteresis,
  type ModelGroup,
  type ModelIndicator,
  type ModelSegment,
  type ModelTier,
  type RuleCondition,
  type RuleOperator,
  type TierRule,
} from './GradingModelSchema.js';
export { validateModel, type ModelValidation } from './validateModel.js';
export {
  MODEL_ISSUE_CODES,
  formatPath,
  type IssuePath,
  type ModelIssue,
  type ModelIssueCode,
} from './ModelIssue.js';
export { DEFAULT_MODEL, DEFAULT_MODEL_INPUT } from './defaultModel.js';
export { MAX_TIERS } from './checkTiers.js';
export { conditionInterval, contains, satisfiable, type Interval } from './conditionInterval.js';
export { groupName } from './checkGroups.js';
