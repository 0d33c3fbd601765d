import { bgnbdConditionalTable, bgnbdProbabilityAlive } from './bgnbdPredict.js';
import { isValidHistory } from './bgnbdGroups.js';
import { clvConfigSchema, DAYS_PER_MONTH, type ClvConfigInput } from './clvConfig.js';
import type { ClvInput } from './clvInput.js';
import {
  discountedValue,
  historicalValue,
  historicalValuePerYear,
  marginShare,
  monthlyDiscountFactors,
} from './clvValue.js';
import type { ClvFit } from './fitClv.js';
import { gammaGammaExpectedValue } from './gammaGamma.js';

/** Per customer, same order as the input. NaN = missing (see `predictClv`); never ±Infinity. */
export interface ClvPrediction {
  readonly pAlive: Float64Array;
  /** Expected purchase days in the next `expectedHorizonDays`. */
  readonly expectedPurchases: Float64Array;
  /** Expected spend per purchase day (Gamma-Gamma). */
  readonly expectedValue: Float64Array;
  /** Discounted expected margin (revenue where the margin is unknown) over `horizonMonths`. */
  readonly clvPredicted: Float64Array;
  /** Lifetime margin (revenue where the margin is unknown) to date. */
  readonly clvHistorical: Float64Array;
  /** clvHistorical per year of tenure (tenure under a year counts as one). */
  readonly clvHistoricalPerYear: Float64Array;
}

/**
 * Predicts per customer from a `fitClv` result. Missing (NaN) outputs:
 * - pAlive, expectedPurchases: for customers without a valid purchase history, and for everyone when
 *   BG/NBD fell back (we do not invent a churn probability the data could not support).
 * - expectedValue: without a valid history; with Gamma-Gamma fallen back it is the customer's own m̄
 *   (x > 0) or the mean m̄ of repeat customers (x = 0), NaN when there is none.
 * - clvPredicted: BG/NBD expected purchases × expected value × margin share, discounted monthly. When
 *   BG/NBD fell back: the historical run rate, clvHistoricalPerYear/12 per month, discounted the same
 *   way. NaN when the needed inputs are missing. Never negative.
 * - clvHistorical, clvHistoricalPerYear: NaN when neither lifetime margin nor revenue is given.
 */
export function predictClv(fit: ClvFit, input: ClvInput, configInput: ClvConfigInput = {}): ClvPrediction {
  const config = clvConfigSchema.parse(configInput);
  const n = input.x.length;
  const column = (c: Float64Array | undefined): Float64Array => c ?? new Float64Array(n).fill(Number.NaN);
  const revenue = column(input.lifetimeRevenue);
  const margin = column(input.lifetimeMargin);
  const rate = column(input.marginRate);
  const tenure = input.tenureDays ?? input.T;
  const discount = monthlyDiscountFactors(config.horizonMonths, config.monthlyDiscountRate);

  const clvHistorical = new Float64Array(n);
  const clvHistoricalPerYear = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    clvHistorical[i] = historicalValue(revenue[i]!, margin[i]!);
    clvHistoricalPerYear[i] = historicalValuePerYear(clvHistorical[i]!, tenure[i]!);
  }

  const expectedValue = fit.gammaGamma
    ? gammaGammaExpectedValue(fit.gammaGamma, input.x, input.mbar)
    : fallbackSpend(input, fit.meanRepeatSpend);
  for (let i = 0; i < n; i++) {
    if (!isValidHistory(input.x[i]!, input.tx[i]!, input.T[i]!)) expectedValue[i] = Number.NaN;
  }
  let pAlive: Float64Array;
  const expectedPurchases = new Float64Array(n).fill(Number.NaN);
  const clvPredicted = new Float64Array(n).fill(Number.NaN);

  if (fit.bgnbd) {
    const unit = fit.timeUnitDays;
    // Plain loops: TypedArray.map calls a closure per element.
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      tx[i] = input.tx[i]! / unit;
      T[i] = input.T[i]! / unit;
    }
    const horizons = [config.expectedHorizonDays / unit];
    for (let m = 1; m <= config.horizonMonths; m++) horizons.push((m * DAYS_PER_MONTH) / unit);
    const H = horizons.length;
    // Per distinct (x, T): expected purchases over the short horizon, and the discounted expected
    // number of purchases over the CLV horizon; P(alive) scales both per customer.
    // Grouped by T in days: T/unit is equal wherever T is, and whole days group without hashing.
    const table = bgnbdConditionalTable(fit.bgnbd, input.x, tx, T, horizons, input.T);
    const groups = table.values.length / H;
    const discountedPurchases = new Float64Array(groups);
    for (let g = 0; g < groups; g++) {
      discountedPurchases[g] = discountedValue(1, table.values.subarray(g * H + 1, (g + 1) * H), discount);
    }
    // NaN for rows without a valid history, as everywhere when BG/NBD fell back.
    pAlive = bgnbdProbabilityAlive(fit.bgnbd, input.x, tx, T);
    for (let k = 0; k < table.rows.length; k++) {
      const i = table.rows[k]!;
      const g = table.groupOf[k]!;
      const alive = pAlive[i]!;
      const share = marginShare(rate[i]!, revenue[i]!, margin[i]!);
      expectedPurchases[i] = alive * table.values[g * H]!;
      clvPredicted[i] = Math.max(0, alive * discountedPurchases[g]! * expectedValue[i]! * share);
    }
  } else {
    pAlive = new Float64Array(n).fill(Number.NaN);
    let annuity = 0;
    for (const f of discount) annuity += f;
    for (let i = 0; i < n; i++) clvPredicted[i] = Math.max(0, (clvHistoricalPerYear[i]! / 12) * annuity);
  }

  const outputs = {
    pAlive,
    expectedPurchases,
    expectedValue,
    clvPredicted,
    clvHistorical,
    clvHistoricalPerYear,
  };
  for (const values of Object.values(outputs)) {
    // The contract: NaN for missing, never ±Infinity (a guard; the models do not produce it).
    for (let i = 0; i < n; i++) if (!Number.isFinite(values[i]!)) values[i] = Number.NaN;
  }
  return outputs;
}

/** Expected spend without Gamma-Gamma: the customer's own m̄, else the mean m̄ of repeat customers. */
function fallbackSpend(input: ClvInput, meanRepeatSpend: number): Float64Array {
  const { x, mbar } = input;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const own = mbar[i]!;
    out[i] = x[i]! > 0 && own > 0 && Number.isFinite(own) ? own : meanRepeatSpend;
  }
  return out;
}
