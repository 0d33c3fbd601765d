import { argsortByValueThenId } from '../util/argsortByValueThenId.js';
import type { ColumnOrder } from '../util/columnOrder.js';
import { CompensatedSum } from '../math/compensatedSum.js';
import { ABC_CLASS } from './abcLabels.js';
import type { AbcConfig } from './AbcConfig.js';

export interface AbcResult {
  /** Per customer: 0 = A, 1 = B, 2 = C (see ABC_CLASS). */
  readonly abcClass: Uint8Array;
  /**
   * Per customer: share of the total positive value held by this customer and everyone ranked above
   * it (the Pareto curve, 0–1]. NaN for customers outside the curve (value ≤ 0 or missing).
   */
  readonly cumulativeShare: Float64Array;
  /** Rows on the curve (value > 0), largest first, ties by id: the x-axis of the Pareto chart. */
  readonly order: Uint32Array;
  /** Sum of the positive values. */
  readonly total: number;
}

/**
 * Shares are compared with this tolerance so that a class boundary landing exactly on a cut
 * (e.g. 80 % up to rounding of the running sum) counts as reaching it.
 */
const SHARE_EPSILON = 1e-9;

/**
 * ABC (Pareto) classification of one value column.
 *
 * Ranking: value descending, equal values by id ascending. Boundary convention: a customer's class is
 * decided by the cumulative share of the customers ranked *above* it, so the customer whose own value
 * first reaches or crosses a cut still belongs to the class below the cut:
 *   A  if share before it < aMaxShare   (so the first customer is always A, and a customer ending
 *                                        exactly on 80 % is A; the next one is B)
 *   B  if share before it < bMaxShare
 *   C  otherwise.
 * A value ≤ 0 or NaN is always C and not on the curve (nothing to contribute; returns and credits
 * must not push others into A).
 */
export function abcClassify(
  values: Float64Array,
  ids: Float64Array,
  config: AbcConfig,
  byId?: Uint32Array,
  shared?: ColumnOrder,
): AbcResult {
  const n = values.length;
  const abcClass = new Uint8Array(n).fill(ABC_CLASS.C);
  const cumulativeShare = new Float64Array(n).fill(Number.NaN);

  // Non-positive and missing values become NaN so that they sort last and fall off the curve.
  const keys = new Float64Array(n);
  let onCurve = 0;
  const total = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v > 0 && v < Infinity) {
      keys[i] = v;
      onCurve++;
      total.add(v);
    } else {
      keys[i] = Number.NaN;
    }
  }
  const sum = total.value;
  const order =
    shared && shared.values === values
      ? descendingPositive(shared, onCurve)
      : argsortByValueThenId(keys, ids, 'desc', byId).slice(0, onCurve);

  const aCut = cutOf(config.aMaxShare);
  const bCut = cutOf(config.bMaxShare);
  // Compensated running sum: 1M cents-precision amounts would otherwise drift near the cut.
  const running = new CompensatedSum();
  for (let j = 0; j < onCurve; j++) {
    const row = order[j]!;
    const before = running.value / sum;
    abcClass[row] = before < aCut ? ABC_CLASS.A : before < bCut ? ABC_CLASS.B : ABC_CLASS.C;
    running.add(keys[row]!);
    cumulativeShare[row] = Math.min(1, running.value / sum);
  }
  return { abcClass, cumulativeShare, order, total: sum };
}

/**
 * The rows with a value > 0 (and finite), largest first, equal values by id: the shared ascending
 * order (ties by id) read backwards tie group by tie group, each group forwards.
 */
function descendingPositive(
  { rows, sorted, finiteFrom, finiteTo }: ColumnOrder,
  onCurve: number,
): Uint32Array {
  const order = new Uint32Array(onCurve);
  let at = 0;
  let end = finiteTo;
  const from = Math.max(finiteFrom, finiteTo - onCurve);
  while (end > from) {
    const value = sorted[end - 1]!;
    let start = end - 1;
    while (start > from && sorted[start - 1] === value) start--;
    for (let j = start; j < end; j++) order[at++] = rows[j]!;
    end = start;
  }
  return order;
}

/** A cut of 100 % takes in every customer on the curve, however small its share. */
function cutOf(maxShare: number): number {
  return maxShare >= 1 ? Infinity : maxShare - SHARE_EPSILON;
}
