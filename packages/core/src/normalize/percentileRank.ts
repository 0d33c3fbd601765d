import { DEGENERATE_POINTS } from './NormalizeSpec.js';
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
 * neighbours.
 */
export function percentileRank(
  values: Float64Array,
  scratch: RankScratch = rankScratch(values.length),
): Float64Array {
  const n = values.length;
  const present = loadKeys(scratch, values, null, true);
  const out = new Float64Array(n).fill(Number.NaN);
  if (present === 0) return out;
  const { hi, lo, row } = sortLoadedKeys(scratch, present);

  let start = 0;
  while (start < present) {
    let end = start + 1;
    while (end < present && hi[end] === hi[start] && lo[end] === lo[start]) end++;
    // Dividing exact integers first makes a full tie exactly 50 and the maximum exactly 100.
    const points = present > 1 ? ((start + end - 1) / (2 * (present - 1))) * 100 : DEGENERATE_POINTS;
    for (let j = start; j < end; j++) out[row[j]!] = points;
    start = end;
  }
  return out;
}
