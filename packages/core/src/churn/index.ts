export { ChurnConfigSchema, type ChurnConfig } from './ChurnConfig.js';
export {
  CHURN_LEVEL,
  CHURN_LEVEL_KEYS,
  CHURN_LEVEL_LABELS,
  CHURN_SIGNAL_BIT,
  CHURN_SIGNAL_KEYS,
  CHURN_SIGNALS,
  type ChurnLevelKey,
  type ChurnSignalInfo,
  type ChurnSignalKey,
} from './churnSignals.js';
export { churnMeasures, type ChurnInput } from './churnMeasures.js';
export { churnRisk, SEVERITY_AT_THRESHOLD, type ChurnEvidence, type ChurnResult } from './churnRisk.js';
export {
  churnReasonKeys,
  churnReasonPhrases,
  describeChurnReasons,
  type DescribeChurnOptions,
} from './describeChurnReasons.js';
export { churnFromMatrix } from './churnFromMatrix.js';
