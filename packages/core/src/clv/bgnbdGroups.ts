import { distinctValues } from './distinctValues.js';

/**
 * Customers compressed for the BG/NBD likelihood: one entry per customer with purchases, and one per
 * distinct T for those without (x = 0 implies t_x = 0, so they differ by T alone), with the distinct x
 * values and distinct time values (of t_x and T together) in side tables, so that a likelihood
 * evaluation computes log(α + t) once per distinct time and the Γ/ψ terms once per distinct x.
 */
export interface BgNbdGroups {
  /** Number of entries. */
  readonly size: number;
  /** Customers per entry. */
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
 *
 * Repeat buyers are not grouped by (x, t_x, T): on 10⁶ customers ~60 % of those triples are distinct,
 * so a hash over them cost more (cache misses on a table of 10⁶ groups) than the handful of full-data
 * likelihood evaluations it saved. Only the cheap, effective part is kept: the side tables (tiny)
 * and the x = 0 customers, who collapse onto a few hundred T values.
 */
export function groupPurchaseHistories(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  rows: Uint32Array,
  timeUnit = 1,
): BgNbdGroups {
  const n = rows.length;
  const xs = distinctValues([x], rows);
  // T first, then t_x: the time table numbers T values before t_x values.
  const ts = distinctValues([T, tx], rows);
  const xOfRow = xs.index[0]!;
  const tOfRow = ts.index[0]!;
  const txOfRow = ts.index[1]!;
  const weight = new Float64Array(n);
  const xIndex = new Uint32Array(n);
  const tIndex = new Uint32Array(n);
  const txIndex = new Uint32Array(n);
  // Entry of the x = 0 customers at each distinct time, + 1 (0 = none yet).
  const zeroEntry = new Uint32Array(ts.values.length);
  const xWeight = new Float64Array(xs.values.length);
  let size = 0;
  for (let k = 0; k < n; k++) {
    const xk = xOfRow[k]!;
    const tk = tOfRow[k]!;
    xWeight[xk] = xWeight[xk]! + 1;
    if (x[rows[k]!] === 0 && zeroEntry[tk] !== 0) {
      const e = zeroEntry[tk]! - 1;
      weight[e] = weight[e]! + 1;
      continue;
    }
    if (x[rows[k]!] === 0) zeroEntry[tk] = size + 1;
    weight[size] = 1;
    xIndex[size] = xk;
    tIndex[size] = tk;
    txIndex[size] = txOfRow[k]!;
    size++;
  }
  const times = ts.values;
  for (let j = 0; j < times.length; j++) times[j] = times[j]! / timeUnit;
  return {
    size,
    weight: weight.subarray(0, size),
    xIndex: xIndex.subarray(0, size),
    tIndex: tIndex.subarray(0, size),
    txIndex: txIndex.subarray(0, size),
    xValues: xs.values,
    xWeight,
    times,
    customers: n,
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
