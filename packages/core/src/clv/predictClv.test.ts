import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeError } from '../math/relativeError.js';
import type { BgNbdParams } from './bgnbdParams.js';
import { bgnbdConditionalExpectedPurchases, bgnbdProbabilityAlive } from './bgnbdPredict.js';
import { DAYS_PER_MONTH } from './clvConfig.js';
import type { ClvInput } from './clvInput.js';
import type { ClvFit } from './fitClv.js';
import type { GammaGammaParams } from './gammaGamma.js';
import { predictClv } from './predictClv.js';

const BGNBD: BgNbdParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }; // weeks
const SPEND: GammaGammaParams = { p: 6.2488, q: 3.7446, gamma: 15.4477 };

/** A fit with known parameters (weeks), so predictions can be checked by hand. */
const FIT: ClvFit = {
  timeUnitDays: 7,
  bgnbd: BGNBD,
  gammaGamma: SPEND,
  meanRepeatSpend: 35,
  diagnostics: {
    status: 'ok',
    reasons: [],
    timeUnitDays: 7,
    customers: 0,
    customersUsed: 0,
    customersWithoutPurchases: 0,
    invalidRows: 0,
    repeatCustomers: 0,
    bgnbd: null,
    gammaGamma: null,
  },
};

const col = (...v: number[]): Float64Array => Float64Array.from(v);

/** CDNOW customer 1: x = 2, t_x = 30.43 weeks, T = 38.86 weeks, m̄ = 22.35, in days. */
const CUSTOMER_1: ClvInput = {
  x: col(2),
  tx: col(30.43 * 7),
  T: col(38.86 * 7),
  mbar: col(22.35),
  lifetimeRevenue: col(80),
};

describe('predictClv', () => {
  it('computes Σ value · ΔE[purchases in month i] / (1+d)^i with the Gamma-Gamma value', () => {
    const out = predictClv(FIT, CUSTOMER_1, { horizonMonths: 12, monthlyDiscountRate: 0.01 });
    const months = Array.from({ length: 13 }, (_, i) => (i * DAYS_PER_MONTH) / 7);
    const cumulative = bgnbdConditionalExpectedPurchases(BGNBD, col(2), col(30.43), col(38.86), months).map(
      (c) => c[0] ?? Number.NaN,
    );
    const value = (SPEND.p * (SPEND.gamma + 2 * 22.35)) / (SPEND.p * 2 + SPEND.q - 1);
    let expected = 0;
    for (let i = 1; i <= 12; i++)
      expected += (value * ((cumulative[i] ?? 0) - (cumulative[i - 1] ?? 0))) / 1.01 ** i;
    expect(relativeError(out.clvPredicted[0] ?? 0, expected)).toBeLessThan(1e-12);
    expect(relativeError(out.expectedValue[0] ?? 0, value)).toBeLessThan(1e-12);
    expect(out.pAlive[0]).toBeCloseTo(
      bgnbdProbabilityAlive(BGNBD, col(2), col(30.43), col(38.86))[0] ?? 0,
      12,
    );
    expect(out.clvHistorical[0]).toBe(80);
  });

  it('gives expected purchases over expectedHorizonDays', () => {
    const out = predictClv(FIT, CUSTOMER_1, { expectedHorizonDays: 273 });
    const [y] = bgnbdConditionalExpectedPurchases(BGNBD, col(2), col(30.43), col(38.86), [39]);
    expect(relativeError(out.expectedPurchases[0] ?? 0, 1.226)).toBeLessThan(1e-3); // FHL 2005
    expect(out.expectedPurchases[0]).toBeCloseTo(y?.[0] ?? 0, 12);
  });

  it('is value × E[purchases in the horizon] without discounting', () => {
    const out = predictClv(FIT, CUSTOMER_1, { horizonMonths: 6, monthlyDiscountRate: 0 });
    const [y] = bgnbdConditionalExpectedPurchases(BGNBD, col(2), col(30.43), col(38.86), [
      (6 * DAYS_PER_MONTH) / 7,
    ]);
    expect(relativeError(out.clvPredicted[0] ?? 0, (out.expectedValue[0] ?? 0) * (y?.[0] ?? 0))).toBeLessThan(
      1e-12,
    );
  });

  it.each([
    ['a margin rate', { marginRate: col(0.3) }, 0.3],
    ['lifetime margin and revenue', { lifetimeMargin: col(20), lifetimeRevenue: col(80) }, 0.25],
    ['an unknown margin (NaN): revenue', { marginRate: col(Number.NaN) }, 1],
    ['a loss-making customer: zero', { lifetimeMargin: col(-10), lifetimeRevenue: col(80) }, 0],
  ])('multiplies by the margin share given %s', (_, extra, share) => {
    const revenueBased = predictClv(FIT, CUSTOMER_1).clvPredicted[0] ?? 0;
    const out = predictClv(FIT, { ...CUSTOMER_1, ...extra });
    expect(out.clvPredicted[0]).toBeCloseTo(revenueBased * share, 10);
  });

  it('uses lifetime margin for historical CLV when known, per year of tenure', () => {
    const out = predictClv(FIT, { ...CUSTOMER_1, lifetimeMargin: col(30), tenureDays: col(3 * 365.25) });
    expect(out.clvHistorical[0]).toBe(30);
    expect(out.clvHistoricalPerYear[0]).toBeCloseTo(10, 12);
  });

  it('uses the customer’s own m̄ (or the mean m̄) when Gamma-Gamma fell back', () => {
    const fit = { ...FIT, gammaGamma: null };
    const out = predictClv(fit, {
      ...CUSTOMER_1,
      x: col(2, 0),
      tx: col(213, 0),
      T: col(272, 100),
      mbar: col(22.35, Number.NaN),
    });
    expect(Array.from(out.expectedValue)).toEqual([22.35, 35]);
  });

  const history = fc
    .tuple(
      fc.integer({ min: 0, max: 50 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 2000, noNaN: true }),
      fc.double({ min: 0.01, max: 1e5, noNaN: true }),
      fc.oneof(fc.constant(Number.NaN), fc.double({ min: -2, max: 3, noNaN: true })),
    )
    .map(([x, share, T, m, rate]) => ({
      x,
      tx: x === 0 ? 0 : share * T,
      T,
      m: x > 0 ? m : Number.NaN,
      rate,
    }));

  it('predicts finite, non-negative CLV, non-decreasing in the horizon', () => {
    fc.assert(
      fc.property(
        fc.array(history, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 36 }),
        (rows, months) => {
          const input: ClvInput = {
            x: Float64Array.from(rows, (r) => r.x),
            tx: Float64Array.from(rows, (r) => r.tx),
            T: Float64Array.from(rows, (r) => r.T),
            mbar: Float64Array.from(rows, (r) => r.m),
            marginRate: Float64Array.from(rows, (r) => r.rate),
          };
          const shorter = predictClv(FIT, input, { horizonMonths: months }).clvPredicted;
          const longer = predictClv(FIT, input, { horizonMonths: months + 1 }).clvPredicted;
          return shorter.every((v, i) => Number.isFinite(v) && v >= 0 && (longer[i] ?? 0) >= v * (1 - 1e-12));
        },
      ),
      { numRuns: 100 },
    );
  });
});
