import { fitBgNbd, type BgNbdFit } from './bgnbdFit.js';
import { validPurchaseRows } from './bgnbdGroups.js';
import type { BgNbdParams } from './bgnbdParams.js';
import { clvConfigSchema, type ClvConfig, type ClvConfigInput } from './clvConfig.js';
import type { ClvInput } from './clvInput.js';
import { CLV_REASONS, type ClvReason } from './clvReasons.js';
import { fitGammaGamma, repeatSpendRows, type GammaGammaFit, type GammaGammaParams } from './gammaGamma.js';

export interface ClvDiagnostics {
  readonly status: 'ok' | 'fallback';
  readonly reasons: readonly ClvReason[];
  /** Model time unit in days; BG/NBD α is per this unit. */
  readonly timeUnitDays: number;
  /** Input rows. */
  readonly customers: number;
  /** Rows with a valid purchase history (used by BG/NBD). */
  readonly customersUsed: number;
  readonly customersWithoutPurchases: number;
  readonly invalidRows: number;
  /** Valid rows with x > 0. */
  readonly repeatCustomers: number;
  /** The BG/NBD optimisation, when it ran (also when its result was rejected). */
  readonly bgnbd: BgNbdFit | null;
  /** The Gamma-Gamma optimisation, when it ran. */
  readonly gammaGamma: GammaGammaFit | null;
}

export interface ClvFit {
  readonly timeUnitDays: number;
  /** Null when BG/NBD fell back: p_alive and expected purchases are then missing (NaN). */
  readonly bgnbd: BgNbdParams | null;
  /** Null when Gamma-Gamma fell back: expected value is then the customer's own m̄ or `meanRepeatSpend`. */
  readonly gammaGamma: GammaGammaParams | null;
  /** Mean m̄ over repeat customers (NaN if none). */
  readonly meanRepeatSpend: number;
  readonly diagnostics: ClvDiagnostics;
}

/**
 * Fits BG/NBD and Gamma-Gamma to the customers' purchase summaries (days). Never throws on data:
 * whatever cannot be fitted is reported in `diagnostics.reasons` and falls back (see `predictClv`).
 * Throws only for an invalid config.
 */
export function fitClv(input: ClvInput, configInput: ClvConfigInput = {}): ClvFit {
  const config = clvConfigSchema.parse(configInput);
  const { x, tx, T, mbar } = input;
  const reasons: ClvReason[] = [];
  const valid = validPurchaseRows(x, tx, T);
  if (valid.invalid > 0) reasons.push('INVALID_ROWS');
  let repeatCustomers = 0;
  let maxT = 0;
  // Index loops, not for…of: this runs once per grade, mostly before V8 optimises it, and the
  // iterator would allocate a result object per row.
  for (let k = 0; k < valid.rows.length; k++) {
    const i = valid.rows[k]!;
    if (x[i]! > 0) repeatCustomers++;
    maxT = Math.max(maxT, T[i]!);
  }

  const bgnbdBlocker = dataBlocker(valid.rows.length, repeatCustomers, maxT, config);
  let bgnbdRun: BgNbdFit | null = null;
  let bgnbd: BgNbdParams | null = null;
  if (bgnbdBlocker) {
    reasons.push(bgnbdBlocker);
  } else {
    bgnbdRun = fitBgNbd(x, tx, T, valid.rows, {
      timeUnit: config.timeUnitDays,
      maxIterations: config.maxIterations,
      warmStartCustomers: config.warmStartCustomers,
    });
    const { r, alpha, a, b } = bgnbdRun.params;
    if (degenerate([r, alpha, a, b], bgnbdRun.logLikelihood)) reasons.push('BGNBD_DEGENERATE');
    else if (!bgnbdRun.converged) reasons.push('BGNBD_NOT_CONVERGED');
    else bgnbd = bgnbdRun.params;
  }

  const spendRows = repeatSpendRows(x, mbar);
  let meanRepeatSpend = spendRows.length > 0 ? 0 : Number.NaN;
  for (let k = 0; k < spendRows.length; k++) meanRepeatSpend += mbar[spendRows[k]!]! / spendRows.length;
  let spendRun: GammaGammaFit | null = null;
  let gammaGamma: GammaGammaParams | null = null;
  if (spendRows.length < config.minRepeatCustomers) {
    reasons.push('GAMMA_GAMMA_TOO_FEW');
  } else {
    spendRun = fitGammaGamma(x, mbar, spendRows, {
      maxIterations: config.maxIterations,
      warmStartCustomers: config.warmStartCustomers,
    });
    const { p, q, gamma } = spendRun.params;
    if (degenerate([p, q, gamma], spendRun.logLikelihood)) reasons.push('GAMMA_GAMMA_DEGENERATE');
    else if (!spendRun.converged) reasons.push('GAMMA_GAMMA_NOT_CONVERGED');
    else if (!(q > 1)) reasons.push('GAMMA_GAMMA_Q_NOT_ABOVE_ONE');
    else gammaGamma = spendRun.params;
  }

  const fellBack = reasons.some((r) => CLV_REASONS[r] === 'fallback');
  return {
    timeUnitDays: config.timeUnitDays,
    bgnbd,
    gammaGamma,
    meanRepeatSpend,
    diagnostics: {
      status: fellBack ? 'fallback' : 'ok',
      reasons,
      timeUnitDays: config.timeUnitDays,
      customers: x.length,
      customersUsed: valid.rows.length,
      customersWithoutPurchases: valid.withoutPurchases,
      invalidRows: valid.invalid,
      repeatCustomers,
      bgnbd: bgnbdRun,
      gammaGamma: spendRun,
    },
  };
}

/** The reason the data cannot support a BG/NBD fit, if any. */
function dataBlocker(
  customers: number,
  repeatCustomers: number,
  maxT: number,
  config: ClvConfig,
): ClvReason | null {
  if (customers < config.minCustomers) return 'TOO_FEW_CUSTOMERS';
  if (maxT <= 0) return 'NO_OBSERVATION_TIME';
  if (repeatCustomers === 0) return 'NO_REPEAT_BUYERS';
  if (repeatCustomers < config.minRepeatCustomers) return 'TOO_FEW_REPEAT_BUYERS';
  return null;
}

/**
 * An optimum that is not finite, or sits at the edge of the parameter space (a parameter beyond
 * 1e±8): the data do not identify the model (e.g. identical spend everywhere sends Gamma-Gamma's p, q
 * to infinity), and at such values the series behind the predictions lose their precision.
 */
function degenerate(params: readonly number[], logLikelihood: number): boolean {
  return !Number.isFinite(logLikelihood) || params.some((v) => !(v > 1e-8 && v < 1e8));
}
