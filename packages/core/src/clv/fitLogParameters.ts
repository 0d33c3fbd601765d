import { minimizeLbfgs } from '../math/lbfgs.js';
import type { MinimizeResult, ObjectiveWithGradient, StopReason } from '../math/minimizeResult.js';
import { minimizeNelderMead } from '../math/nelderMead.js';
import { invertSpd, numericHessian } from '../math/numericHessian.js';

/**
 * Log-parameters are kept within ±25 (e^25 ≈ 7e10): beyond any parameter the data could identify
 * (`fitClv` calls anything past 1e±8 degenerate), and a wall that stops an optimiser running off to
 * infinity, e.g. when all customers spend the same.
 */
const LOG_BOUND = 25;

export interface LogParameterFitOptions {
  readonly maxIterations: number;
  /**
   * With more rows than twice this, first fit on every k-th row (about this many), then start the full
   * fit there with the subsample's inverse Hessian. The estimate is still the exact optimum on all
   * rows; the subsample only saves full-data evaluations (typically 3–5 instead of 15–40). 0 = off.
   */
  readonly warmStartRows: number;
  readonly gradientTolerance: number;
}

/** What each maximum-likelihood fit reports besides its parameters. */
export interface LikelihoodFitSummary {
  /** Total log-likelihood over the customers used. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly stopReason: StopReason;
  readonly customers: number;
  /** Iterations of the warm-start fit on the subsample (0 when none). */
  readonly warmStartIterations: number;
}

export interface LogParameterFit extends LikelihoodFitSummary {
  /** The natural (not log) parameters at the optimum. */
  readonly params: Float64Array;
}

/**
 * The objective the fits minimise for a log-likelihood ℓ summed over `customers`: −ℓ/customers (a mean,
 * so tolerances do not depend on the data size), with its gradient in log-parameters (∂/∂log p =
 * p·∂/∂p), which keeps every parameter positive. `logLikelihood` receives the natural parameters and
 * writes ∂ℓ/∂parameters into `gradient`.
 */
export function meanNegativeLogLikelihood(
  customers: number,
  logLikelihood: (params: Float64Array, gradient: Float64Array) => number,
): ObjectiveWithGradient {
  const scale = 1 / Math.max(1, customers);
  return (theta, gradient) => {
    const params = theta.map(Math.exp);
    const ll = logLikelihood(params, gradient);
    for (let i = 0; i < params.length; i++) gradient[i] = -scale * params[i]! * gradient[i]!;
    return -scale * ll;
  };
}

/**
 * Minimises a `meanNegativeLogLikelihood` over log-parameters: optional warm start on a deterministic
 * subsample, L-BFGS with the analytic gradient, and Nelder–Mead from the best point if L-BFGS fails for
 * another reason than its iteration budget.
 */
export function fitLogParameters(
  objectiveFor: (rows: Uint32Array) => ObjectiveWithGradient,
  rows: Uint32Array,
  start: Float64Array,
  options: LogParameterFitOptions,
): LogParameterFit {
  const { maxIterations, warmStartRows, gradientTolerance } = options;
  let from = start;
  let warmStartIterations = 0;
  let initialInverseHessian: Float64Array | undefined;
  if (warmStartRows > 0 && rows.length > 2 * warmStartRows) {
    // Every k-th row: deterministic, and representative whatever order the rows come in unless that
    // order is periodic. The objectives are means, so the subsample's curvature carries over.
    const stride = Math.ceil(rows.length / warmStartRows);
    const sample = rows.filter((_, i) => i % stride === 0);
    const warmObjective = bounded(objectiveFor(sample));
    const warm = minimizeLbfgs(warmObjective, start, {
      maxIterations,
      gradientTolerance: 10 * gradientTolerance,
    });
    warmStartIterations = warm.iterations;
    if (Number.isFinite(warm.value)) {
      from = warm.x;
      initialInverseHessian = invertSpd(numericHessian(warmObjective, warm.x), start.length) ?? undefined;
    }
  }
  const objective = bounded(objectiveFor(rows));
  let result: MinimizeResult = minimizeLbfgs(objective, from, {
    maxIterations,
    gradientTolerance,
    initialInverseHessian,
  });
  const atWall = result.x.some((v) => Math.abs(v) > LOG_BOUND - 1);
  if (!result.converged && result.reason !== 'maxIterations' && !atWall) {
    const gradient = new Float64Array(start.length);
    const simplex = minimizeNelderMead((theta) => objective(theta, gradient), result.x, {
      maxIterations: 5 * maxIterations,
      initialStep: 0.1,
    });
    if (simplex.value <= result.value) {
      result = { ...simplex, evaluations: result.evaluations + simplex.evaluations };
    }
  }
  return {
    params: result.x.map(Math.exp),
    logLikelihood: -result.value * Math.max(1, rows.length),
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    stopReason: result.reason,
    customers: rows.length,
    warmStartIterations,
  };
}

function bounded(objective: ObjectiveWithGradient): ObjectiveWithGradient {
  return (theta, gradient) => {
    if (theta.some((v) => !(Math.abs(v) <= LOG_BOUND))) {
      gradient.fill(Number.NaN);
      return Number.POSITIVE_INFINITY;
    }
    return objective(theta, gradient);
  };
}
