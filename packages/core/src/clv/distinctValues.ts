import { groupRows } from './groupRows.js';

/** Distinct values of some columns taken together, and each listed row's value as an index into them. */
export interface DistinctValues {
  /** Distinct values, numbered in order of first occurrence (column by column, rows in `rows` order). */
  readonly values: Float64Array;
  /** Per column, per listed row: the index of its value in `values`. */
  readonly index: readonly Uint32Array[];
}

/** Widest value range numbered through a direct lookup table (4 MiB of Uint32). */
const MAX_DENSE_RANGE = 1 << 20;

/**
 * Numbers the distinct values of `columns` at `rows` (finite values: callers pass valid rows only).
 * Day counts and purchase counts are small integers, so a lookup table indexed by value does it in
 * one pass without hashing; other values go through `groupRows`.
 */
export function distinctValues(columns: readonly Float64Array[], rows: Uint32Array): DistinctValues {
  const n = rows.length;
  let min = Infinity;
  let max = -Infinity;
  let integers = true;
  for (const column of columns) {
    for (let k = 0; k < n && integers; k++) {
      const v = column[rows[k]!]!;
      integers = v === Math.trunc(v);
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) return { values: new Float64Array(0), index: columns.map(() => new Uint32Array(0)) };
  const range = max - min;
  if (!(integers && range <= MAX_DENSE_RANGE && range <= 2 * n * columns.length + 4096)) {
    return hashed(columns, rows);
  }
  // Slot v − min holds the value's number + 1 (0 = not seen yet).
  const slot = new Uint32Array(range + 1);
  const found = new Float64Array(Math.min(range + 1, n * columns.length));
  let size = 0;
  const index = columns.map((column) => {
    const out = new Uint32Array(n);
    for (let k = 0; k < n; k++) {
      const v = column[rows[k]!]!;
      let id = slot[v - min]!;
      if (id === 0) {
        found[size] = v;
        id = ++size;
        slot[v - min] = id;
      }
      out[k] = id - 1;
    }
    return out;
  });
  return { values: found.slice(0, size), index };
}

function hashed(columns: readonly Float64Array[], rows: Uint32Array): DistinctValues {
  const n = rows.length;
  const all = new Float64Array(n * columns.length);
  columns.forEach((column, c) => {
    for (let k = 0; k < n; k++) all[c * n + k] = column[rows[k]!]!;
  });
  const groups = groupRows([all]);
  const values = Float64Array.from(groups.first, (at) => all[at]!);
  return { values, index: columns.map((_, c) => groups.groupOf.subarray(c * n, (c + 1) * n)) };
}
