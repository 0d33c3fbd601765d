import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';

/**
 * Per-customer CLV input, columnar, times in days (see FeatureMatrix `clv_*`). NaN means missing:
 * x = NaN is a customer without a purchase yet.
 */
export interface ClvInput {
  /** Repeat purchase days. */
  readonly x: Float64Array;
  /** Days from first to last purchase day. */
  readonly tx: Float64Array;
  /** Days from first purchase day to the as-of day. */
  readonly T: Float64Array;
  /** Mean spend per repeat purchase day (NaN when x = 0). */
  readonly mbar: Float64Array;
  readonly lifetimeRevenue?: Float64Array;
  /** NaN where the margin is unknown. */
  readonly lifetimeMargin?: Float64Array;
  /** Margin / revenue; when absent, derived from the lifetime columns. NaN = unknown (use revenue). */
  readonly marginRate?: Float64Array;
  /** Tenure for historical CLV per year; defaults to T. */
  readonly tenureDays?: Float64Array;
}

/** The CLV input from a FeatureMatrix's `clv_*`, `lifetime_*` and `tenure_days` columns. */
export function clvInputFromMatrix(matrix: FeatureMatrix): ClvInput {
  return {
    x: column(matrix, 'clv_x'),
    tx: column(matrix, 'clv_tx'),
    T: column(matrix, 'clv_T'),
    mbar: column(matrix, 'clv_mbar'),
    lifetimeRevenue: column(matrix, 'lifetime_revenue'),
    lifetimeMargin: column(matrix, 'lifetime_margin'),
    tenureDays: matrix.columns.tenure_days ?? column(matrix, 'clv_T'),
  };
}
