import { hypergeometricSeries } from '../math/hypergeometricSeries.js';
import { logBeta } from '../math/logBeta.js';
import { logGamma } from '../math/logGamma.js';
import { exprel, log1pExp } from '../math/logSumExp.js';
import { isValidHistory, validPurchaseRows } from './bgnbdGroups.js';
import { groupRows } from './groupRows.js';
import type { BgNbdParams } from './bgnbdParams.js';

/*
 * BG/NBD predictions (FHL 2005). Times in the model's unit (that of α). Columnar functions return NaN
 * for rows whose history is not valid (see `isValidHistory`).
 */

/** P(alive | x, t_x, T) = 1 / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); 1 when x = 0. */
export function bgnbdProbabilityAlive(
  params: BgNbdParams,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
): Float64Array {
  const out = new Float64Array(x.length);
  // log a − log(b+x−1) depends on x only, a small integer: two logs per customer become a lookup.
  const ratio = new Float64Array(RATIO_TABLE).fill(Number.NaN);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const txi = tx[i]!;
    const Ti = T[i]!;
    if (!isValidHistory(xi, txi, Ti)) {
      out[i] = Number.NaN;
      continue;
    }
    let logRatio: number;
    if (xi < RATIO_TABLE) {
      logRatio = ratio[xi]!;
      if (logRatio !== logRatio) logRatio = ratio[xi] = logOddsRatio(params, xi);
    } else {
      logRatio = logOddsRatio(params, xi);
    }
    out[i] = Math.exp(-logDeadOdds1p(params, logRatio, xi, txi, Ti));
  }
  return out;
}

/** x values below this have their log a − log(b+x−1) cached. */
const RATIO_TABLE = 1024;

function logOddsRatio({ a, b }: BgNbdParams, x: number): number {
  return Math.log(a) - Math.log(b + x - 1);
}

/** log(1 + odds of having dropped out) = −log P(alive); `logRatio` = logOddsRatio(x). */
function logDeadOdds1p(
  { r, alpha }: BgNbdParams,
  logRatio: number,
  x: number,
  tx: number,
  T: number,
): number {
  if (x === 0) return 0;
  // log((α+T)/(α+t_x)) as log1p, exact when T is close to t_x (recent buyers)
  return log1pExp(logRatio + (r + x) * Math.log1p((T - tx) / (alpha + tx)));
}

/** E[X(t)]: expected purchases of a new customer in (0, t] (FHL eq. 9); NaN for t < 0. */
export function bgnbdExpectedPurchases(params: BgNbdParams, t: number): number {
  return undiscountedConditional(params, 0, 0, t);
}

/** P(X(t) = n) for a new customer (FHL eq. 8). */
export function bgnbdProbabilityOfPurchases({ r, alpha, a, b }: BgNbdParams, t: number, n: number): number {
  if (!(t >= 0) || !(Number.isInteger(n) && n >= 0)) return Number.NaN;
  if (t === 0) return n === 0 ? 1 : 0;
  const logStay = Math.log(alpha) - Math.log(alpha + t); // log(α/(α+t))
  const logMove = Math.log(t) - Math.log(alpha + t); // log(t/(α+t))
  const lbAB = logBeta(a, b);
  const lgR = logGamma(r);
  const negBinomial = (j: number): number =>
    Math.exp(logGamma(r + j) - lgR - logGamma(j + 1) + r * logStay + j * logMove);
  const stillActive = Math.exp(logBeta(a, b + n) - lbAB) * negBinomial(n);
  if (n === 0) return stillActive;
  let below = 0;
  for (let j = 0; j < n; j++) below += negBinomial(j);
  const droppedAfterN = Math.exp(logBeta(a + 1, b + n - 1) - lbAB) * Math.max(0, 1 - below);
  return stillActive + droppedAfterN;
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] of a customer with history (x, t_x, T) (FHL
 * eq. 10), one column per horizon in `horizons`.
 */
export function bgnbdConditionalExpectedPurchases(
  params: BgNbdParams,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  horizons: readonly number[],
): Float64Array[] {
  const table = bgnbdConditionalTable(params, x, tx, T, horizons);
  const alive = bgnbdProbabilityAlive(params, x, tx, T);
  const H = horizons.length;
  const out = horizons.map(() => new Float64Array(x.length).fill(Number.NaN));
  table.rows.forEach((i, k) => {
    const g = table.groupOf[k]!;
    for (let h = 0; h < H; h++) out[h]![i] = alive[i]! * table.values[g * H + h]!;
  });
  return out;
}

/**
 * E[Y(t) | x, t_x, T] / P(alive | x, t_x, T), which depends on (x, T) only, for each distinct (x, T)
 * among the rows with a valid history and each horizon: values[g·H + h]. Customers sharing (x, T)
 * share the series evaluations; P(alive) multiplies them per customer.
 */
export interface BgNbdConditionalTable {
  /** Rows with a valid history. */
  readonly rows: Uint32Array;
  /** For each of `rows`, its (x, T) group. */
  readonly groupOf: Uint32Array;
  readonly values: Float64Array;
}

export function bgnbdConditionalTable(
  params: BgNbdParams,
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  horizons: readonly number[],
  /**
   * Optional: a column to group by instead of T, whose equal values imply equal T (e.g. T in days
   * before the division into model units). Whole days group through a direct table, not a hash.
   */
  groupT: Float64Array = T,
): BgNbdConditionalTable {
  const rows = validPurchaseRows(x, tx, T).rows;
  const groups = groupRows([x, groupT], rows);
  const H = horizons.length;
  const values = new Float64Array(groups.size * H);
  for (let g = 0; g < groups.size; g++) {
    const row = groups.first[g]!;
    for (let h = 0; h < H; h++) {
      const t = horizons[h]!;
      values[g * H + h] = undiscountedConditional(params, x[row]!, T[row]!, t);
    }
  }
  return { rows, groupOf: groups.groupOf, values };
}

/**
 * E[Y(t) | x, T] · (1 + [x>0]·a/(b+x−1)·((α+T)/(α+t_x))^(r+x)), i.e. eq. 10 without its P(alive)
 * factor. With z = t/(α+T+t) and L = log(1−z), FHL write it as
 *   (a+b+x−1)/(a−1) · [1 − (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)].
 * Euler's transformation gives (1−z)^(r+x) ₂F₁(…) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z), and
 * every term of that ₂F₁ past the first carries the factor (a−1); dividing it out leaves
 *   C·(−L)·exprel((a−1)L) − (1−z)^(a−1)·A·z·₃F₂(A+1, a, 1; C+1, 2; z),   A = a+b−1−r, C = a+b+x−1,
 * which has no 0/0 at a = 1 and whose series has small numerator parameters for any x.
 */
function undiscountedConditional({ r, alpha, a, b }: BgNbdParams, x: number, T: number, t: number): number {
  if (!(t > 0)) return t === 0 ? 0 : Number.NaN;
  const z = t / (alpha + T + t);
  const logOneMinusZ = -Math.log1p(t / (alpha + T));
  const A = a + b - 1 - r;
  const C = a + b + x - 1;
  const s = hypergeometricSeries(A + 1, a, 1, C + 1, 2, z, 1e-15);
  const first = C * -logOneMinusZ * exprel((a - 1) * logOneMinusZ);
  const second = s.sign * Math.exp((a - 1) * logOneMinusZ + s.log) * A * z;
  const value = first - second;
  return Number.isFinite(value) ? Math.max(0, value) : Number.NaN;
}
