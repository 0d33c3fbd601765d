export {
  DEGENERATE_POINTS,
  DirectionSchema,
  MISSING_POINTS,
  MissingPolicySchema,
  NormalizeSpecSchema,
  type Direction,
  type MissingPolicy,
  type NormalizeMethod,
  type NormalizeSpec,
  type NormalizeSpecInput,
} from './NormalizeSpec.js';
export { percentileRank, rankScratch, type RankScratch } from './percentileRank.js';
export { minMaxScale, quantileBounds, scaleToBounds, type Bounds, type CapOptions } from './minMaxScale.js';
export { logMinMax, signedLog1p } from './logMinMax.js';
export { zScoreCdf } from './zScoreCdf.js';
export { erf, normalCdf } from './normalCdf.js';
export { stepBands, type BandStep } from './stepBands.js';
export { enumMap, resolveCode, type CodeTable } from './enumMap.js';
export { applyMissingPolicy, normalizeColumn } from './normalizeColumn.js';
export { quantileInPlace } from './quantileInPlace.js';
