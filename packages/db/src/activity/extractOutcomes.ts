import type pg from 'pg';
import { binary, readBinaryCopy } from '../copy/binaryCopyReader.js';
import { ORDER_DAY } from './activityLayout.js';

/**
 * What customers did after a date: per customer, purchases (distinct days with positive net spend, the
 * Fader–Hardie convention the CLV models and features use) and net revenue in (fromDay, toDay], read from
 * the activity rollup (call refreshActivity first) in one streamed binary COPY pass, as extractFeatures
 * reads features. The result is aligned with `ids` (ascending, e.g. a feature matrix's ids), so outcome i
 * belongs to matrix row i. Customers not in `ids` (created later, graded by another model) are summed
 * into `others`, so a caller can say how much of the horizon it did not look at.
 */
export interface OutcomeOptions {
  /** Ascending customer ids the outcomes are aligned with. */
  ids: Float64Array;
  /** Exclusive start day (day number in the org timezone): usually the as-of day. */
  fromDay: number;
  /** Inclusive end day. */
  toDay: number;
  onProgress?: (rowsRead: number, rowsTotal: number) => void;
}

export interface OutcomeTotals {
  customers: number;
  /** Customers with at least one purchase in the horizon. */
  purchasers: number;
  purchases: number;
  revenue: number;
}

export interface ExtractedOutcomes {
  /** Purchase days in the horizon, per `ids` row (0 for customers no longer present). */
  purchases: Float64Array;
  /** Net revenue in the horizon (returns subtract), currency units, per `ids` row. */
  revenue: Float64Array;
  /** Rows of `ids` found among the current customers (a customer deleted since is not). */
  found: number;
  /** Customers outside `ids`, summed. */
  others: OutcomeTotals;
}

export async function extractOutcomes(pool: pg.Pool, options: OutcomeOptions): Promise<ExtractedOutcomes> {
  const { ids, fromDay, toDay } = options;
  for (let i = 1; i < ids.length; i++) {
    if (!(ids[i]! > ids[i - 1]!)) throw new RangeError('extractOutcomes: ids must be strictly ascending');
  }
  const client = await pool.connect();
  try {
    const total = Number(
      (await client.query<{ n: string }>('SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL'))
        .rows[0]?.n ?? 0,
    );
    const purchases = new Float64Array(ids.length);
    const revenue = new Float64Array(ids.length);
    const others: OutcomeTotals = { customers: 0, purchasers: 0, purchases: 0, revenue: 0 };
    let othersCents = 0;
    let found = 0;
    let next = 0; // merge cursor into ids: both sides are ascending
    let read = 0;
    const progressEvery = Math.max(10_000, Math.floor(total / 100));
    await readBinaryCopy(
      client,
      `SELECT c.id, a.orders FROM customers c LEFT JOIN customer_activity a ON a.customer_id = c.id
       WHERE c.deleted_at IS NULL ORDER BY c.id`,
      (buffer, offsets, lengths) => {
        read++;
        if (options.onProgress && read % progressEvery === 0) options.onProgress(read, total);
        const id = binary.int8(buffer, offsets[0]!);
        while (next < ids.length && ids[next]! < id) next++;
        const [days, cents] = horizonActivity(buffer, offsets[1]!, lengths[1]!, fromDay, toDay);
        if (next < ids.length && ids[next] === id) {
          purchases[next] = days;
          revenue[next] = cents / 100;
          found++;
          next++;
        } else {
          others.customers++;
          if (days > 0) others.purchasers++;
          others.purchases += days;
          othersCents += cents;
        }
      },
    );
    options.onProgress?.(read, total);
    others.revenue = othersCents / 100;
    return { purchases, revenue, found, others };
  } finally {
    client.release();
  }
}

/** Purchase days and net cents in (fromDay, toDay] of one rollup `orders` section (sorted by day). */
function horizonActivity(
  buffer: Buffer,
  offset: number,
  length: number,
  fromDay: number,
  toDay: number,
): [number, number] {
  if (offset < 0) return [0, 0];
  let days = 0;
  let cents = 0;
  for (let p = offset, end = offset + length; p < end; p += ORDER_DAY.size) {
    const day = buffer.readInt32BE(p + ORDER_DAY.day);
    if (day <= fromDay) continue;
    if (day > toDay) break;
    const net = binary.int8(buffer, p + ORDER_DAY.net);
    cents += net;
    if (net > 0) days++;
  }
  return [days, cents];
}
