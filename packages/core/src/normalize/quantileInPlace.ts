import { selectKth } from '../util/selectKth.js';

/**
 * Quantile `p` (0–1) of `scratch` by linear interpolation between order statistics (type 7, the
 * default of R and NumPy), so a cap of 0.99 over 101 values is exactly the second largest.
 * Reorders `scratch` in place; expected O(n). NaN when `scratch` is empty.
 */
export function quantileInPlace(scratch: Float64Array, p: number): number {
  const m = scratch.length;
  if (m === 0) return Number.NaN;
  const h = (m - 1) * Math.min(1, Math.max(0, p));
  const k = Math.floor(h);
  const f = h - k;
  // The minimum alone (a floor of 0) is one scan; selection would partition repeatedly.
  if (k === 0 && f === 0) return minimum(scratch);
  const lower = selectKth(scratch, k);
  if (f === 0) return lower;
  // Selection leaves every value right of k at least `lower`; the next order statistic is their minimum.
  let upper = Infinity;
  for (let i = k + 1; i < m; i++) if (scratch[i]! < upper) upper = scratch[i]!;
  return lower + f * (upper - lower);
}

function minimum(values: Float64Array): number {
  let min = values[0]!;
  for (let i = 1; i < values.length; i++) if (values[i]! < min) min = values[i]!;
  return min;
}
