import { MARKET_POSITION_CODE, STATUS_CODE, type FeatureMatrix } from '@stratum/core';
import type pg from 'pg';
import { int8At, numericAt, readBinaryCopy } from '../copy/binaryCopyReader.js';
import { inTransaction } from '../transaction.js';
import {
  ACTIVITY_FEATURE_KEYS,
  accumulateActivity,
  allocateActivityColumns,
  minDay,
  windowBounds,
  type ActivitySlices,
  type FeatureWindow,
} from './activityFeatures.js';

/**
 * The feature matrix of every customer as of a date, in one streamed pass over customers joined with their
 * activity rollup (call refreshActivity first). Customers created after the date with no activity up to it
 * did not exist then and are left out. Also returns the attributes models are assigned by (segment filters).
 */
export interface CustomerAttributes {
  /** Dictionary-coded text attributes: `industry[i]` indexes `industries` (−1 = none). */
  industry: Int32Array;
  industries: string[];
  region: Int32Array;
  regions: string[];
  owner: Int32Array;
  owners: string[];
}

export interface ExtractedFeatures {
  matrix: FeatureMatrix;
  attributes: CustomerAttributes;
}

export interface ExtractOptions extends FeatureWindow {
  timezone: string;
  onProgress?: (rowsRead: number, rowsTotal: number) => void;
}

const STATUS_CODES: Record<string, number> = STATUS_CODE;
/** Customers per block of activity indicators (see collect): ~35 columns × 512 rows stay in L2. */
const ACTIVITY_BLOCK = 512;
const POSITION_CODES: Record<string, number> = MARKET_POSITION_CODE;

export async function extractFeatures(pool: pg.Pool, options: ExtractOptions): Promise<ExtractedFeatures> {
  const client = await pool.connect();
  try {
    // The planner's estimate sizes the columns and the progress (they grow if it is short): an exact
    // count would read the table once more. Never analysed (−1): count.
    const estimate = Number(
      (
        await client.query<{ n: number }>(
          "SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'customers'::regclass",
        )
      ).rows[0]?.n ?? -1,
    );
    const total =
      estimate >= 0
        ? Math.round(estimate)
        : Number(
            (
              await client.query<{ n: string }>(
                'SELECT count(*) AS n FROM customers WHERE deleted_at IS NULL',
              )
            ).rows[0]?.n ?? 0,
          );
    const tz = client.escapeLiteral(options.timezone);
    const query = `
      SELECT c.id, c.status, c.employees, c.company_revenue, c.market_position,
             ((c.created_at AT TIME ZONE ${tz})::date - DATE '1970-01-01'), coalesce(s.n, 0)::int4,
             c.industry, c.region, c.owner_id,
             a.orders, a.categories, a.interactions, a.surveys, a.complaints, a.referrals, a.contacts_left
      FROM customers c
      LEFT JOIN customer_activity a ON a.customer_id = c.id
      LEFT JOIN (SELECT parent_id, count(*)::int4 AS n FROM customers
                 WHERE parent_id IS NOT NULL AND deleted_at IS NULL GROUP BY parent_id) s ON s.parent_id = c.id
      WHERE c.deleted_at IS NULL
      ORDER BY c.id`;
    // Read both tables along their primary keys (merge join): rows then stream out in id order from the
    // first one, and decoding them here overlaps the scan. The planner's default at a million customers, a
    // hash join, spills the hash and then sorts every wide row (≈1 KB of rollup) on disk before sending any.
    return await inTransaction(client, async () => {
      await client.query('SET LOCAL enable_hashjoin = off');
      await client.query('SET LOCAL enable_sort = off');
      // The plan is two index scans and a merge: compiling it (JIT, ~0.3 s at a million rows) costs more
      // than it saves on expressions this simple.
      await client.query('SET LOCAL jit = off');
      return collect(client, query, total, options);
    });
  } finally {
    client.release();
  }
}

async function collect(
  client: pg.PoolClient,
  query: string,
  total: number,
  options: ExtractOptions,
): Promise<ExtractedFeatures> {
  const w = windowBounds(options);
  // Sized for everyone expected (grown if more come); customers that did not exist yet as of the date
  // are compacted away at the end.
  let capacity = Math.max(Math.ceil(total * 1.05), 1024);
  const base = {
    ids: new Float64Array(capacity),
    status: new Float64Array(capacity),
    employees: new Float64Array(capacity),
    companyRevenue: new Float64Array(capacity),
    marketPosition: new Float64Array(capacity),
    subsidiaries: new Float64Array(capacity),
    tenure: new Float64Array(capacity),
  };
  const activity = allocateActivityColumns(capacity);
  // The activity indicators of the latest customers, row by row, are first written to a small block and
  // copied into the full columns block by block: writing ~35 full columns row by row is ~35 memory
  // streams at once, more than the CPU handles well.
  const recent = allocateActivityColumns(ACTIVITY_BLOCK);
  let blockStart = 0;
  const flush = () => {
    const rows = n - blockStart;
    for (const key of ACTIVITY_FEATURE_KEYS) activity[key].set(recent[key].subarray(0, rows), blockStart);
    blockStart = n;
  };
  const codes = {
    industry: new Int32Array(capacity),
    region: new Int32Array(capacity),
    owner: new Int32Array(capacity),
  };
  const industry = new Dictionary();
  const region = new Dictionary();
  const owner = new Dictionary();
  const grow = () => {
    capacity = Math.ceil(capacity * 1.5);
    for (const columns of [base, codes, activity] as Record<string, Float64Array | Int32Array>[]) {
      for (const [key, column] of Object.entries(columns)) columns[key] = grown(column, capacity);
    }
  };
  const slices: ActivitySlices = {
    view: new DataView(new ArrayBuffer(0)),
    orders: { offset: -1, length: 0 },
    categories: { offset: -1, length: 0 },
    interactions: { offset: -1, length: 0 },
    surveys: { offset: -1, length: 0 },
    complaints: { offset: -1, length: 0 },
    referrals: { offset: -1, length: 0 },
    contactsLeft: { offset: -1, length: 0 },
  };
  const sections = [
    slices.orders,
    slices.categories,
    slices.interactions,
    slices.surveys,
    slices.complaints,
    slices.referrals,
    slices.contactsLeft,
  ];
  let n = 0;
  let read = 0;
  const progressEvery = Math.max(10_000, Math.floor(total / 100));

  const statusText = new Dictionary();
  const positionText = new Dictionary();
  await readBinaryCopy(client, query, (buffer, offsets, lengths, view) => {
    read++;
    if (options.onProgress && read % progressEvery === 0) options.onProgress(read, total);
    if (n >= capacity) grow();
    slices.view = view;
    for (let s = 0; s < sections.length; s++) {
      const section = sections[s]!;
      section.offset = offsets[10 + s]!;
      section.length = lengths[10 + s]!;
    }
    const createdDay = view.getInt32(offsets[5]!);
    if (n - blockStart === ACTIVITY_BLOCK) flush();
    const firstActivity = accumulateActivity(recent, n - blockStart, slices, w);
    const since = minDay(createdDay, firstActivity);
    if (since > w.asOf) {
      return; // did not exist as of the date: row n is overwritten by the next customer
    }
    base.ids[n] = int8At(view, offsets[0]!);
    base.status[n] = statusText.mapped(STATUS_CODES, buffer, offsets[1]!, lengths[1]!);
    base.employees[n] = offsets[2]! < 0 ? Number.NaN : view.getInt32(offsets[2]!);
    base.companyRevenue[n] = offsets[3]! < 0 ? Number.NaN : numericAt(view, offsets[3]!);
    base.marketPosition[n] = positionText.mapped(POSITION_CODES, buffer, offsets[4]!, lengths[4]!);
    base.subsidiaries[n] = view.getInt32(offsets[6]!);
    base.tenure[n] = w.asOf - since;
    codes.industry[n] = industry.code(buffer, offsets[7]!, lengths[7]!);
    codes.region[n] = region.code(buffer, offsets[8]!, lengths[8]!);
    codes.owner[n] = owner.code(buffer, offsets[9]!, lengths[9]!);
    n++;
  });
  flush();
  options.onProgress?.(read, total);

  // Views, not copies: the few unused rows at the end are not worth copying forty columns.
  const cut = (column: Float64Array) => column.subarray(0, n);
  const columns: FeatureMatrix['columns'] = {
    status: cut(base.status),
    employees: cut(base.employees),
    company_revenue: cut(base.companyRevenue),
    market_position: cut(base.marketPosition),
    subsidiary_count: cut(base.subsidiaries),
    tenure_days: cut(base.tenure),
  };
  for (const [key, column] of Object.entries(activity) as [keyof typeof activity, Float64Array][]) {
    columns[key] = cut(column);
  }
  return {
    matrix: { ids: cut(base.ids), asOfDay: options.asOfDay, columns },
    attributes: {
      industry: codes.industry.slice(0, n),
      industries: industry.values,
      region: codes.region.slice(0, n),
      regions: region.values,
      owner: codes.owner.slice(0, n),
      owners: owner.values,
    },
  };
}

/**
 * Maps repeated strings to small integer codes (−1 for NULL), straight from their bytes: a million rows
 * with a few hundred distinct values should not decode a million strings. Open addressing on the FNV-1a
 * hash of the bytes, in typed arrays.
 */
class Dictionary {
  readonly values: string[] = [];
  private readonly bytes: Buffer[] = [];
  /** Slot → code + 1 (0 = empty); slots hold at most half the table. */
  private slots = new Int32Array(1024);
  /** Per code, its value in the table `mapped` is called with (one table per dictionary). */
  private readonly mappedValues: number[] = [];

  code(buffer: Buffer, offset: number, length: number): number {
    if (offset < 0) return -1;
    const mask = this.slots.length - 1;
    let slot = fnv1a(buffer, offset, length) & mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      if (sameBytes(this.bytes[entry - 1]!, buffer, offset, length)) return entry - 1;
      slot = (slot + 1) & mask;
    }
    const code = this.values.length;
    this.values.push(buffer.toString('utf8', offset, offset + length));
    this.bytes.push(Buffer.from(buffer.subarray(offset, offset + length)));
    this.slots[slot] = code + 1;
    if (2 * this.values.length > this.slots.length) this.rehash();
    return code;
  }

  /** `table[value]` of the value at offset (NaN for NULL or a value not in the table). */
  mapped(table: Record<string, number>, buffer: Buffer, offset: number, length: number): number {
    const code = this.code(buffer, offset, length);
    if (code < 0) return Number.NaN;
    while (this.mappedValues.length <= code) {
      this.mappedValues.push(table[this.values[this.mappedValues.length]!] ?? Number.NaN);
    }
    return this.mappedValues[code]!;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    this.bytes.forEach((bytes, code) => {
      let slot = fnv1a(bytes) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = code + 1;
    });
  }
}

function fnv1a(bytes: Buffer, offset = 0, length = bytes.length): number {
  let hash = 0x811c9dc5;
  for (let p = offset, end = offset + length; p < end; p++) hash = Math.imul(hash ^ bytes[p]!, 16777619);
  return hash;
}

/** `column` copied into a longer array of the same type (new rows: NaN, or 0 for codes). */
function grown<T extends Float64Array | Int32Array>(column: T, capacity: number): T {
  const bigger = (
    column instanceof Float64Array ? new Float64Array(capacity).fill(Number.NaN) : new Int32Array(capacity)
  ) as T;
  bigger.set(column);
  return bigger;
}

function sameBytes(stored: Buffer, buffer: Buffer, offset: number, length: number): boolean {
  if (stored.length !== length) return false;
  for (let k = 0; k < length; k++) if (stored[k] !== buffer[offset + k]) return false;
  return true;
}
