import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relativeError } from '../math/relativeError.js';
import { CDNOW_CALIBRATION_END, loadCdnowSummary, loadCdnowTransactions } from './fixtures/cdnow.js';
import {
  fitGammaGamma,
  gammaGammaExpectedValue,
  repeatSpendRows,
  type GammaGammaParams,
} from './gammaGamma.js';
import { summarisePurchases } from './summarisePurchases.js';
import { generateClvData } from './syntheticClv.js';

/** The published CDNOW fit (lifetimes' GammaGammaFitter on the 946 repeat customers). */
const PUBLISHED: GammaGammaParams = { p: 6.2488, q: 3.7446, gamma: 15.4477 };

const expectPublished = (params: GammaGammaParams): void => {
  for (const k of ['p', 'q', 'gamma'] as const)
    expect(relativeError(params[k], PUBLISHED[k])).toBeLessThan(1e-3);
};

describe('Gamma-Gamma on CDNOW', () => {
  it('fits p = 6.2488, q = 3.7446, γ = 15.4477 on the published summary (946 repeat customers)', () => {
    const s = loadCdnowSummary();
    const rows = repeatSpendRows(s.x, s.zbar);
    expect(rows.length).toBe(946);
    const fit = fitGammaGamma(s.x, s.zbar, rows);
    expect(fit.converged).toBe(true);
    expectPublished(fit.params);
  });

  it('fits the same from the raw transactions (unrounded m̄)', () => {
    const t = loadCdnowTransactions();
    const s = summarisePurchases(t, t.customerCount, CDNOW_CALIBRATION_END);
    const fit = fitGammaGamma(s.x, s.mbar, repeatSpendRows(s.x, s.mbar));
    expect(fit.converged).toBe(true);
    expectPublished(fit.params);
  });
});

describe('gammaGammaExpectedValue', () => {
  it('is p(γ + x m̄)/(px + q − 1) for repeat customers and pγ/(q − 1) otherwise', () => {
    const v = gammaGammaExpectedValue(
      PUBLISHED,
      Float64Array.of(2, 0, Number.NaN, 3),
      Float64Array.of(22.35, Number.NaN, 5, Number.NaN),
    );
    const { p, q, gamma } = PUBLISHED;
    expect(v[0]).toBeCloseTo((p * (gamma + 2 * 22.35)) / (2 * p + q - 1), 12);
    expect(v[1]).toBeCloseTo((p * gamma) / (q - 1), 12);
    expect(v[2]).toBeNaN();
    expect(v[3]).toBeCloseTo((p * gamma) / (q - 1), 12); // x > 0 without m̄: population mean
  });

  it('is NaN for customers without m̄ when q ≤ 1 (no population mean)', () => {
    const v = gammaGammaExpectedValue(
      { p: 2, q: 0.8, gamma: 10 },
      Float64Array.of(0, 4),
      Float64Array.of(Number.NaN, 20),
    );
    expect(v[0]).toBeNaN();
    expect(v[1]).toBeCloseTo((2 * (10 + 80)) / (8 + 0.8 - 1), 12);
  });

  it('lies between the population mean and m̄ (a credibility-weighted mean)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.double({ min: 1.01, max: 20, noNaN: true }),
        fc.double({ min: 0.1, max: 1e3, noNaN: true }),
        (x, m, p, q, gamma) => {
          const value =
            gammaGammaExpectedValue({ p, q, gamma }, Float64Array.of(x), Float64Array.of(m))[0] ?? Number.NaN;
          const population = (p * gamma) / (q - 1);
          const tolerance = 1e-9 * Math.max(m, population);
          return value >= Math.min(m, population) - tolerance && value <= Math.max(m, population) + tolerance;
        },
      ),
    );
  });
});

describe('fitGammaGamma', () => {
  it('recovers the spend parameters of synthetic data (within 15 %)', () => {
    const truth: GammaGammaParams = { p: 6, q: 4, gamma: 15 };
    const data = generateClvData({
      customers: 20_000,
      seed: 3,
      bgnbd: { r: 0.5, alpha: 20, a: 0.8, b: 2.5 },
      spend: truth,
      firstPurchaseSpanDays: 730,
      asOfDay: 730,
    });
    const s = summarisePurchases(data, data.customerCount, 730);
    const fit = fitGammaGamma(s.x, s.mbar, repeatSpendRows(s.x, s.mbar));
    expect(fit.converged).toBe(true);
    for (const k of ['p', 'q', 'gamma'] as const)
      expect(relativeError(fit.params[k], truth[k])).toBeLessThan(0.15);
  });

  it('uses only repeat customers with a positive finite m̄', () => {
    const rows = repeatSpendRows(
      Float64Array.of(0, 1, 2, 3, Number.NaN, 2, 1.5),
      Float64Array.of(5, 5, 0, Number.NaN, 5, Number.POSITIVE_INFINITY, 5),
    );
    expect(Array.from(rows)).toEqual([1]);
  });
});
