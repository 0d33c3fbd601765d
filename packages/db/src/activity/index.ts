export { refreshActivity, type RefreshResult } from './refreshActivity.js';
export {
  extractFeatures,
  type CustomerAttributes,
  type ExtractedFeatures,
  type ExtractOptions,
} from './extractFeatures.js';
export { ACTIVITY_FEATURE_KEYS, type FeatureWindow } from './activityFeatures.js';
export {
  extractOutcomes,
  type ExtractedOutcomes,
  type OutcomeOptions,
  type OutcomeTotals,
} from './extractOutcomes.js';
