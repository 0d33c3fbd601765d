import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import type { RfmConfig } from './RfmConfig.js';
import { rfmScore, type RfmResult } from './rfmScore.js';

/** RFM on recency_days and the matrix columns named by `config.frequencyBasis` / `config.monetaryBasis`. */
export function rfmFromMatrix(matrix: FeatureMatrix, config: RfmConfig, byId?: Uint32Array): RfmResult {
  return rfmScore(
    {
      ids: matrix.ids,
      recencyDays: column(matrix, 'recency_days'),
      frequency: column(matrix, config.frequencyBasis),
      monetary: column(matrix, config.monetaryBasis),
    },
    config,
    byId,
  );
}
