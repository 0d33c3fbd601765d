export { scoreCustomers, type ScorecardResult } from './scoreCustomers.js';
export { scorecardIndicators, type ScorecardIndicator } from './scorecardIndicators.js';
export { explainCustomer, type CustomerExplanation, type IndicatorExplanation } from './explainCustomer.js';
