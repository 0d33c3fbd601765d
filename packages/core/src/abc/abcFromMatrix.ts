import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import type { ColumnOrders } from '../util/columnOrder.js';
import { abcClassify, type AbcResult } from './abcClassify.js';
import type { AbcConfig } from './AbcConfig.js';

/** ABC on the matrix column named by `config.basis`; `orders` shares its sort with other models. */
export function abcFromMatrix(
  matrix: FeatureMatrix,
  config: AbcConfig,
  byId?: Uint32Array,
  orders?: ColumnOrders,
): AbcResult {
  const values = column(matrix, config.basis);
  return abcClassify(values, matrix.ids, config, byId, orders?.of(values));
}
