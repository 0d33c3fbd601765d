import { loadKeys, radixScratch, sortLoadedKeys } from './radixSort.js';

/**
 * Row indices ordered by ascending `keys`; rows with equal keys keep their order in `start`
 * (default: 0..n−1). `start` must be a permutation of 0..n−1 and is not modified.
 *
 * Order: −Infinity < … < −0 = +0 < … < +Infinity < NaN (every NaN sorts last).
 */
export function radixArgsort(keys: Float64Array, start?: Uint32Array): Uint32Array {
  const n = keys.length;
  const scratch = radixScratch(n);
  loadKeys(scratch, keys, start ?? null, false);
  return sortLoadedKeys(scratch, n).row;
}
