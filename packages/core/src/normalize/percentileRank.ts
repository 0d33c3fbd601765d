import { DEGENERATE_POINTS } from './NormalizeSpec.js';
import type { ColumnOrder, ColumnOrders } from '../util/columnOrder.js';
import { integerKeyMin } from '../util/integerKeys.js';
import { loadKeys, radixScratch, sortLoadedKeys, type RadixScratch } from '../util/radixSort.js';

/** Working memory of `percentileRank`; scoring many columns of one matrix can share one. */
export type RankScratch = RadixScratch;
export const rankScratch = radixScratch;

/**
 * Percentile rank on 0–100: (average 0-based rank among the present values) / (count − 1) × 100, so
 * the lowest value scores 0, the highest 100, and equal values share the average of their ranks.
 * Missing (NaN or ±Infinity) stays NaN. One present value, or all present values equal, scores 50:
 * a column that cannot separate customers gives everyone the middle.
 *
 * O(n) by radix sort (util/radixSort); equal keys end up adjacent, so ties are found by comparing
 * neighbours. Integer columns in a narrow range (counts, days) skip the sort: counting the values gives
 * every value's rank directly (util/integerKeys), with the same points to the last bit. With `orders`
 * (util/columnOrder) the column's shared order is used instead of a sort of its own.
 */
export function percentileRank(
  values: Float64Array,
  scratch?: RankScratch,
  orders?: ColumnOrders,
): Float64Array {
  const n = values.length;
  if (scratch && scratch.size < n) {
    throw new RangeError(`percentileRank: scratch for ${scratch.size} rows, column has ${n}`);
  }
  const integers = integerKeyMin(values);
  if (integers) return integerPercentileRank(values, integers.min, integers.range);
  if (orders) return sortedPercentileRank(orders.of(values));
  const work = scratch ?? rankScratch(n);
  const present = loadKeys(work, values, null, true);
  const out = new Float64Array(n).fill(Number.NaN);
  if (present === 0) return out;
  const { hi, lo, row } = sortLoadedKeys(work, present);

  let start = 0;
  while (start < present) {
    let end = start + 1;
    while (end < present && hi[end] === hi[start] && lo[end] === lo[start]) end++;
    const points = tiePoints(start, end, present);
    for (let j = start; j < end; j++) out[row[j]!] = points;
    start = end;
  }
  return out;
}

/** `percentileRank` from a shared order of the column (ties are equal neighbours there too). */
function sortedPercentileRank({ values, rows, sorted, finiteFrom, finiteTo }: ColumnOrder): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const present = finiteTo - finiteFrom;
  let start = finiteFrom;
  while (start < finiteTo) {
    const value = sorted[start]!;
    let end = start + 1;
    while (end < finiteTo && sorted[end] === value) end++;
    const points = tiePoints(start - finiteFrom, end - finiteFrom, present);
    for (let j = start; j < end; j++) out[rows[j]!] = points;
    start = end;
  }
  return out;
}

/** Points of the tie group holding sorted positions start..end−1 of `present` values. */
function tiePoints(start: number, end: number, present: number): number {
  // Dividing exact integers first makes a full tie exactly 50 and the maximum exactly 100.
  return present > 1 ? ((start + end - 1) / (2 * (present - 1))) * 100 : DEGENERATE_POINTS;
}

/** `percentileRank` of integer values within `min`..`min + range`: count, then look the points up. */
function integerPercentileRank(values: Float64Array, min: number, range: number): Float64Array {
  const n = values.length;
  const count = new Uint32Array(range + 1);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v - v === 0) {
      count[v - min]!++;
      present++;
    }
  }
  const points = new Float64Array(range + 1);
  let start = 0;
  for (let d = 0; d <= range; d++) {
    const end = start + count[d]!;
    if (end > start) points[d] = tiePoints(start, end, present);
    start = end;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    out[i] = v - v === 0 ? points[v - min]! : Number.NaN;
  }
  return out;
}
