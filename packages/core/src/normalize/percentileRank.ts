import { DEGENERATE_POINTS } from './NormalizeSpec.js';

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const RADIX = 1 << 16;
const MASK = RADIX - 1;

/**
 * Working memory of `percentileRank` for up to `size` rows. Scoring many columns of one matrix can
 * share one: large typed arrays are fresh mmap'd pages each time, and faulting them in costs more
 * than the sort itself on a busy machine.
 */
export interface RankScratch {
  readonly size: number;
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly row: Uint32Array;
  readonly hi2: Uint32Array;
  readonly lo2: Uint32Array;
  readonly row2: Uint32Array;
  readonly counts: readonly [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
}

export function rankScratch(size: number): RankScratch {
  const words = (): Uint32Array => new Uint32Array(size);
  const digits = (): Uint32Array => new Uint32Array(RADIX);
  return {
    size,
    hi: words(),
    lo: words(),
    row: words(),
    hi2: words(),
    lo2: words(),
    row2: words(),
    counts: [digits(), digits(), digits(), digits()],
  };
}

/**
 * Percentile rank on 0–100: (average 0-based rank among the present values) / (count − 1) × 100, so
 * the lowest value scores 0, the highest 100, and equal values share the average of their ranks.
 * Missing (NaN or ±Infinity) stays NaN. One present value, or all present values equal, scores 50:
 * a column that cannot separate customers gives everyone the middle.
 *
 * O(n): an LSD radix sort over the IEEE bit pattern that carries the keys along with the row
 * numbers. Unlike util/radixArgsort (which looks keys up through the permutation), every pass reads
 * sequentially, which halves the time on 1M rows (~40–50 ms); equal keys end up adjacent, so ties
 * are found by comparing neighbours.
 */
export function percentileRank(
  values: Float64Array,
  scratch: RankScratch = rankScratch(values.length),
): Float64Array {
  const n = values.length;
  if (scratch.size < n)
    throw new RangeError(`percentileRank: scratch for ${scratch.size} rows, column has ${n}`);
  const out = new Float64Array(n).fill(Number.NaN);
  let { hi, lo, row, hi2, lo2, row2 } = scratch;
  const counts = scratch.counts;
  for (const c of counts) c.fill(0);
  const [c0, c1, c2, c3] = counts;
  const cell = new Float64Array(1);
  const bits = new Uint32Array(cell.buffer);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    // +0 for −0 so both share one key; then map IEEE order onto unsigned order.
    cell[0] = v + 0;
    let h = bits[HI]!;
    let l = bits[LO]!;
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[present] = h;
    lo[present] = l;
    row[present] = i;
    c0[l & MASK]!++;
    c1[l >>> 16]!++;
    c2[h & MASK]!++;
    c3[h >>> 16]!++;
    present++;
  }
  if (present === 0) return out;

  for (let pass = 0; pass < 4; pass++) {
    const count = counts[pass]!;
    const shift = pass % 2 === 0 ? 0 : 16;
    const word = pass < 2 ? lo : hi;
    // A digit shared by every value leaves the order as it is (typical for high bits, or integers).
    if (count[(word[0]! >>> shift) & MASK] === present) continue;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let j = 0; j < present; j++) {
      const at = count[(word[j]! >>> shift) & MASK]!++;
      hi2[at] = hi[j]!;
      lo2[at] = lo[j]!;
      row2[at] = row[j]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [row, row2] = [row2, row];
  }

  let start = 0;
  while (start < present) {
    let end = start + 1;
    while (end < present && hi[end] === hi[start] && lo[end] === lo[start]) end++;
    // Dividing exact integers first makes a full tie exactly 50 and the maximum exactly 100.
    const points = present > 1 ? ((start + end - 1) / (2 * (present - 1))) * 100 : DEGENERATE_POINTS;
    for (let j = start; j < end; j++) out[row[j]!] = points;
    start = end;
  }
  return out;
}
