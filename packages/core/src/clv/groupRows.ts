/**
 * Groups rows with identical values across some Float64 columns (an open-addressing hash on the bit
 * patterns), so models can evaluate each distinct row once and weight it by its count. O(rows), no
 * sorting, no per-row objects. −0 and 0 are one value; NaN never equals anything, so callers leave
 * NaN rows out through `rows`. Groups are numbered in order of first occurrence.
 *
 * The cost at 10⁶ rows is cache misses (BG/NBD histories give ~0.6 groups per row, so the table does
 * not fit in cache). Hence the layout: each table slot holds the group's hash next to its number, and
 * each group's count and values sit together in one record, so a row costs about two misses (slot,
 * record) instead of one per column plus the hash, count and first-row arrays. The table grows with
 * the number of groups rather than rows, so few distinct values stay in cache. Columns of small
 * integers (counts, days) skip the hash altogether: see groupSmallIntegers.
 */
export interface RowGroups {
  /** Number of distinct groups. */
  readonly size: number;
  /** For each listed row (in the order of `rows`), its group. */
  readonly groupOf: Uint32Array;
  /** For each group, the first row (an index into the columns) that has its values. */
  readonly first: Uint32Array;
  /** For each group, how many listed rows it has. */
  readonly weight: Float64Array;
}

const INITIAL_GROUPS = 512;

/** Groups `rows` (all rows when omitted) by their values in `columns`. */
export function groupRows(columns: readonly Float64Array[], rows?: Uint32Array): RowGroups {
  return groupSmallIntegers(columns, rows) ?? hashGroups(columns, rows);
}

/**
 * Largest number of value combinations numbered through a direct table (16 MiB of Uint32); the table
 * is also kept within a few slots per row, so a small input never pays for a large table.
 */
const MAX_DENSE_KEYS = 1 << 22;

/**
 * `groupRows` for columns of small integers (counts, days): the values combine into one dense key
 * (mixed radix over each column's range) that indexes a table of group numbers directly — one
 * sequential pass, no hashing, no probing. Same groups, same numbering (first occurrence) as the hash.
 * Null when some value is not an integer or the key space is too large.
 */
function groupSmallIntegers(columns: readonly Float64Array[], rows?: Uint32Array): RowGroups | null {
  const n = rows ? rows.length : (columns[0]?.length ?? 0);
  const nc = columns.length;
  const min = new Float64Array(nc);
  const radix = new Float64Array(nc);
  let keys = 1;
  for (let c = 0; c < nc; c++) {
    const column = columns[c]!;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = column[rows === undefined ? i : rows[i]!]!;
      // Also rejects NaN and ±Infinity (v − trunc(v) is NaN for them); −0 passes and keys like 0.
      if (v - Math.trunc(v) !== 0) return null;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min[c] = n > 0 ? lo : 0;
    radix[c] = n > 0 ? hi - lo + 1 : 1;
    keys *= radix[c]!;
  }
  if (!(keys <= MAX_DENSE_KEYS && keys <= 4 * n + 4096)) return null;
  // Slot of a key: its group + 1 (0 = not seen yet).
  const slot = new Uint32Array(keys);
  const groupOf = new Uint32Array(n);
  let first = new Uint32Array(INITIAL_GROUPS);
  let weight = new Float64Array(INITIAL_GROUPS);
  let size = 0;
  for (let i = 0; i < n; i++) {
    const row = rows === undefined ? i : rows[i]!;
    let key = 0;
    for (let c = 0; c < nc; c++) key = key * radix[c]! + (columns[c]![row]! - min[c]!);
    let g = slot[key]! - 1;
    if (g < 0) {
      if (size === first.length) {
        first = grow(first, new Uint32Array(2 * size));
        weight = grow(weight, new Float64Array(2 * size));
      }
      g = size++;
      slot[key] = size;
      first[g] = row;
    }
    weight[g] = weight[g]! + 1;
    groupOf[i] = g;
  }
  return { size, groupOf, first: first.slice(0, size), weight: weight.slice(0, size) };
}

/** `groupRows` by an open-addressing hash on the values' bit patterns (any finite values). */
function hashGroups(columns: readonly Float64Array[], rows?: Uint32Array): RowGroups {
  const n = rows ? rows.length : (columns[0]?.length ?? 0);
  const nc = columns.length;
  // Record of group g: records[g·stride] = count, then the group's nc values.
  const stride = nc + 1;
  const scratch = new Float64Array(1);
  const bits = new Uint32Array(scratch.buffer);
  const values = new Float64Array(nc);
  const groupOf = new Uint32Array(n);
  // Slot s: table[2s] = hash, table[2s+1] = group + 1 (0 = empty, so a new table needs no fill pass).
  let table: Int32Array = new Int32Array(2 * 2 * INITIAL_GROUPS);
  let mask = table.length / 2 - 1;
  let hashes: Int32Array = new Int32Array(INITIAL_GROUPS);
  let first: Uint32Array = new Uint32Array(INITIAL_GROUPS);
  let records: Float64Array = new Float64Array(INITIAL_GROUPS * stride);
  let size = 0;
  // Hot loop; indices are in range by construction, hence `!`.
  for (let i = 0; i < n; i++) {
    const row = rows === undefined ? i : rows[i]!;
    // MurmurHash3-style mixing of both 32-bit halves of each value (+0 folds −0 into 0).
    let h = 0x9747b28c | 0;
    for (let c = 0; c < nc; c++) {
      const v = columns[c]![row]! + 0;
      values[c] = v;
      scratch[0] = v;
      h = Math.imul(h ^ bits[0]!, 0xcc9e2d51);
      h = Math.imul((h << 15) | (h >>> 17), 0x1b873593) ^ bits[1]!;
      h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    let slot = h & mask;
    for (;;) {
      const g = table[2 * slot + 1]! - 1;
      if (g < 0) {
        if (size === first.length) {
          hashes = grow(hashes, new Int32Array(2 * size));
          first = grow(first, new Uint32Array(2 * size));
          records = grow(records, new Float64Array(2 * size * stride));
        }
        hashes[size] = h;
        first[size] = row;
        const at = size * stride;
        records[at] = 1;
        for (let c = 0; c < nc; c++) records[at + 1 + c] = values[c]!;
        groupOf[i] = size;
        table[2 * slot] = h;
        table[2 * slot + 1] = ++size;
        if (4 * size > table.length) {
          table = rehash(hashes, size, table.length);
          mask = table.length / 2 - 1;
        }
        break;
      }
      if (table[2 * slot] === h && sameValues(records, g * stride, values, nc)) {
        records[g * stride] = records[g * stride]! + 1;
        groupOf[i] = g;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  const weight = new Float64Array(size);
  for (let g = 0; g < size; g++) weight[g] = records[g * stride]!;
  return { size, groupOf, first: first.slice(0, size), weight };
}

function sameValues(records: Float64Array, at: number, values: Float64Array, nc: number): boolean {
  for (let c = 0; c < nc; c++) if (records[at + 1 + c] !== values[c]) return false;
  return true;
}

/** A table twice the size (in slots) of one `length` ints long, holding groups 0..size−1. */
function rehash(hashes: Int32Array, size: number, length: number): Int32Array {
  const table = new Int32Array(2 * length);
  const mask = length - 1;
  for (let g = 0; g < size; g++) {
    const h = hashes[g]!;
    let slot = h & mask;
    while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
    table[2 * slot] = h;
    table[2 * slot + 1] = g + 1;
  }
  return table;
}

function grow<A extends Int32Array | Uint32Array | Float64Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
