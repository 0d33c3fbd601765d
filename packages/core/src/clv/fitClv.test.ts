import { describe, expect, it } from 'vitest';
import { relativeError } from '../math/relativeError.js';
import { isValidHistory } from './bgnbdGroups.js';
import { clvConfigSchema, type ClvConfigInput } from './clvConfig.js';
import type { ClvInput } from './clvInput.js';
import { CLV_REASONS, type ClvReason } from './clvReasons.js';
import { fitClv, type ClvFit } from './fitClv.js';
import { CDNOW_CALIBRATION_END, loadCdnowTransactions } from './fixtures/cdnow.js';
import { predictClv, type ClvPrediction } from './predictClv.js';
import { summarisePurchases } from './summarisePurchases.js';
import { generateClvData } from './syntheticClv.js';

/** Rows of [x, t_x, T, m̄] in days, lifetime revenue 100 each. */
function inputOf(rows: readonly (readonly [number, number, number, number])[]): ClvInput {
  return {
    x: Float64Array.from(rows, (r) => r[0]),
    tx: Float64Array.from(rows, (r) => r[1]),
    T: Float64Array.from(rows, (r) => r[2]),
    mbar: Float64Array.from(rows, (r) => r[3]),
    lifetimeRevenue: new Float64Array(rows.length).fill(100),
  };
}

const repeat = (n: number, row: readonly [number, number, number, number]): (typeof row)[] =>
  Array.from({ length: n }, () => row);
const spread = (
  n: number,
  f: (i: number) => readonly [number, number, number, number],
): ReturnType<typeof f>[] => Array.from({ length: n }, (_, i) => f(i));

function synthetic(spend = { p: 6, q: 4, gamma: 15 }): ClvInput {
  const d = generateClvData({
    customers: 3_000,
    seed: 5,
    bgnbd: { r: 0.5, alpha: 20, a: 0.8, b: 2.5 },
    spend,
    firstPurchaseSpanDays: 730,
    asOfDay: 730,
  });
  return { ...summarisePurchases(d, d.customerCount, 730), lifetimeRevenue: d.lifetimeRevenue };
}

/**
 * The documented output contract, row by row: never ±Infinity; NaN only where `predictClv` says so.
 */
function expectContract(fit: ClvFit, input: ClvInput, out: ClvPrediction): void {
  const columns = [
    out.pAlive,
    out.expectedPurchases,
    out.expectedValue,
    out.clvPredicted,
    out.clvHistorical,
    out.clvHistoricalPerYear,
  ];
  for (const values of columns) expect(values.every((v) => Number.isFinite(v) || Number.isNaN(v))).toBe(true);
  for (let i = 0; i < input.x.length; i++) {
    const valid = isValidHistory(
      input.x[i] ?? Number.NaN,
      input.tx[i] ?? Number.NaN,
      input.T[i] ?? Number.NaN,
    );
    const modelled = valid && fit.bgnbd !== null;
    expect(Number.isNaN(out.pAlive[i] ?? 0)).toBe(!modelled);
    expect(Number.isNaN(out.expectedPurchases[i] ?? 0)).toBe(!modelled);
    if (modelled) expect(out.pAlive[i]).toBeGreaterThanOrEqual(0);
    if (modelled) expect(out.pAlive[i]).toBeLessThanOrEqual(1);
    const historical = input.lifetimeRevenue?.[i] ?? Number.NaN;
    expect(Number.isNaN(out.clvHistorical[i] ?? 0)).toBe(Number.isNaN(historical));
    const predicted = out.clvPredicted[i] ?? Number.NaN;
    if (!Number.isNaN(predicted)) expect(predicted).toBeGreaterThanOrEqual(0);
    const tenure = input.tenureDays?.[i] ?? input.T[i] ?? Number.NaN;
    expect(Number.isNaN(out.clvHistoricalPerYear[i] ?? 0)).toBe(Number.isNaN(historical) || !(tenure >= 0));
    const predictable = fit.bgnbd
      ? valid && Number.isFinite(out.expectedValue[i] ?? Number.NaN)
      : Number.isFinite(out.clvHistoricalPerYear[i] ?? Number.NaN);
    expect(Number.isNaN(predicted)).toBe(!predictable);
  }
}

describe('fitClv / predictClv on degenerate data', () => {
  const base = synthetic();
  const cases: readonly [string, () => ClvInput, ClvConfigInput, readonly ClvReason[]][] = [
    ['no customers', () => inputOf([]), {}, ['TOO_FEW_CUSTOMERS', 'GAMMA_GAMMA_TOO_FEW']],
    [
      'a handful of customers',
      () => inputOf(repeat(5, [3, 40, 100, 20])),
      {},
      ['TOO_FEW_CUSTOMERS', 'GAMMA_GAMMA_TOO_FEW'],
    ],
    [
      'only customers without purchases',
      () => inputOf(repeat(100, [Number.NaN, Number.NaN, Number.NaN, Number.NaN])),
      {},
      ['TOO_FEW_CUSTOMERS', 'GAMMA_GAMMA_TOO_FEW'],
    ],
    [
      'no repeat buyers',
      () => inputOf(spread(200, (i) => [0, 0, i, Number.NaN])),
      {},
      ['NO_REPEAT_BUYERS', 'GAMMA_GAMMA_TOO_FEW'],
    ],
    [
      'all purchases on the as-of day',
      () => inputOf(repeat(200, [0, 0, 0, Number.NaN])),
      {},
      ['NO_OBSERVATION_TIME', 'GAMMA_GAMMA_TOO_FEW'],
    ],
    [
      'three repeat buyers',
      () => inputOf(spread(200, (i) => (i < 3 ? [2, 30, 200, 15] : [0, 0, i, Number.NaN]))),
      {},
      ['TOO_FEW_REPEAT_BUYERS', 'GAMMA_GAMMA_TOO_FEW'],
    ],
    [
      'the optimiser out of iterations',
      () => base,
      { maxIterations: 1 },
      ['BGNBD_NOT_CONVERGED', 'GAMMA_GAMMA_NOT_CONVERGED'],
    ],
    [
      'heavy-tailed spend (q ≤ 1)',
      () => synthetic({ p: 2, q: 0.6, gamma: 15 }),
      {},
      ['GAMMA_GAMMA_Q_NOT_ABOVE_ONE'],
    ],
    [
      'identical spend for everyone',
      () => ({ ...base, mbar: base.mbar.map((m) => (m > 0 ? 10 : m)) }),
      {},
      ['GAMMA_GAMMA_DEGENERATE'],
    ],
    [
      'NaN and inconsistent rows among good ones',
      () => {
        const bad = [
          [Number.NaN, 0, 10, Number.NaN],
          [2, 50, 40, 10], // t_x > T
          [-1, 0, 10, Number.NaN],
          [1.5, 3, 10, 10],
          [0, 5, 10, Number.NaN], // x = 0 with t_x > 0
          [1, 1, Number.POSITIVE_INFINITY, 10],
          [1, Number.NaN, 10, 10],
        ] as const;
        const join = (k: 'x' | 'tx' | 'T' | 'mbar', j: number): Float64Array =>
          Float64Array.from([...base[k], ...bad.map((r) => r[j] ?? 0)]);
        return {
          x: join('x', 0),
          tx: join('tx', 1),
          T: join('T', 2),
          mbar: join('mbar', 3),
          lifetimeRevenue: Float64Array.from([...(base.lifetimeRevenue ?? []), ...bad.map(() => Number.NaN)]),
        };
      },
      {},
      ['INVALID_ROWS'],
    ],
  ];

  it.each(cases)('%s', (_, make, config, reasons) => {
    const input = make();
    const fit = fitClv(input, config);
    expect(fit.diagnostics.reasons).toEqual(reasons);
    const fellBack = reasons.some((r) => CLV_REASONS[r] === 'fallback');
    expect(fit.diagnostics.status).toBe(fellBack ? 'fallback' : 'ok');
    expectContract(fit, input, predictClv(fit, input, config));
  });

  it('counts customers without purchases and invalid rows apart', () => {
    const input = inputOf([
      [Number.NaN, Number.NaN, Number.NaN, Number.NaN],
      [2, 50, 40, 10],
      [1, 5, 10, 20],
    ]);
    expect(fitClv(input).diagnostics).toMatchObject({
      customers: 3,
      customersUsed: 1,
      customersWithoutPurchases: 1,
      invalidRows: 1,
      repeatCustomers: 1,
    });
  });

  it('falls back to the historical run rate for predicted CLV, and leaves p_alive missing', () => {
    const input = inputOf([[0, 0, 730.5, Number.NaN]]);
    const out = predictClv(fitClv(input), input, { horizonMonths: 12, monthlyDiscountRate: 0 });
    expect(out.pAlive[0]).toBeNaN();
    expect(out.clvHistoricalPerYear[0]).toBeCloseTo(50, 12); // 100 over two years
    expect(out.clvPredicted[0]).toBeCloseTo(50, 12); // a year at that rate, undiscounted
  });
});

describe('fitClv on CDNOW (days in, weeks as the model unit)', () => {
  const t = loadCdnowTransactions();
  const s = summarisePurchases(t, t.customerCount, CDNOW_CALIBRATION_END, { zeroAmountIsPurchase: true });
  const fit = fitClv(s);

  it('fits the published BG/NBD and Gamma-Gamma parameters within 0.1 %', () => {
    expect(fit.diagnostics).toMatchObject({
      status: 'ok',
      reasons: [],
      timeUnitDays: 7,
      customersUsed: 2357,
      repeatCustomers: 946,
    });
    const published = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
    for (const k of ['r', 'alpha', 'a', 'b'] as const)
      expect(relativeError(fit.bgnbd?.[k] ?? 0, published[k])).toBeLessThan(1e-3);
    expect(relativeError(fit.diagnostics.bgnbd?.logLikelihood ?? 0, -9582.43)).toBeLessThan(1e-3);
    const spend = { p: 6.2488, q: 3.7446, gamma: 15.4477 };
    for (const k of ['p', 'q', 'gamma'] as const)
      expect(relativeError(fit.gammaGamma?.[k] ?? 0, spend[k])).toBeLessThan(1e-3);
    expect(fit.diagnostics.gammaGamma?.customers).toBe(946);
  });

  it('predicts finite, non-negative values for every customer', () => {
    const out = predictClv(fit, s);
    for (const k of ['pAlive', 'expectedPurchases', 'expectedValue', 'clvPredicted'] as const) {
      expect(out[k].every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    }
    // No lifetime revenue given: historical CLV is missing.
    expect(out.clvHistorical.every(Number.isNaN)).toBe(true);
  });
});

describe('clvConfigSchema', () => {
  it('has the documented defaults', () => {
    expect(clvConfigSchema.parse({})).toEqual({
      horizonMonths: 12,
      monthlyDiscountRate: 0.01,
      expectedHorizonDays: 90,
      timeUnitDays: 7,
      minCustomers: 30,
      minRepeatCustomers: 10,
      maxIterations: 300,
      warmStartCustomers: 50_000,
    });
  });

  it.each([
    { horizonMonths: 0 },
    { horizonMonths: 1.5 },
    { monthlyDiscountRate: -0.1 },
    { expectedHorizonDays: 0 },
    { timeUnitDays: 0 },
  ])('rejects %j', (config) => expect(clvConfigSchema.safeParse(config).success).toBe(false));
});
