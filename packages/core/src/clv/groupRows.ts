/**
 * Groups rows with identical values across some Float64 columns (an open-addressing hash on the bit
 * patterns), so models can evaluate each distinct row once and weight it by its count. O(rows), no
 * sorting, no per-row objects. −0 and 0 are one value; NaN never equals anything, so callers leave
 * NaN rows out through `rows`. Groups are numbered in order of first occurrence.
 *
 * The cost at 10⁶ rows is memory traffic, so the table grows with the number of groups rather than
 * rows (few distinct values stay in cache), and each group's hash is kept to skip most comparisons.
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

/** Groups `rows` (all rows when omitted) by their values in `columns`. */
export function groupRows(columns: readonly Float64Array[], rows?: Uint32Array): RowGroups {
  const n = rows ? rows.length : (columns[0]?.length ?? 0);
  const nc = columns.length;
  const scratch = new Float64Array(1);
  const bits = new Uint32Array(scratch.buffer);
  const groupOf = new Uint32Array(n);
  // Slots hold group + 1, so a new (zero-filled) table is empty without a fill pass.
  let table: Int32Array = new Int32Array(1024);
  let mask = table.length - 1;
  let hashes: Int32Array = new Int32Array(512);
  let first: Uint32Array = new Uint32Array(512);
  let weight: Float64Array = new Float64Array(512);
  let size = 0;
  // Hot loop; indices are in range by construction, hence `!`.
  for (let i = 0; i < n; i++) {
    const row = rows === undefined ? i : rows[i]!;
    // MurmurHash3-style mixing of both 32-bit halves of each value (+0 folds −0 into 0).
    let h = 0x9747b28c | 0;
    for (let c = 0; c < nc; c++) {
      scratch[0] = columns[c]![row]! + 0;
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
      const g = table[slot]! - 1;
      if (g < 0) {
        if (size === first.length) {
          hashes = grow(hashes, new Int32Array(2 * size));
          first = grow(first, new Uint32Array(2 * size));
          weight = grow(weight, new Float64Array(2 * size));
        }
        hashes[size] = h;
        first[size] = row;
        weight[size] = 1;
        groupOf[i] = size;
        table[slot] = ++size;
        if (2 * size > table.length) {
          table = rehash(hashes, size, 2 * table.length);
          mask = table.length - 1;
        }
        break;
      }
      if (hashes[g] === h && sameValues(columns, nc, first[g]!, row)) {
        weight[g] = weight[g]! + 1;
        groupOf[i] = g;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { size, groupOf, first: first.slice(0, size), weight: weight.slice(0, size) };
}

function sameValues(columns: readonly Float64Array[], nc: number, a: number, b: number): boolean {
  for (let c = 0; c < nc; c++) {
    const column = columns[c]!;
    if (column[a] !== column[b]) return false;
  }
  return true;
}

function rehash(hashes: Int32Array, size: number, capacity: number): Int32Array {
  const table = new Int32Array(capacity);
  const mask = capacity - 1;
  for (let g = 0; g < size; g++) {
    let slot = hashes[g]! & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = g + 1;
  }
  return table;
}

function grow<A extends Int32Array | Uint32Array | Float64Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
