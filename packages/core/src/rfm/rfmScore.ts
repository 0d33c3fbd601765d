import { argsortByValueThenId, idOrder } from '../util/argsortByValueThenId.js';
import type { ColumnOrders } from '../util/columnOrder.js';
import { resolveRfmGrid, cellIndex, type RfmSegment } from './rfmSegments.js';
import type { RfmConfig } from './RfmConfig.js';

export interface RfmInput {
  readonly ids: Float64Array;
  /** Days since the last purchase day (recency_days). */
  readonly recencyDays: Float64Array;
  /** Purchases in the window (purchase_days or order_count); ≤ 0 or NaN = no purchase in the window. */
  readonly frequency: Float64Array;
  /** Spend in the window (revenue or gross_margin). */
  readonly monetary: Float64Array;
}

export interface RfmResult {
  /** Scores 1–5 per customer (5 = most recent / most frequent / highest spend). */
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  /** R·100 + F·10 + M, e.g. 545: one of the 125 cells. */
  readonly cell: Uint16Array;
  /** Index into `segments`. */
  readonly segment: Uint8Array;
  /** Output codes of `segment`: the grid's segments in order, then no_purchase. */
  readonly segments: readonly RfmSegment[];
}

const BINS = 5;
/** The middle score: one buyer is neither the best nor the worst. */
const LONE_BUYER_SCORE = 3;

/**
 * RFM quintile scores and named segments.
 *
 * Scored population: customers with a purchase in the window (frequency > 0). Each of R, F, M ranks
 * them ascending by value with equal values ordered by id — pandas `rank(method='first')`, with id
 * instead of row order so the result does not depend on how the matrix is sorted — and bins the
 * ranks as `pd.qcut(rank, 5)` does: 0-based rank k of n falls in quintile q = max(1, ⌈5k/(n−1)⌉),
 * so each quintile holds n/5 customers give or take one even with ties (equal values at a quintile
 * edge are split by id). F = M = q; R = 6 − q (smaller recency = more recent = higher score). A lone
 * buyer (n = 1, which qcut cannot bin) scores 3. A missing recency counts as least recent, a missing
 * M as lowest.
 *
 * Customers without a purchase in the window are not ranked: they get cell 111 (R=F=M=1) and the
 * `no_purchase` segment, so every customer has exactly one cell and one segment.
 */
export function rfmScore(
  input: RfmInput,
  config: RfmConfig,
  byId?: Uint32Array,
  orders?: ColumnOrders,
): RfmResult {
  const { ids, recencyDays, frequency, monetary } = input;
  const n = ids.length;
  const { segments, cellSegment } = resolveRfmGrid(config.grid);
  const noPurchaseCode = segments.length - 1;
  const order = byId ?? idOrder(ids);

  // Non-buyers get NaN keys: they sort after every buyer and are never ranked.
  const rKey = new Float64Array(n);
  const fKey = new Float64Array(n);
  const mKey = new Float64Array(n);
  let buyers = 0;
  let buyersWithoutMonetary = 0;
  for (let i = 0; i < n; i++) {
    const freq = frequency[i]!;
    if (freq > 0) {
      buyers++;
      if (Number.isNaN(monetary[i]!)) buyersWithoutMonetary++;
      const rec = recencyDays[i]!;
      const mon = monetary[i]!;
      rKey[i] = Number.isNaN(rec) ? Infinity : rec;
      fKey[i] = freq;
      mKey[i] = Number.isNaN(mon) ? -Infinity : mon;
    } else {
      rKey[i] = fKey[i] = mKey[i] = Number.NaN;
    }
  }

  const r = new Uint8Array(n).fill(1);
  const f = new Uint8Array(n).fill(1);
  const m = new Uint8Array(n).fill(1);
  assignQuintiles(argsortByValueThenId(rKey, ids, 'asc', order), buyers, r, true);
  assignQuintiles(argsortByValueThenId(fKey, ids, 'asc', order), buyers, f, false);
  // The monetary column (revenue) is usually sorted for other models already: its shared order,
  // non-buyers skipped, is the M order — unless a buyer's missing M must move to the front.
  const mOrder =
    orders && buyersWithoutMonetary === 0
      ? buyersInOrder(orders.of(monetary).rows, frequency, buyers)
      : argsortByValueThenId(mKey, ids, 'asc', order);
  assignQuintiles(mOrder, buyers, m, false);

  const cell = new Uint16Array(n);
  const segment = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const ri = r[i]!;
    const fi = f[i]!;
    cell[i] = ri * 100 + fi * 10 + m[i]!;
    segment[i] = frequency[i]! > 0 ? cellSegment[cellIndex(ri, fi)]! : noPurchaseCode;
  }
  return { r, f, m, cell, segment, segments };
}

/** The buyers (frequency > 0) among `rows`, in that order. */
function buyersInOrder(rows: Uint32Array, frequency: Float64Array, buyers: number): Uint32Array {
  const out = new Uint32Array(buyers);
  let at = 0;
  for (let j = 0; j < rows.length; j++) if (frequency[rows[j]!]! > 0) out[at++] = rows[j]!;
  return out;
}

/** Writes the quintile score of the first `count` rows of `sorted` (ascending) into `out`. */
function assignQuintiles(sorted: Uint32Array, count: number, out: Uint8Array, reversed: boolean): void {
  for (let k = 0; k < count; k++) {
    // 5k/(n−1) is exact when it is a whole number (integer division, correctly rounded), so the
    // right-closed edges of qcut fall exactly where pandas puts them.
    const q = count === 1 ? LONE_BUYER_SCORE : Math.max(1, Math.ceil((k * BINS) / (count - 1)));
    out[sorted[k]!] = reversed ? BINS + 1 - q : q;
  }
}
