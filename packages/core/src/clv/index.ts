/**
 * Customer lifetime value: BG/NBD (Fader, Hardie & Lee 2005) for purchase counts and churn, Gamma-Gamma
 * for spend, predicted and historical CLV. Entry points: `fitClv(input, config)` then
 * `predictClv(fit, input, config)`; `summarisePurchases` builds their input from transactions.
 *
 * Input times are days (FeatureMatrix convention); the models are fitted in `timeUnitDays` units
 * (default 7: weeks, comparable with published fits). Degenerate data never throws: the fit reports
 * reason codes and `predictClv` falls back as documented there (NaN = missing, never ±Infinity).
 */
export { bgnbdLogLikelihood, bgnbdObjective } from './bgnbdLikelihood.js';
export { fitBgNbd, type BgNbdFit, type BgNbdFitOptions } from './bgnbdFit.js';
export {
  groupPurchaseHistories,
  isValidHistory,
  validPurchaseRows,
  type BgNbdGroups,
} from './bgnbdGroups.js';
export { bgnbdFromArray, bgnbdToLog, type BgNbdParams } from './bgnbdParams.js';
export {
  bgnbdConditionalExpectedPurchases,
  bgnbdConditionalTable,
  bgnbdExpectedPurchases,
  bgnbdProbabilityAlive,
  bgnbdProbabilityOfPurchases,
  type BgNbdConditionalTable,
} from './bgnbdPredict.js';
export {
  clvConfigSchema,
  DAYS_PER_MONTH,
  DAYS_PER_YEAR,
  type ClvConfig,
  type ClvConfigInput,
} from './clvConfig.js';
export { clvInputFromMatrix, type ClvInput } from './clvInput.js';
export { CLV_REASON_CODES, CLV_REASONS, type ClvReason } from './clvReasons.js';
export {
  discountedValue,
  historicalValue,
  historicalValuePerYear,
  marginShare,
  monthlyDiscountFactors,
} from './clvValue.js';
export { fitClv, type ClvDiagnostics, type ClvFit } from './fitClv.js';
export {
  fitGammaGamma,
  gammaGammaExpectedValue,
  repeatSpendRows,
  type GammaGammaFit,
  type GammaGammaParams,
} from './gammaGamma.js';
export {
  fitLogParameters,
  meanNegativeLogLikelihood,
  type LikelihoodFitSummary,
  type LogParameterFit,
  type LogParameterFitOptions,
} from './fitLogParameters.js';
export { groupRows, type RowGroups } from './groupRows.js';
export { predictClv, type ClvPrediction } from './predictClv.js';
export {
  summarisePurchases,
  type PurchaseSummary,
  type SummariseOptions,
  type Transactions,
} from './summarisePurchases.js';
export { generateClvData, type SyntheticClvData, type SyntheticClvOptions } from './syntheticClv.js';
