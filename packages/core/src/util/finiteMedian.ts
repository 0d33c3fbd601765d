import { finiteValues, selectKth } from './selectKth.js';

/** Median of the finite values (mean of the two middle ones when even); NaN when there are none. */
export function finiteMedian(values: ArrayLike<number>): number {
  const finite = finiteValues(values);
  const n = finite.length;
  if (n === 0) return Number.NaN;
  const upper = selectKth(finite, n >>> 1);
  if (n % 2 === 1) return upper;
  // After selection every value left of n/2 is ≤ upper; the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < n >>> 1; i++) if (finite[i]! > lower) lower = finite[i]!;
  return (lower + upper) / 2;
}
