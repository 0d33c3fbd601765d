import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { abcClassify, type AbcResult } from './abcClassify.js';
import type { AbcConfig } from './AbcConfig.js';

/** ABC on the matrix column named by `config.basis`. */
export function abcFromMatrix(matrix: FeatureMatrix, config: AbcConfig, byId?: Uint32Array): AbcResult {
  return abcClassify(column(matrix, config.basis), matrix.ids, config, byId);
}
