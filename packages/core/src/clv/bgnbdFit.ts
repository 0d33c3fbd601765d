import { groupPurchaseHistories } from './bgnbdGroups.js';
import { bgnbdObjective } from './bgnbdLikelihood.js';
import { bgnbdFromArray, type BgNbdParams } from './bgnbdParams.js';
import { fitLogParameters, type LikelihoodFitSummary } from './fitLogParameters.js';

export interface BgNbdFitOptions {
  /** Input times are divided by this (e.g. days in, 7: the model works in weeks). */
  readonly timeUnit?: number;
  readonly maxIterations?: number;
  /** Warm start on about this many customers when there are more than twice as many (0 = off). */
  readonly warmStartCustomers?: number;
}

export interface BgNbdFit extends LikelihoodFitSummary {
  readonly params: BgNbdParams;
  /** Entries the likelihood was evaluated on (see groupPurchaseHistories). */
  readonly groups: number;
}

/**
 * Maximum-likelihood BG/NBD on the listed rows (valid histories: see `validPurchaseRows`): L-BFGS with
 * the analytic gradient on log-parameters, warm-started on a subsample for large inputs.
 */
export function fitBgNbd(
  x: Float64Array,
  tx: Float64Array,
  T: Float64Array,
  rows: Uint32Array,
  options: BgNbdFitOptions = {},
): BgNbdFit {
  const timeUnit = options.timeUnit ?? 1;
  let groups = 0;
  const result = fitLogParameters(
    (subset) => {
      const g = groupPurchaseHistories(x, tx, T, subset, timeUnit);
      groups = g.size;
      return bgnbdObjective(g);
    },
    rows,
    initialGuess(x, T, rows, timeUnit),
    {
      maxIterations: options.maxIterations ?? 300,
      warmStartRows: options.warmStartCustomers ?? 50_000,
      gradientTolerance: 1e-9,
    },
  );
  return { ...result, params: bgnbdFromArray(result.params), groups };
}

/**
 * A start on the right scale: r = 1, α from the mean repeat rate (so E[λ] = r/α matches it), and
 * p ~ Beta(1, 3).
 */
function initialGuess(x: Float64Array, T: Float64Array, rows: Uint32Array, timeUnit: number): Float64Array {
  let sx = 0;
  let sT = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    sx += x[i] ?? 0;
    sT += (T[i] ?? 0) / timeUnit;
  }
  const rate = sx > 0 && sT > 0 ? sx / sT : 1;
  return Float64Array.of(0, Math.log(1 / rate), 0, Math.log(3));
}
