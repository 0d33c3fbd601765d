/**
 * Builds the BG/NBD and Gamma-Gamma sufficient statistics from raw transactions, as of a day
 * (DESIGN §9): a purchase is a distinct calendar day whose summed spend is positive; all amounts of a
 * day are added up first, so a return booked on the day of a purchase reduces that day's spend, and a
 * day whose net is ≤ 0 is no purchase. Returns on other days do not touch purchase spend.
 */

export interface Transactions {
  /** Customer index, 0 ≤ customer < customerCount (rows outside that range are ignored). */
  readonly customer: ArrayLike<number>;
  /** Day number (days since 1970-01-01 in the organisation's timezone); fractions are floored. */
  readonly day: ArrayLike<number>;
  readonly amount: ArrayLike<number>;
}

/** One entry per customer, times in days. A customer without a purchase day has NaN in all four. */
export interface PurchaseSummary {
  /** Repeat purchase days: distinct purchase days − 1. */
  readonly x: Float64Array;
  /** Days from the first to the last purchase day. */
  readonly tx: Float64Array;
  /** Days from the first purchase day to the as-of day. */
  readonly T: Float64Array;
  /** Mean spend per repeat purchase day (first purchase day excluded); NaN when x = 0. */
  readonly mbar: Float64Array;
}

export interface SummariseOptions {
  /**
   * Count a day whose summed amount is exactly 0 as a purchase. Off by default (DESIGN §9: amount ≤ 0
   * is no purchase). For data sets whose $0 rows are real orders (free items), e.g. CDNOW, where 8 of
   * the 2,357 sample customers have a single $0 order and the published summaries count them.
   */
  readonly zeroAmountIsPurchase?: boolean;
}

/** Rows dated on or before `asOfDay` count (DESIGN §9: `--as-of D` includes day D). */
export function summarisePurchases(
  transactions: Transactions,
  customerCount: number,
  asOfDay: number,
  options: SummariseOptions = {},
): PurchaseSummary {
  const zeroCounts = options.zeroAmountIsPurchase === true;
  const asOf = Math.floor(asOfDay);
  const { start, day, amount } = byCustomer(transactions, customerCount, asOf);
  const x = new Float64Array(customerCount).fill(Number.NaN);
  const tx = new Float64Array(customerCount).fill(Number.NaN);
  const T = new Float64Array(customerCount).fill(Number.NaN);
  const mbar = new Float64Array(customerCount).fill(Number.NaN);
  // `!` below: indices are in range by construction.
  for (let c = 0; c < customerCount; c++) {
    const end = start[c + 1]!;
    let i = start[c]!;
    sortByDay(day, amount, i, end);
    let purchaseDays = 0;
    let firstDay = 0;
    let lastDay = 0;
    let repeatSpend = 0;
    while (i < end) {
      const d = day[i]!;
      let spend = 0;
      while (i < end && day[i] === d) spend += amount[i++]!;
      if (!(spend > 0 || (zeroCounts && spend === 0))) continue;
      if (purchaseDays === 0) firstDay = d;
      else repeatSpend += spend;
      lastDay = d;
      purchaseDays++;
    }
    if (purchaseDays === 0) continue;
    x[c] = purchaseDays - 1;
    tx[c] = lastDay - firstDay;
    T[c] = asOf - firstDay;
    mbar[c] = purchaseDays > 1 ? repeatSpend / (purchaseDays - 1) : Number.NaN;
  }
  return { x, tx, T, mbar };
}

/**
 * The usable rows (valid customer, finite day ≤ asOf, finite amount) as (day, amount) pairs laid out
 * customer by customer: customer c owns positions start[c] .. start[c+1]−1. One counting sort that
 * carries the values along, so later passes read memory in order; input already ordered by customer
 * (the usual export order) needs no scatter at all.
 */
function byCustomer(
  t: Transactions,
  customerCount: number,
  asOfDay: number,
): { start: Uint32Array; day: Float64Array; amount: Float64Array } {
  const n = t.customer.length;
  const start = new Uint32Array(customerCount + 1);
  let usable = 0;
  let ordered = true;
  let previous = -1;
  for (let r = 0; r < n; r++) {
    const c = t.customer[r]!;
    if (!isUsable(c, Math.floor(t.day[r]!), t.amount[r]!, customerCount, asOfDay)) continue;
    start[c + 1] = start[c + 1]! + 1;
    usable++;
    if (c < previous) ordered = false;
    previous = c;
  }
  for (let c = 0; c < customerCount; c++) start[c + 1] = start[c + 1]! + start[c]!;
  const day = new Float64Array(usable);
  const amount = new Float64Array(usable);
  const next = ordered ? null : start.slice(0, customerCount);
  let k = 0;
  for (let r = 0; r < n; r++) {
    const c = t.customer[r]!;
    const d = Math.floor(t.day[r]!);
    const a = t.amount[r]!;
    if (!isUsable(c, d, a, customerCount, asOfDay)) continue;
    let position = k++;
    if (next) {
      position = next[c]!;
      next[c] = position + 1;
    }
    day[position] = d;
    amount[position] = a;
  }
  return { start, day, amount };
}

function isUsable(c: number, d: number, a: number, customerCount: number, asOfDay: number): boolean {
  // c − ⌊c⌋ = 0 rejects NaN and fractions; d ≤ asOf rejects NaN; a − a = 0 rejects NaN and ±∞.
  return (
    c >= 0 && c < customerCount && c - Math.floor(c) === 0 && d <= asOfDay && d > -Infinity && a - a === 0
  );
}

/** Insertion sort of one customer's few rows by day (stable, so same-day rows keep their order). */
function sortByDay(day: Float64Array, amount: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const d = day[i]!;
    if (d >= day[i - 1]!) continue;
    const a = amount[i]!;
    let j = i - 1;
    while (j >= from && day[j]! > d) {
      day[j + 1] = day[j]!;
      amount[j + 1] = amount[j]!;
      j--;
    }
    day[j + 1] = d;
    amount[j + 1] = a;
  }
}
