import { countingArgsort, integerKeyMin } from './integerKeys.js';
import { loadKeys, radixScratch, sortLoadedKeys, type RadixScratch } from './radixSort.js';

/**
 * One column's rows in ascending order, equal values in id order (the tie-break of every ranking):
 * −Infinity first, then the finite values, +Infinity, and NaN last — the order of radixArgsort.
 * Several models rank the same column — window revenue is percentile-ranked by the scorecard,
 * Pareto-ranked by ABC and quintile-ranked by RFM — and on 10⁶ rows each sort costs as much as the
 * model around it, so `ColumnOrders` sorts a column once and every consumer derives its order from it.
 */
export interface ColumnOrder {
  readonly values: Float64Array;
  readonly rows: Uint32Array;
  /** values[rows[j]] for every j: tie groups are found by comparing neighbours sequentially. */
  readonly sorted: Float64Array;
  /** rows[finiteFrom..finiteTo) are the finite values. */
  readonly finiteFrom: number;
  readonly finiteTo: number;
}

const cell = new Float64Array(1);
const bits = new Uint32Array(cell.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

export function columnOrder(values: Float64Array, byId: Uint32Array, scratch?: RadixScratch): ColumnOrder {
  const n = values.length;
  let rows: Uint32Array;
  const sorted = new Float64Array(n);
  const integers = integerKeyMin(values);
  if (integers) {
    rows = countingArgsort(values, byId, integers.min, integers.range);
    for (let j = 0; j < n; j++) sorted[j] = values[rows[j]!]!;
  } else {
    const work = scratch ?? radixScratch(n);
    loadKeys(work, values, byId, false);
    const keys = sortLoadedKeys(work, n);
    rows = keys.row.slice(0, n);
    // Undo loadKeys' order-preserving bit mapping: a sequential pass instead of n random reads.
    for (let j = 0; j < n; j++) {
      const h = keys.hi[j]!;
      const l = keys.lo[j]!;
      if (h & 0x80000000) {
        bits[HI] = h ^ 0x80000000;
        bits[LO] = l;
      } else {
        bits[HI] = ~h;
        bits[LO] = ~l;
      }
      sorted[j] = cell[0]!;
    }
  }
  let finiteFrom = 0;
  while (finiteFrom < n && sorted[finiteFrom] === -Infinity) finiteFrom++;
  let finiteTo = n;
  while (finiteTo > finiteFrom && !Number.isFinite(sorted[finiteTo - 1]!)) finiteTo--;
  return { values, rows, sorted, finiteFrom, finiteTo };
}

/** Orders of the columns of one matrix, each computed on first use (by array identity). */
export class ColumnOrders {
  private readonly cache = new Map<Float64Array, ColumnOrder>();
  private scratch: RadixScratch | null = null;

  /** `byId`: the matrix rows by id ascending (idOrder). */
  constructor(readonly byId: Uint32Array) {}

  /** The order of `values` if some model has sorted it already. */
  sorted(values: Float64Array): ColumnOrder | undefined {
    return this.cache.get(values);
  }

  of(values: Float64Array): ColumnOrder {
    let order = this.cache.get(values);
    if (!order) {
      // Integer columns do not need the radix buffers; allocate them on the first real sort.
      if (!integerKeyMin(values)) this.scratch ??= radixScratch(this.byId.length);
      order = columnOrder(values, this.byId, this.scratch ?? undefined);
      this.cache.set(values, order);
    }
    return order;
  }
}
