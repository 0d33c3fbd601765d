import { finiteValues, selectKth } from '../util/selectKth.js';

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

/** Finite values per sampled value when locating a top quantile (upperQuantile). */
const SAMPLE_STRIDE = 64;

/**
 * Quantile `p` of the finite values of `values` (type 7, the value quantileInPlace gives up to the
 * sign of a zero), without copying and partially sorting the whole column when p is near 1 (a 0.99
 * cap): a sample of every 64th value gives a threshold a little below the quantile, the values at or
 * above it (a few percent) are collected, and the order statistics are selected among them. If the
 * threshold turns out too high (fewer values above it than needed), or p is not a top quantile, it
 * falls back to copying and selecting the lot.
 */
export function upperQuantile(values: Float64Array, p: number): number {
  const n = values.length;
  const sample = new Float64Array(Math.ceil(n / SAMPLE_STRIDE));
  let m = 0;
  let sampled = 0;
  let skip = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v - v !== 0) continue; // NaN or ±Infinity
    m++;
    if (skip === 0) {
      sample[sampled++] = v;
      skip = SAMPLE_STRIDE;
    }
    skip--;
  }
  if (m === 0) return Number.NaN;
  const h = (m - 1) * Math.min(1, Math.max(0, p));
  const k = Math.floor(h);
  const f = h - k;
  // Order statistics k (and k + 1) lie among the top m − k values.
  const top = m - k;
  if (8 * top > m || sampled < 16) return quantileInPlace(finiteValues(values), p);
  // A sample value with about twice `top` values (plus a margin for sampling noise) at or above it.
  const margin = 2 * Math.ceil(top / SAMPLE_STRIDE) + 8;
  const threshold = selectKth(sample.subarray(0, sampled), Math.max(0, sampled - margin));
  const capacity = 4 * margin * SAMPLE_STRIDE;
  const kept = new Float64Array(capacity);
  let c = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v >= threshold && v !== Infinity) {
      if (c === capacity) return quantileInPlace(finiteValues(values), p);
      kept[c++] = v;
    }
  }
  // Every value left out is below every kept one: the m − c smallest values of the column.
  if (c < top) return quantileInPlace(finiteValues(values), p);
  const at = k - (m - c);
  const lower = selectKth(kept.subarray(0, c), at);
  if (f === 0) return lower;
  let upper = Infinity;
  for (let i = at + 1; i < c; i++) if (kept[i]! < upper) upper = kept[i]!;
  return lower + f * (upper - lower);
}
