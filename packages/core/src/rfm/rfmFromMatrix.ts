import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import type { ColumnOrders } from '../util/columnOrder.js';
import type { RfmConfig } from './RfmConfig.js';
import { rfmScore, type RfmResult } from './rfmScore.js';

/**
 * RFM on recency_days and the matrix columns named by `config.frequencyBasis` / `config.monetaryBasis`;
 * `orders` shares the monetary column's sort with other models.
 */
export function rfmFromMatrix(
  matrix: FeatureMatrix,
  config: RfmConfig,
  byId?: Uint32Array,
  orders?: ColumnOrders,
): RfmResult {
  return rfmScore(
    {
      ids: matrix.ids,
      recencyDays: column(matrix, 'recency_days'),
      frequency: column(matrix, config.frequencyBasis),
      monetary: column(matrix, config.monetaryBasis),
    },
    config,
    byId,
    orders,
  );
}
