import { CompensatedSum } from '../math/compensatedSum.js';
import { digamma } from '../math/digamma.js';
import { logGamma } from '../math/logGamma.js';
import type { ObjectiveWithGradient } from '../math/minimizeResult.js';
import type { BgNbdGroups } from './bgnbdGroups.js';
import { bgnbdFromArray, type BgNbdParams } from './bgnbdParams.js';
import { meanNegativeLogLikelihood } from './fitLogParameters.js';

/**
 * BG/NBD log-likelihood of one customer (FHL 2005, eq. 6), written for stability as
 *   ℓ = log Γ(r+x) − log Γ(r) + r log α + log B(a, b+x) − log B(a, b)
 *       + logsumexp( −(r+x) log(α+T),  [x>0] (log a − log(b+x−1) − (r+x) log(α+t_x)) )
 * using B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1). The first line depends on x only and is computed once per
 * distinct x; the log-sum-exp needs one exp and one log1p per entry of groupPurchaseHistories.
 */
export function bgnbdLogLikelihood(params: BgNbdParams, groups: BgNbdGroups): number {
  return evaluate(params, groups, null);
}

/**
 * The fitting objective: minus the mean log-likelihood per customer, with its gradient with respect to
 * (log r, log α, log a, log b).
 */
export function bgnbdObjective(groups: BgNbdGroups): ObjectiveWithGradient {
  return meanNegativeLogLikelihood(groups.customers, (params, gradient) =>
    evaluate(bgnbdFromArray(params), groups, gradient),
  );
}

/** Total log-likelihood; when `grad` is given, also ∂ℓ/∂(r, α, a, b) summed over customers. */
function evaluate({ r, alpha, a, b }: BgNbdParams, g: BgNbdGroups, grad: Float64Array | null): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Number.isFinite(r + alpha + a + b)) {
    grad?.fill(Number.NaN);
    return Number.NaN;
  }
  const nt = g.times.length;
  const logTime = new Float64Array(nt);
  const invTime = new Float64Array(nt);
  for (let j = 0; j < nt; j++) {
    const v = alpha + (g.times[j] ?? 0);
    logTime[j] = Math.log(v);
    invTime[j] = 1 / v;
  }
  const nx = g.xValues.length;
  const rx = new Float64Array(nx);
  const logRatio = new Float64Array(nx); // log a − log(b+x−1), −∞ for x = 0
  const aliveShare = new Float64Array(nx); // Σ weight · (share of the t_x term), per x
  const logAlpha = Math.log(alpha);
  let ll = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  const lgR = logGamma(r);
  const lgB = logGamma(b);
  const lgAB = logGamma(a + b);
  const psiR = grad ? digamma(r) : 0;
  const psiB = grad ? digamma(b) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  for (let k = 0; k < nx; k++) {
    const x = g.xValues[k] ?? 0;
    const w = g.xWeight[k] ?? 0;
    rx[k] = r + x;
    logRatio[k] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    ll += w * (logGamma(r + x) - lgR + r * logAlpha + logGamma(b + x) - lgB - logGamma(a + b + x) + lgAB);
    if (grad) {
      const psiABX = digamma(a + b + x);
      dr += w * (digamma(r + x) - psiR + logAlpha);
      dAlpha += (w * r) / alpha;
      da += w * (psiAB - psiABX);
      db += w * (digamma(b + x) - psiB - psiABX + psiAB);
    }
  }
  // Hot loop, one iteration per entry. Indices are in range by construction, hence `!`.
  const { weight, xIndex, tIndex, txIndex, size } = g;
  const sum = new CompensatedSum(ll);
  for (let i = 0; i < size; i++) {
    const w = weight[i]!;
    const k = xIndex[i]!;
    const c = rx[k]!;
    const jT = tIndex[i]!;
    const jX = txIndex[i]!;
    const lT = logTime[jT]!;
    const lX = logTime[jX]!;
    const u1 = -c * lT;
    const lr = logRatio[k]!;
    // share2 = e^u2 / (e^u1 + e^u2), the weight of the "dropped out after t_x" term (0 when x = 0)
    let term: number;
    let share2 = 0;
    if (lr === Number.NEGATIVE_INFINITY) {
      term = w * u1;
    } else {
      const u2 = lr - c * lX;
      if (u2 > u1) {
        const e = Math.exp(u1 - u2);
        term = w * (u2 + Math.log1p(e));
        share2 = 1 / (1 + e);
      } else {
        const e = Math.exp(u2 - u1);
        term = w * (u1 + Math.log1p(e));
        share2 = e / (1 + e);
      }
    }
    sum.add(term);
    if (grad) {
      const share1 = 1 - share2;
      dr -= w * (share1 * lT + share2 * lX);
      dAlpha -= w * c * (share1 * invTime[jT]! + share2 * invTime[jX]!);
      aliveShare[k] = aliveShare[k]! + w * share2;
    }
  }
  ll = sum.value;
  if (grad) {
    for (let k = 0; k < nx; k++) {
      const x = g.xValues[k] ?? 0;
      const s = aliveShare[k] ?? 0;
      if (x > 0) {
        da += s / a;
        db -= s / (b + x - 1);
      }
    }
    grad[0] = dr;
    grad[1] = dAlpha;
    grad[2] = da;
    grad[3] = db;
  }
  return ll;
}
