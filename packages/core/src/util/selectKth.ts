/**
 * The k-th smallest (0-based) of `scratch`, which it reorders in place. Expected O(n) (quickselect,
 * median-of-three pivot, three-way partition so runs of equal values cannot make it quadratic).
 * A full sort of 1M values costs ~80 ms; this costs a few.
 */
export function selectKth(scratch: Float64Array, k: number): number {
  if (!(k >= 0 && k < scratch.length))
    throw new RangeError(`selectKth: k=${k} outside 0..${scratch.length - 1}`);
  let left = 0;
  let right = scratch.length - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    const pivot = medianOfThree(scratch[left]!, scratch[mid]!, scratch[right]!);
    // Three-way partition: [left, lt) < pivot, [lt, gt] = pivot, (gt, right] > pivot.
    let lt = left;
    let gt = right;
    let i = left;
    while (i <= gt) {
      const v = scratch[i]!;
      if (v < pivot) {
        scratch[i] = scratch[lt]!;
        scratch[lt] = v;
        lt++;
        i++;
      } else if (v > pivot) {
        scratch[i] = scratch[gt]!;
        scratch[gt] = v;
        gt--;
      } else {
        i++;
      }
    }
    if (k < lt) right = lt - 1;
    else if (k > gt) left = gt + 1;
    else return pivot;
  }
  return scratch[k]!;
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

/** The finite values of `values` in a new array (NaN and ±Infinity dropped). */
export function finiteValues(values: ArrayLike<number>, keep?: (value: number) => boolean): Float64Array {
  const out = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v) && (keep === undefined || keep(v))) out[n++] = v;
  }
  return out.subarray(0, n);
}
