import { countingArgsort, integerKeyMin } from './integerKeys.js';
import { loadKeys, radixScratch, sortLoadedKeys } from './radixSort.js';

/**
 * Row indices ordered by ascending `keys`; rows with equal keys keep their order in `start`
 * (default: 0..n−1). `start` must be a permutation of 0..n−1 and is not modified.
 *
 * Order: −Infinity < … < −0 = +0 < … < +Infinity < NaN (every NaN sorts last).
 *
 * Integer keys in a narrow range (counts, days, ids) take a counting sort, the rest a radix sort; both
 * give the same order.
 */
export function radixArgsort(keys: Float64Array, start?: Uint32Array): Uint32Array {
  const n = keys.length;
  const integers = integerKeyMin(keys);
  if (integers) return countingArgsort(keys, start ?? null, integers.min, integers.range);
  const scratch = radixScratch(n);
  loadKeys(scratch, keys, start ?? null, false);
  return sortLoadedKeys(scratch, n).row;
}
