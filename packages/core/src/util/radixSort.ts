/**
 * LSD radix sort of float64 keys (four 16-bit digits over the IEEE bit pattern) that carries each key's
 * bits along with its row number, so every pass reads sequentially (looking keys up through the
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
  for (const c of counts) c.fill(0);
  const [c0, c1, c2, c3] = counts;
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
    // The histograms do not depend on order: one pass builds all four.
    c0[l & MASK]!++;
    c1[l >>> 16]!++;
    c2[h & MASK]!++;
    c3[h >>> 16]!++;
    kept++;
  }
  return kept;
}

/** Stable ascending sort of the `n` keys `loadKeys` put in the scratch. */
export function sortLoadedKeys(scratch: RadixScratch, n: number): SortedKeys {
  let { hi, lo, row, hi2, lo2, row2 } = scratch;
  for (let pass = 0; pass < 4; pass++) {
    const count = scratch.counts[pass]!;
    const word = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    // A digit shared by every key leaves the order unchanged: skip the pass (common for high bits).
    if (n === 0 || count[(word[0]! >>> shift) & MASK] === n) continue;
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const at = count[(word[j]! >>> shift) & MASK]!++;
      hi2[at] = hi[j]!;
      lo2[at] = lo[j]!;
      row2[at] = row[j]!;
    }
    [hi, hi2] = [hi2, hi];
    [lo, lo2] = [lo2, lo];
    [row, row2] = [row2, row];
  }
  return { hi, lo, row };
}
