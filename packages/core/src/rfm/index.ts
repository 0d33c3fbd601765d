export { RfmConfigSchema, RfmGridEntrySchema, type RfmConfig } from './RfmConfig.js';
export {
  DEFAULT_RFM_GRID,
  RFM_NO_PURCHASE_SEGMENT,
  RFM_SCORE_LABELS,
  RFM_SEGMENT_LABELS,
  rfmGridProblems,
  resolveRfmGrid,
  type RfmGridEntry,
  type RfmSegment,
} from './rfmSegments.js';
export { rfmScore, type RfmInput, type RfmResult } from './rfmScore.js';
export { rfmFromMatrix } from './rfmFromMatrix.js';
