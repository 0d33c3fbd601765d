import { groupRows } from './groupRows.js';

/**
 * Customers compressed for the BG/NBD likelihood: one entry per distinct (x, t_x, T), with the distinct
 * x values and distinct time values (of t_x and T together) in side tables, so that a likelihood
 * evaluation computes log(α + t) once per distinct time and the Γ/ψ terms once per distinct x.
 */
export interface BgNbdGroups {
  /** Number of distinct (x, t_x, T) groups. */
  readonly size: number;
  /** Customers per group. */
  readonly weight: Float64Array;
  readonly xIndex: Uint32Array;
  readonly tIndex: Uint32Array;
  readonly txIndex: Uint32Array;
  /** Distinct x values, and customers per distinct x. */
  readonly xValues: Float64Array;
  readonly xWeight: Float64Array;
  /** Distinct time values in model units (input / timeUnit). */
  readonly times: Float64Array;
  /** Total customers (Σ weight). */
  readonly customers: number;
}

/**
 * Groups the listed rows (assumed valid: see `validPurchaseRows`). Times are divided by `timeUnit`
 * (e.g. days in, 7 → weeks).
 */
export function groupPurchaseHistories(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  rows: Uint32Array,
  timeUnit = 1,
): BgNbdGroups {
  const groups = groupRows([x, tx, T], rows);
  const size = groups.size;
  const repX = new Float64Array(size);
  const bothTimes = new Float64Array(2 * size);
  for (let g = 0; g < size; g++) {
    const row = groups.first[g] ?? 0;
    repX[g] = x[row] ?? 0;
    bothTimes[g] = T[row] ?? 0;
    bothTimes[size + g] = tx[row] ?? 0;
  }
  const xs = groupRows([repX]);
  const ts = groupRows([bothTimes]);
  const xValues = new Float64Array(xs.size);
  const xWeight = new Float64Array(xs.size);
  for (let k = 0; k < xs.size; k++) xValues[k] = repX[xs.first[k] ?? 0] ?? 0;
  for (let g = 0; g < size; g++) {
    const k = xs.groupOf[g] ?? 0;
    xWeight[k] = (xWeight[k] ?? 0) + (groups.weight[g] ?? 0);
  }
  const times = new Float64Array(ts.size);
  for (let j = 0; j < ts.size; j++) times[j] = (bothTimes[ts.first[j] ?? 0] ?? 0) / timeUnit;
  return {
    size,
    weight: groups.weight,
    xIndex: xs.groupOf,
    tIndex: ts.groupOf.subarray(0, size),
    txIndex: ts.groupOf.subarray(size),
    xValues,
    xWeight,
    times,
    customers: rows.length,
  };
}

/**
 * Rows usable by BG/NBD: x a non-negative integer, 0 ≤ t_x ≤ T finite, and t_x = 0 when x = 0.
 * Rows with x = NaN (no purchase yet) are `withoutPurchases`; other failing rows are `invalid`.
 */
export function validPurchaseRows(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
): { readonly rows: Uint32Array; readonly withoutPurchases: number; readonly invalid: number } {
  const rows = new Uint32Array(x.length);
  let count = 0;
  let withoutPurchases = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    if (xi !== xi) {
      withoutPurchases++;
      continue;
    }
    if (isValidHistory(xi, tx[i]!, T[i]!)) rows[count++] = i;
  }
  return { rows: rows.slice(0, count), withoutPurchases, invalid: x.length - withoutPurchases - count };
}

export function isValidHistory(x: number, tx: number, T: number): boolean {
  // x ≥ 0 and x − ⌊x⌋ = 0 reject NaN, ±Infinity and fractions; tx ≤ T < Infinity rejects NaN in either.
  return (
    x >= 0 &&
    x - Math.floor(x) === 0 &&
    tx >= 0 &&
    tx <= T &&
    T < Number.POSITIVE_INFINITY &&
    (x > 0 || tx === 0)
  );
}
