export { ClassificationConfigSchema, type ClassificationConfig } from './ClassificationConfig.js';
export {
  CLASSIFICATION_LABELS,
  CONTRIBUTION,
  DEMAND,
  GROWTH_POTENTIAL,
  IMPORTANCE,
  INDUSTRY_POSITION,
  PORTFOLIO_QUADRANT,
  type ClassificationDimension,
  type DimensionLabels,
  type PortfolioQuadrantKey,
} from './classificationLabels.js';
export { classificationDefinitions } from './classificationDefinitions.js';
export {
  classifyCustomers,
  type ClassificationInput,
  type ClassificationResult,
} from './classifyCustomers.js';
export { classifyFromMatrix } from './classifyFromMatrix.js';
