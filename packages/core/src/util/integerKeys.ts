/**
 * Counting-sort fast paths for columns whose finite values are integers in a narrow range — counts,
 * days, ids, codes: most ranked columns of a feature matrix. Bucketing by value costs two sequential
 * passes and a scatter into a few (cache-resident) buckets, against the radix sort's five passes with
 * 65,536 buckets each; on 1M rows that is several times faster. Results are identical to the radix
 * sort's (same total order, same stability), so callers switch paths freely.
 */

/** Largest value range (max − min) bucketed directly: the count table stays small next to the data. */
const MAX_RANGE = 1 << 20;

/**
 * The smallest finite value and max − min when every finite value of `keys` is an integer and the
 * range is small enough to bucket (at most MAX_RANGE and 2n + 4096, so the table never outgrows the
 * column); null otherwise. Non-finite keys are allowed: they get buckets of their own.
 */
export function integerKeyMin(keys: Float64Array): { readonly min: number; readonly range: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < keys.length; i++) {
    const v = keys[i]!;
    if (v - v !== 0) continue; // NaN or ±Infinity
    if (v !== Math.trunc(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return { min: 0, range: 0 };
  const range = max - min;
  return range <= MAX_RANGE && range <= 2 * keys.length + 4096 ? { min, range } : null;
}

/**
 * Row indices ordered by ascending integer `keys` (see `integerKeyMin`), in the order of radixArgsort:
 * −Infinity < finite < +Infinity < NaN, equal keys in the order of `start` (default 0..n−1).
 */
export function countingArgsort(
  keys: Float64Array,
  start: Uint32Array | null,
  min: number,
  range: number,
): Uint32Array {
  const n = keys.length;
  // Buckets: 0 = −Infinity, 1..range+1 = finite values, range+2 = +Infinity, range+3 = NaN.
  const bucketOf = new Uint32Array(n);
  const next = new Uint32Array(range + 4);
  for (let i = 0; i < n; i++) {
    const v = keys[i]!;
    const b = v - v === 0 ? v - min + 1 : v === -Infinity ? 0 : v === Infinity ? range + 2 : range + 3;
    bucketOf[i] = b;
    next[b]!++;
  }
  let sum = 0;
  for (let b = 0; b < next.length; b++) {
    const c = next[b]!;
    next[b] = sum;
    sum += c;
  }
  const out = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = start ? start[j]! : j;
    out[next[bucketOf[i]!]!++] = i;
  }
  return out;
}
