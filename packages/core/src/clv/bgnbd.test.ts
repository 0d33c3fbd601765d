import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyp2f1 } from '../math/hyp2f1.js';
import { logBeta } from '../math/logBeta.js';
import { logGamma } from '../math/logGamma.js';
import { relativeError } from '../math/relativeError.js';
import { fitBgNbd } from './bgnbdFit.js';
import { groupPurchaseHistories, validPurchaseRows } from './bgnbdGroups.js';
import { bgnbdLogLikelihood, bgnbdObjective } from './bgnbdLikelihood.js';
import { bgnbdToLog, type BgNbdParams } from './bgnbdParams.js';
import {
  bgnbdConditionalExpectedPurchases,
  bgnbdExpectedPurchases,
  bgnbdProbabilityAlive,
  bgnbdProbabilityOfPurchases,
} from './bgnbdPredict.js';
import { CDNOW_CALIBRATION_END, loadCdnowSummary, loadCdnowTransactions } from './fixtures/cdnow.js';
import { summarisePurchases } from './summarisePurchases.js';
import { generateClvData } from './syntheticClv.js';

/** Fader, Hardie & Lee (2005), CDNOW sample, weeks. */
const PAPER: BgNbdParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const PAPER_LL = -9582.43;

const col = (...v: number[]): Float64Array => Float64Array.from(v);

/** The FHL (2005) eq. 6 likelihood of one customer, directly from the paper's form. */
function paperLogLikelihood({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const a1 = Math.exp(logBeta(a, b + x) - logBeta(a, b) + common - (r + x) * Math.log(alpha + T));
  const a2 =
    x > 0 ? Math.exp(logBeta(a + 1, b + x - 1) - logBeta(a, b) + common - (r + x) * Math.log(alpha + tx)) : 0;
  return Math.log(a1 + a2);
}

/** FHL (2005) eq. 10 with the textbook ₂F₁ form. */
function paperConditional(
  { r, alpha, a, b }: BgNbdParams,
  x: number,
  tx: number,
  T: number,
  t: number,
): number {
  const z = t / (alpha + T + t);
  const bracket = 1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z);
  const alive = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return ((a + b + x - 1) / (a - 1)) * (bracket / alive);
}

describe('BG/NBD on CDNOW (FHL 2005)', () => {
  const cdnow = loadCdnowSummary();
  const rows = validPurchaseRows(cdnow.x, cdnow.tx, cdnow.T).rows;

  it('has total log-likelihood −9582.43 at the published parameters', () => {
    const ll = bgnbdLogLikelihood(PAPER, groupPurchaseHistories(cdnow.x, cdnow.tx, cdnow.T, rows));
    expect(relativeError(ll, PAPER_LL)).toBeLessThan(1e-5);
  });

  it('fits the published parameters and log-likelihood (within 0.1 %) from the published summary', () => {
    const fit = fitBgNbd(cdnow.x, cdnow.tx, cdnow.T, rows);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relativeError(fit.params[k], PAPER[k])).toBeLessThan(1e-3);
    expect(relativeError(fit.logLikelihood, PAPER_LL)).toBeLessThan(1e-3);
    expect(fit.groups).toBeLessThan(rows.length); // customers without repeat purchases were grouped by T
  });

  it('fits them from the raw transactions through summarisePurchases (days in, weeks as the unit)', () => {
    const t = loadCdnowTransactions();
    const s = summarisePurchases(t, t.customerCount, CDNOW_CALIBRATION_END, { zeroAmountIsPurchase: true });
    const fit = fitBgNbd(s.x, s.tx, s.T, validPurchaseRows(s.x, s.tx, s.T).rows, { timeUnit: 7 });
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relativeError(fit.params[k], PAPER[k])).toBeLessThan(1e-3);
    expect(relativeError(fit.logLikelihood, PAPER_LL)).toBeLessThan(1e-3);
  });
});

describe('BG/NBD likelihood', () => {
  it('equals the per-customer paper formula summed over ungrouped rows', () => {
    const x = col(0, 0, 2, 2, 5, 1, 2);
    const tx = col(0, 0, 30.43, 30.43, 10, 38, 1);
    const T = col(38.86, 20, 38.86, 38.86, 32, 38, 39);
    const rows = Uint32Array.from(x, (_, i) => i);
    const direct = Array.from(x).reduce(
      (s, xi, i) => s + paperLogLikelihood(PAPER, xi, tx[i] ?? 0, T[i] ?? 0),
      0,
    );
    expect(
      relativeError(bgnbdLogLikelihood(PAPER, groupPurchaseHistories(x, tx, T, rows)), direct),
    ).toBeLessThan(1e-13);
  });

  it('has an analytic gradient that matches central differences', () => {
    const cdnow = loadCdnowSummary();
    const objective = bgnbdObjective(
      groupPurchaseHistories(cdnow.x, cdnow.tx, cdnow.T, validPurchaseRows(cdnow.x, cdnow.tx, cdnow.T).rows),
    );
    const theta = bgnbdToLog({ r: 0.5, alpha: 3, a: 1.2, b: 4 });
    const gradient = new Float64Array(4);
    objective(theta, gradient);
    for (let k = 0; k < 4; k++) {
      const h = 1e-6;
      const up = Float64Array.from(theta);
      const down = Float64Array.from(theta);
      up[k] = (up[k] ?? 0) + h;
      down[k] = (down[k] ?? 0) - h;
      const scratch = new Float64Array(4);
      const numeric = (objective(up, scratch) - objective(down, scratch)) / (2 * h);
      expect(Math.abs((gradient[k] ?? 0) - numeric)).toBeLessThan(1e-7);
    }
  });

  it('is NaN (not a throw) for non-positive parameters', () => {
    const g = groupPurchaseHistories(col(1), col(1), col(2), Uint32Array.of(0));
    expect(bgnbdLogLikelihood({ ...PAPER, a: 0 }, g)).toBeNaN();
  });
});

describe('BG/NBD predictions at the published parameters (FHL 2005)', () => {
  it.each([
    [1, 0.0532],
    [3, 0.1506],
    [32, 1.0437],
    [78, 1.8576],
  ])('E[X(%s weeks)] = %s', (t, expected) => {
    expect(relativeError(bgnbdExpectedPurchases(PAPER, t), expected)).toBeLessThan(1e-3);
  });

  it('P(X(39) = 0) = 0.5738', () => {
    // (α/(α+t))^r = 0.57430 at the rounded published parameters: 0.087 % from the quoted 0.5738.
    expect(relativeError(bgnbdProbabilityOfPurchases(PAPER, 39, 0), 0.5738)).toBeLessThan(1e-3);
  });

  it('E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226', () => {
    const [y] = bgnbdConditionalExpectedPurchases(PAPER, col(2), col(30.43), col(38.86), [39]);
    expect(relativeError(y?.[0] ?? Number.NaN, 1.226)).toBeLessThan(1e-3);
  });

  it('P(X(t) = n) sums to 1 and its mean is E[X(t)]', () => {
    for (const t of [1, 39, 78]) {
      let total = 0;
      let mean = 0;
      for (let n = 0; n < 800; n++) {
        const p = bgnbdProbabilityOfPurchases(PAPER, t, n);
        total += p;
        mean += n * p;
      }
      expect(total).toBeCloseTo(1, 10);
      expect(relativeError(mean, bgnbdExpectedPurchases(PAPER, t))).toBeLessThan(1e-9);
    }
  });

  it.each([
    [-1, 0],
    [39, -1],
    [39, 1.5],
  ])('P(X(%s) = %s) is NaN outside its domain', (t, n) => {
    expect(bgnbdProbabilityOfPurchases(PAPER, t, n)).toBeNaN();
  });

  it.each([0.3, 0.7929, 0.99, 1.01, 2.5, 8])('agrees with the textbook ₂F₁ form of eq. 10 at a = %s', (a) => {
    const p = { ...PAPER, a };
    for (const [x, tx, T, t] of [
      [0, 0, 38.86, 39],
      [2, 30.43, 38.86, 39],
      [7, 20, 38, 52],
      [40, 37, 38, 104],
    ] as const) {
      const [y] = bgnbdConditionalExpectedPurchases(p, col(x), col(tx), col(T), [t]);
      expect(relativeError(y?.[0] ?? Number.NaN, paperConditional(p, x, tx, T, t))).toBeLessThan(1e-9);
    }
  });

  it('is continuous through a = 1, where the textbook form is 0/0', () => {
    const at = (a: number): number =>
      bgnbdConditionalExpectedPurchases({ ...PAPER, a }, col(5), col(20), col(38), [52])[0]?.[0] ??
      Number.NaN;
    expect(relativeError(at(1), (at(1 - 1e-7) + at(1 + 1e-7)) / 2)).toBeLessThan(1e-9);
    expect(Number.isFinite(at(1))).toBe(true);
  });

  it('E[Y(t) | x = 0, T = 0] is E[X(t)]', () => {
    const [y] = bgnbdConditionalExpectedPurchases(PAPER, col(0), col(0), col(0), [39]);
    expect(relativeError(y?.[0] ?? Number.NaN, bgnbdExpectedPurchases(PAPER, 39))).toBeLessThan(1e-12);
  });

  it('returns NaN for rows without a valid history', () => {
    const x = col(Number.NaN, 1, -1, 1.5, 0);
    const tx = col(0, 5, 0, 1, 3);
    const T = col(10, 4, 10, 10, 10);
    expect(Array.from(bgnbdProbabilityAlive(PAPER, x, tx, T)).every(Number.isNaN)).toBe(true);
    expect(
      Array.from(bgnbdConditionalExpectedPurchases(PAPER, x, tx, T, [10])[0] ?? []).every(Number.isNaN),
    ).toBe(true);
  });
});

describe('BG/NBD properties', () => {
  const params = fc.record({
    r: fc.double({ min: 0.05, max: 5, noNaN: true }),
    alpha: fc.double({ min: 0.5, max: 50, noNaN: true }),
    a: fc.double({ min: 0.1, max: 5, noNaN: true }),
    b: fc.double({ min: 0.1, max: 10, noNaN: true }),
  });
  const history = fc
    .tuple(
      fc.integer({ min: 0, max: 60 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 200, noNaN: true }),
    )
    .map(([x, share, T]) => [x, x === 0 ? 0 : share * T, T] as const);

  it('P(alive) is in [0, 1], and 1 when x = 0', () => {
    fc.assert(
      fc.property(params, history, (p, [x, tx, T]) => {
        const alive = bgnbdProbabilityAlive(p, col(x), col(tx), col(T))[0] ?? Number.NaN;
        return alive >= 0 && alive <= 1 && (x > 0 || alive === 1);
      }),
    );
  });

  it('E[Y(t) | x, t_x, T] is finite, ≥ 0 and non-decreasing in t', () => {
    const horizons = [0, 0.5, 1, 4, 13, 26, 52, 104];
    fc.assert(
      fc.property(params, history, (p, [x, tx, T]) => {
        const ys = bgnbdConditionalExpectedPurchases(p, col(x), col(tx), col(T), horizons).map(
          (c) => c[0] ?? Number.NaN,
        );
        return ys.every(
          (y, i) => Number.isFinite(y) && y >= 0 && (i === 0 || y >= (ys[i - 1] ?? 0) * (1 - 1e-12)),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('fitBgNbd', () => {
  // Synthetic purchases booked on hourly ticks (α per hour = 24 × per day), so that day-level merging
  // of purchases does not bias the check; fitted with timeUnit 24 → parameters per day.
  const HOURS = 24;
  const truth: BgNbdParams = { r: 0.5, alpha: 20, a: 0.8, b: 2.5 };
  const data = generateClvData({
    customers: 20_000,
    seed: 3,
    bgnbd: { ...truth, alpha: truth.alpha * HOURS },
    spend: { p: 6, q: 4, gamma: 15 },
    firstPurchaseSpanDays: 2 * 365 * HOURS,
    asOfDay: 2 * 365 * HOURS,
  });
  const s = summarisePurchases(data, data.customerCount, 2 * 365 * HOURS);
  const rows = validPurchaseRows(s.x, s.tx, s.T).rows;

  it('recovers the parameters of synthetic BG/NBD data (20,000 customers, within 10 %)', () => {
    const fit = fitBgNbd(s.x, s.tx, s.T, rows, { timeUnit: HOURS });
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relativeError(fit.params[k], truth[k])).toBeLessThan(0.1);
  });

  it('reaches the same optimum with and without the subsample warm start', () => {
    const cold = fitBgNbd(s.x, s.tx, s.T, rows, { timeUnit: HOURS, warmStartCustomers: 0 });
    const warm = fitBgNbd(s.x, s.tx, s.T, rows, { timeUnit: HOURS, warmStartCustomers: 2_000 });
    expect(warm.warmStartIterations).toBeGreaterThan(0);
    expect(cold.warmStartIterations).toBe(0);
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relativeError(warm.params[k], cold.params[k])).toBeLessThan(1e-5);
  });

  it('reports an exhausted iteration budget without throwing', () => {
    const fit = fitBgNbd(s.x, s.tx, s.T, rows, { timeUnit: HOURS, maxIterations: 2, warmStartCustomers: 0 });
    expect(fit).toMatchObject({ converged: false, stopReason: 'maxIterations' });
  });
});
