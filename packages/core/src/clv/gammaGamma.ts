import { CompensatedSum } from '../math/compensatedSum.js';
import { digamma } from '../math/digamma.js';
import { logGamma } from '../math/logGamma.js';
import type { ObjectiveWithGradient } from '../math/minimizeResult.js';
import {
  fitLogParameters,
  meanNegativeLogLikelihood,
  type LikelihoodFitSummary,
} from './fitLogParameters.js';
import { distinctValues } from './distinctValues.js';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note): each
 * transaction value ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers. A customer with x repeat
 * transactions of mean m̄ has density
 *   f(m̄ | p, q, γ, x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q · m̄^(px−1) x^(px) / (γ + m̄x)^(px+q).
 */
export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** γ (called v in the `lifetimes` package). */
  readonly gamma: number;
}

export type GammaGammaFit = LikelihoodFitSummary & { readonly params: GammaGammaParams };

/** Rows usable by Gamma-Gamma: x a positive integer and m̄ finite and > 0. */
export function repeatSpendRows(x: Float64Array, mbar: Float64Array): Uint32Array {
  const rows = new Uint32Array(x.length);
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? Number.NaN;
    const m = mbar[i] ?? Number.NaN;
    if (Number.isInteger(xi) && xi > 0 && m > 0 && Number.isFinite(m)) rows[count++] = i;
  }
  return rows.slice(0, count);
}

/**
 * Maximum likelihood on the listed rows (see `repeatSpendRows`): L-BFGS on log-parameters, warm-started
 * on a subsample for large inputs.
 */
export function fitGammaGamma(
  x: Float64Array,
  mbar: Float64Array,
  rows: Uint32Array,
  options: { readonly maxIterations?: number; readonly warmStartCustomers?: number } = {},
): GammaGammaFit {
  let mean = 0;
  for (let k = 0; k < rows.length; k++) mean += mbar[rows[k]!]! / rows.length;
  // Start at p = 1, q = 2 and γ such that the implied mean spend pγ/(q−1) equals the observed mean.
  const start = Float64Array.of(0, Math.log(2), Math.log(mean > 0 ? mean : 1));
  const result = fitLogParameters((subset) => objective(prepare(x, mbar, subset)), rows, start, {
    maxIterations: options.maxIterations ?? 300,
    warmStartRows: options.warmStartCustomers ?? 50_000,
    gradientTolerance: 1e-9,
  });
  return { ...result, params: fromArray(result.params) };
}

/**
 * E[M | p, q, γ, m̄, x] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m̄ = p(γ + x m̄)/(px + q − 1):
 * the customer's expected average transaction value, a weighted mean of the population mean and m̄.
 * For x = 0 (or m̄ missing) it is the population mean pγ/(q−1), which needs q > 1 (NaN otherwise).
 */
export function gammaGammaExpectedValue(
  params: GammaGammaParams,
  x: Float64Array,
  mbar: Float64Array,
): Float64Array {
  const { p, q, gamma } = params;
  const populationMean = q > 1 ? (p * gamma) / (q - 1) : Number.NaN;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] ?? Number.NaN;
    const m = mbar[i] ?? Number.NaN;
    if (Number.isInteger(xi) && xi > 0 && m > 0 && Number.isFinite(m)) {
      out[i] = (p * (gamma + xi * m)) / (p * xi + q - 1);
    } else {
      out[i] = Number.isInteger(xi) && xi >= 0 ? populationMean : Number.NaN;
    }
  }
  return out;
}

interface SpendData {
  /** Per customer: index into `xValues`, and x·m̄. */
  readonly xIndex: Uint32Array;
  readonly xm: Float64Array;
  readonly xValues: Float64Array;
  readonly xWeight: Float64Array;
  /** Parameter-free sums: (px−1) log m̄ + px log x summed = p·Σ x(log m̄ + log x) − Σ log m̄. */
  readonly sumXLogMX: number;
  readonly sumLogM: number;
}

function prepare(x: Float64Array, mbar: Float64Array, rows: Uint32Array): SpendData {
  // Distinct x through a lookup table (x is a small integer), not a hash per customer.
  const distinct = distinctValues([x], rows);
  const xIndex = distinct.index[0]!;
  const xWeight = new Float64Array(distinct.values.length);
  const xm = new Float64Array(rows.length);
  let sumXLogMX = 0;
  let sumLogM = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    const xi = x[row]!;
    const m = mbar[row]!;
    xWeight[xIndex[k]!]!++;
    xm[k] = xi * m;
    sumXLogMX += xi * (Math.log(m) + Math.log(xi));
    sumLogM += Math.log(m);
  }
  return { xIndex, xm, xValues: distinct.values, xWeight, sumXLogMX, sumLogM };
}

function fromArray(values: ArrayLike<number>): GammaGammaParams {
  return { p: values[0] ?? Number.NaN, q: values[1] ?? Number.NaN, gamma: values[2] ?? Number.NaN };
}

/** Minus the mean log-likelihood, gradient with respect to (log p, log q, log γ). */
function objective(data: SpendData): ObjectiveWithGradient {
  return meanNegativeLogLikelihood(data.xm.length, (params, gradient) =>
    logLikelihood(fromArray(params), data, gradient),
  );
}

/**
 * Σ log f(m̄ | p, q, γ, x) and ∂/∂(p, q, γ) into `grad`. The Γ and ψ terms depend on x only and are
 * computed once per distinct x; one log per customer remains.
 */
function logLikelihood({ p, q, gamma }: GammaGammaParams, data: SpendData, grad: Float64Array): number {
  if (!(p > 0 && q > 0 && gamma > 0) || !Number.isFinite(p + q + gamma)) {
    grad.fill(Number.NaN);
    return Number.NaN;
  }
  const { xValues, xWeight, xIndex, xm } = data;
  const logGammaParam = Math.log(gamma);
  const lgQ = logGamma(q);
  const psiQ = digamma(q);
  const sum = new CompensatedSum(p * data.sumXLogMX - data.sumLogM);
  let dp = data.sumXLogMX;
  let dq = 0;
  let dGamma = 0;
  for (let k = 0; k < xValues.length; k++) {
    const x = xValues[k]!;
    const w = xWeight[k]!;
    const psiPQ = digamma(p * x + q);
    sum.add(w * (logGamma(p * x + q) - logGamma(p * x) - lgQ + q * logGammaParam));
    dp += w * x * (psiPQ - digamma(p * x));
    dq += w * (psiPQ - psiQ + logGammaParam);
    dGamma += (w * q) / gamma;
  }
  // Hot loop over customers; indices are in range by construction, hence `!`.
  for (let i = 0; i < xm.length; i++) {
    const x = xValues[xIndex[i]!]!;
    const denominator = gamma + xm[i]!;
    const logDenominator = Math.log(denominator);
    const exponent = p * x + q;
    sum.add(-exponent * logDenominator);
    dp -= x * logDenominator;
    dq -= logDenominator;
    dGamma -= exponent / denominator;
  }
  grad[0] = dp;
  grad[1] = dq;
  grad[2] = dGamma;
  return sum.value;
}
