import { finiteMedian } from './finiteMedian.js';

/** Used when not a single customer has two purchase days, so there is no population median either. */
export const DEFAULT_FALLBACK_IPT_DAYS = 90;

export interface InterPurchaseDays {
  /** Per customer: own mean gap between purchase days, else the population median, else the fallback. */
  readonly days: Float64Array;
  /** 1 where `days` is the customer's own gap (two or more purchase days), 0 where it is borrowed. */
  readonly own: Uint8Array;
  /** Median own gap over customers with two or more purchase days (NaN when there are none). */
  readonly populationMedian: number;
}

/**
 * The customer's typical inter-purchase time in days, the yardstick for "overdue": t_x / x from the
 * CLV summary (x = repeat purchase days, t_x = days from first to last purchase day). A customer with
 * fewer than two purchase days has no rhythm of their own and borrows the population median.
 */
export function typicalInterPurchaseDays(
  clvX: Float64Array,
  clvTx: Float64Array,
  fallbackDays: number = DEFAULT_FALLBACK_IPT_DAYS,
): InterPurchaseDays {
  const n = clvX.length;
  const days = new Float64Array(n).fill(Number.NaN);
  const own = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = clvX[i]!;
    const tx = clvTx[i]!;
    if (x >= 1 && tx > 0 && Number.isFinite(tx)) {
      days[i] = tx / x;
      own[i] = 1;
    }
  }
  const populationMedian = finiteMedian(days);
  const borrowed = Number.isFinite(populationMedian) ? populationMedian : fallbackDays;
  for (let i = 0; i < n; i++) if (own[i] === 0) days[i] = borrowed;
  return { days, own, populationMedian };
}
