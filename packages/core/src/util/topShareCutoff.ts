import type { ColumnOrder } from './columnOrder.js';
import { finiteValues, selectKth } from './selectKth.js';

/**
 * The smallest value that still puts a customer in the top `share` (0–1] of the candidates: the
 * ⌈share·n⌉-th largest finite value among those passing `keep` (default: every finite value).
 * Callers compare `value >= cutoff`, so ties at the cut are all in — a cut never splits equal values,
 * and the top group can be larger than share·n. Returns NaN when there are no candidates or
 * share ≤ 0: `value >= NaN` is false, so nobody qualifies.
 */
export function topShareCutoff(
  values: ArrayLike<number>,
  share: number,
  keep?: (value: number) => boolean,
): number {
  const candidates = finiteValues(values, keep);
  const n = candidates.length;
  // The epsilon keeps 0.3 × 10 = 3.0000000000000004 from rounding up to 4.
  const k = Math.ceil(Math.min(share, 1) * n - 1e-9);
  if (n === 0 || !(k >= 1)) return Number.NaN;
  return selectKth(candidates, n - k);
}

/**
 * `topShareCutoff(values, share, v => v > 0)` read off a shared order of the column: the positive
 * values are the top of its finite range, so the cut is one lookup instead of a selection.
 */
export function positiveTopShareCutoff({ sorted, finiteFrom, finiteTo }: ColumnOrder, share: number): number {
  let firstPositive = finiteTo;
  while (firstPositive > finiteFrom && sorted[firstPositive - 1]! > 0) firstPositive--;
  const n = finiteTo - firstPositive;
  const k = Math.ceil(Math.min(share, 1) * n - 1e-9);
  if (n === 0 || !(k >= 1)) return Number.NaN;
  return sorted[finiteTo - k]!;
}
