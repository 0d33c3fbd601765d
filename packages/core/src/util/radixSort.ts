/**
 * Radix sort of float64 keys (16-bit digits over the IEEE bit pattern; see sortLoadedKeys) that carries
 * each key's bits along with its row number, so every pass reads sequentially (looking keys up through the
 * permutation instead costs about twice as much on 1M rows: cache misses). A comparator sort of 1M
 * indices costs ~0.3–0.5 s in V8; this costs a few tens of ms, and being stable it gives multi-key orders
 * by sorting the secondary key first. Used by util/radixArgsort and normalize/percentileRank.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;
const RADIX = 1 << 16;
const MASK = RADIX - 1;

/**
 * Working memory for sorting up to `size` keys. Sorting many columns of one matrix can share one: large
 * typed arrays are fresh mmap'd pages each time, and faulting them in costs more than the sort itself
 * on a busy machine.
 */
export interface RadixScratch {
  readonly size: number;
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly row: Uint32Array;
  readonly hi2: Uint32Array;
  readonly lo2: Uint32Array;
  readonly row2: Uint32Array;
  readonly counts: readonly [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
}

export function radixScratch(size: number): RadixScratch {
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

/** Sorted keys (as unsigned hi/lo words, equal keys equal words) and their row numbers, first `n` slots. */
export interface SortedKeys {
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly row: Uint32Array;
}

const cell = new Float64Array(1);
const bits = new Uint32Array(cell.buffer);

/**
 * Fills the scratch with the keys `keyOf(i)` for rows i = 0..n−1 in the order `order` gives (default
 * 0..n−1), skipping rows whose key is not finite when `finiteOnly`; returns how many keys it kept.
 * NaN is canonicalised so that every NaN shares one pattern (and sorts after +Infinity), −0 becomes +0.
 */
export function loadKeys(
  scratch: RadixScratch,
  keys: Float64Array,
  order: Uint32Array | null,
  finiteOnly: boolean,
): number {
  const n = keys.length;
  if (scratch.size < n) throw new RangeError(`radix sort: scratch for ${scratch.size} rows, column has ${n}`);
  const { hi, lo, row, counts } = scratch;
  const [, , c2, c3] = counts;
  c2.fill(0);
  c3.fill(0);
  let kept = 0;
  for (let j = 0; j < n; j++) {
    const i = order ? order[j]! : j;
    const v = keys[i]!;
    if (finiteOnly && !Number.isFinite(v)) continue;
    cell[0] = Number.isNaN(v) ? Number.NaN : v + 0;
    let h = bits[HI]!;
    let l = bits[LO]!;
    // Map IEEE order onto unsigned integer order: flip all bits of negatives, the sign bit of the rest.
    if (h & 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    hi[kept] = h;
    lo[kept] = l;
    row[kept] = i;
    // The histograms do not depend on order: one pass builds both (high word only: see sortLoadedKeys).
    c2[h & MASK]!++;
    c3[h >>> 16]!++;
    kept++;
  }
  return kept;
}

/**
 * Stable ascending sort of the `n` keys `loadKeys` put in the scratch. Two radix passes over the high
 * word, then each run of equal high words is ordered by the low word. The high word (sign, exponent,
 * 20 mantissa bits) already separates almost all real-valued keys, so those runs are short, and two
 * scattering passes over all keys are saved (they are most of the cost on 10⁶ rows).
 */
export function sortLoadedKeys(scratch: RadixScratch, n: number): SortedKeys {
  let { hi, lo, row, hi2, lo2, row2 } = scratch;
  for (let pass = 2; pass < 4; pass++) {
    const count = scratch.counts[pass]!;
    const shift = pass % 2 === 0 ? 0 : 16;
    // A digit shared by every key leaves the order unchanged: skip the pass (common for high bits).
    if (n === 0 || count[(hi[0]! >>> shift) & MASK] === n) continue;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const at = count[(hi[j]! >>> shift) & MASK]!++;
      hi2[at] = hi[j]!;
      lo2[at] = lo[j]!;
      row2[at] = row[j]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [row, row2] = [row2, row];
  }
  let start = 0;
  while (start < n) {
    const h = hi[start]!;
    let end = start + 1;
    while (end < n && hi[end] === h) end++;
    if (end - start <= SHORT_RUN) insertionByLow(lo, row, start, end);
    else radixByLow(lo, row, lo2, row2, start, end);
    start = end;
  }
  return { hi, lo, row };
}

/** Runs up to this long are insertion-sorted; longer ones take a radix sort of their own. */
const SHORT_RUN = 32;

/** Stable insertion sort of lo/row[start..end) by lo. */
function insertionByLow(lo: Uint32Array, row: Uint32Array, start: number, end: number): void {
  for (let j = start + 1; j < end; j++) {
    const l = lo[j]!;
    if (lo[j - 1]! <= l) continue;
    const r = row[j]!;
    let k = j;
    while (k > start && lo[k - 1]! > l) {
      lo[k] = lo[k - 1]!;
      row[k] = row[k - 1]!;
      k--;
    }
    lo[k] = l;
    row[k] = r;
  }
}

const RUN_RADIX = 256;
const runCount = new Uint32Array(RUN_RADIX);

/**
 * Stable LSD radix sort of lo/row[start..end) by lo (four 8-bit digits: the count table is cheap to
 * clear per run), through the same positions of the spare arrays; the result ends in lo/row.
 */
function radixByLow(
  lo: Uint32Array,
  row: Uint32Array,
  lo2: Uint32Array,
  row2: Uint32Array,
  start: number,
  end: number,
): void {
  let [from, fromRow, to, toRow] = [lo, row, lo2, row2];
  for (let shift = 0; shift < 32; shift += 8) {
    runCount.fill(0);
    for (let j = start; j < end; j++) runCount[(from[j]! >>> shift) & 0xff]!++;
    if (runCount[(from[start]! >>> shift) & 0xff] === end - start) continue;
    let sum = start;
    for (let d = 0; d < RUN_RADIX; d++) {
      const c = runCount[d]!;
      runCount[d] = sum;
      sum += c;
    }
    for (let j = start; j < end; j++) {
      const at = runCount[(from[j]! >>> shift) & 0xff]!++;
      to[at] = from[j]!;
      toRow[at] = fromRow[j]!;
    }
    [from, to] = [to, from];
    [fromRow, toRow] = [toRow, fromRow];
  }
  if (from !== lo) {
    lo.set(from.subarray(start, end), start);
    row.set(fromRow.subarray(start, end), start);
  }
}
