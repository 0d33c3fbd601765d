import type { ColumnOrders } from '../util/columnOrder.js';
import type { CodeTable } from './enumMap.js';
import { enumMap } from './enumMap.js';
import { logMinMax } from './logMinMax.js';
import { minMaxScale } from './minMaxScale.js';
import type { Direction, MissingPolicy, NormalizeSpec } from './NormalizeSpec.js';
import { MISSING_POINTS } from './NormalizeSpec.js';
import type { RankScratch } from './percentileRank.js';
import { percentileRank } from './percentileRank.js';
import { stepBands } from './stepBands.js';
import { zScoreCdf } from './zScoreCdf.js';

/**
 * A raw indicator column as 0–100 points (NaN = missing, for the missing policy to decide).
 * `lower` direction flips the continuous methods (points → 100 − points), so the best customer
 * always scores high; `bands` and `enum` points are explicit and never flipped.
 */
export function normalizeColumn(
  values: Float64Array,
  spec: NormalizeSpec,
  direction: Direction = 'higher',
  codes?: CodeTable,
  scratch?: RankScratch,
  orders?: ColumnOrders,
): Float64Array {
  switch (spec.method) {
    case 'bands':
      return stepBands(values, spec.steps, spec.base);
    case 'enum':
      return enumMap(values, spec, codes);
    case 'percentile':
      return oriented(percentileRank(values, scratch, orders), direction);
    case 'minmax':
      return oriented(minMaxScale(values, spec), direction);
    case 'log_minmax':
      return oriented(logMinMax(values, spec), direction);
    case 'zscore':
      return oriented(zScoreCdf(values), direction);
  }
}

function oriented(points: Float64Array, direction: Direction): Float64Array {
  if (direction === 'lower') for (let i = 0; i < points.length; i++) points[i] = 100 - points[i]!;
  return points;
}

/**
 * Fills missing points (NaN) in place by the policy: `zero` → 0, `neutral` → 50; `exclude` leaves
 * NaN so the scorecard drops the indicator's weight for that customer. Returns `points`.
 */
export function applyMissingPolicy(points: Float64Array, policy: MissingPolicy): Float64Array {
  if (policy === 'exclude') return points;
  const fill = MISSING_POINTS[policy];
  for (let i = 0; i < points.length; i++) if (Number.isNaN(points[i]!)) points[i] = fill;
  return points;
}
