import { DAYS_PER_YEAR } from './clvConfig.js';

/**
 * Money-side CLV helpers, one customer at a time (the callers loop over columns).
 */

/** Discount factors 1/(1+d)^i for i = 1..months. */
export function monthlyDiscountFactors(months: number, monthlyRate: number): Float64Array {
  const factors = new Float64Array(months);
  for (let i = 0; i < months; i++) factors[i] = Math.pow(1 + monthlyRate, -(i + 1));
  return factors;
}

/**
 * Σᵢ value · (E[to month i] − E[to month i−1]) · discountᵢ, with E[to month 0] = 0. `cumulative[i]` is
 * the expected number of purchases up to the end of month i+1.
 */
export function discountedValue(
  value: number,
  cumulative: ArrayLike<number>,
  discount: Float64Array,
): number {
  let total = 0;
  let previous = 0;
  for (let i = 0; i < discount.length; i++) {
    const current = cumulative[i] ?? Number.NaN;
    total += (current - previous) * (discount[i] ?? 0);
    previous = current;
  }
  return value * total;
}

/**
 * Historical CLV: lifetime margin, or lifetime revenue where the margin is unknown (NaN when neither
 * is known).
 */
export function historicalValue(lifetimeRevenue: number, lifetimeMargin: number): number {
  if (Number.isFinite(lifetimeMargin)) return lifetimeMargin;
  return Number.isFinite(lifetimeRevenue) ? lifetimeRevenue : Number.NaN;
}

/**
 * Historical CLV per year of tenure. Tenure below a year counts as one year, so a customer who just
 * made a large first purchase is not annualised into an outlier.
 */
export function historicalValuePerYear(historical: number, tenureDays: number): number {
  if (!Number.isFinite(historical) || !(tenureDays >= 0)) return Number.NaN;
  return historical / Math.max(1, tenureDays / DAYS_PER_YEAR);
}

/**
 * The share of revenue that is margin, in [0, 1]: the given rate, else margin / revenue; 1 (value CLV in
 * revenue) when unknown. Loss-making customers get 0, so predicted CLV is never negative; their
 * historical CLV still shows the loss.
 */
export function marginShare(marginRate: number, lifetimeRevenue: number, lifetimeMargin: number): number {
  let rate = marginRate;
  if (!Number.isFinite(rate) && Number.isFinite(lifetimeMargin) && lifetimeRevenue > 0) {
    rate = lifetimeMargin / lifetimeRevenue;
  }
  if (!Number.isFinite(rate)) return 1;
  return Math.min(1, Math.max(0, rate));
}
