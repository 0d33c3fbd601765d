import { finiteValues } from '../util/selectKth.js';
import type { CappedSpec } from './NormalizeSpec.js';
import { DEGENERATE_POINTS } from './NormalizeSpec.js';
import { quantileInPlace, upperQuantile } from './quantileInPlace.js';

export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

export type CapOptions = Pick<CappedSpec, 'cap' | 'floor' | 'range'>;

/**
 * Min-max scaling to 0–100 with winsorising: values are clamped to [lo, hi] first, where lo/hi are
 * the `floor`/`cap` quantiles of the present values (default 0 and 1: the minimum and maximum), or
 * the fixed `range`. Missing (NaN or ±Infinity) stays NaN.
 *
 * Degenerate bounds (lo = hi: one customer, all equal, or a cap that collapses onto the floor) give
 * 50 to values at the bound, 100 above it and 0 below it, so the order is kept and nothing is NaN.
 */
export function minMaxScale(
  values: Float64Array,
  options: CapOptions = {},
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const bounds = options.range
    ? { lo: options.range[0], hi: options.range[1] }
    : quantileBounds(values, options.floor ?? 0, options.cap ?? 1);
  return scaleToBounds(values, bounds, out);
}

/** The `floor` and `cap` quantiles of the finite values; NaN bounds when there are none. */
export function quantileBounds(values: Float64Array, floor: number, cap: number): Bounds {
  if (floor <= 0 && cap >= 1) return finiteExtremes(values);
  // The common cap without a floor (0.99): the top quantile alone, and the minimum by a scan.
  if (floor <= 0) return { lo: finiteExtremes(values).lo, hi: upperQuantile(values, cap) };
  const scratch = finiteValues(values);
  // Upper first: selection for the lower quantile then works on an array whose multiset is unchanged.
  const hi = quantileInPlace(scratch, cap);
  const lo = quantileInPlace(scratch, floor);
  return { lo, hi };
}

function finiteExtremes(values: Float64Array): Bounds {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo && v !== -Infinity) lo = v;
    if (v > hi && v !== Infinity) hi = v;
  }
  return lo <= hi ? { lo, hi } : { lo: Number.NaN, hi: Number.NaN };
}

/**
 * Linear map of [lo, hi] onto [0, 100] with clamping; see `minMaxScale` for the degenerate case.
 * `out` may be `values` itself (element by element), which spares a column for derived inputs.
 */
export function scaleToBounds(
  values: Float64Array,
  { lo, hi }: Bounds,
  out: Float64Array = new Float64Array(values.length),
): Float64Array {
  const n = values.length;
  const width = hi - lo;
  const degenerate = !(width > 0 && width < Infinity);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) out[i] = Number.NaN;
    else if (degenerate) out[i] = v > hi ? 100 : v < lo ? 0 : DEGENERATE_POINTS;
    else if (v >= hi) out[i] = 100;
    else if (v <= lo) out[i] = 0;
    else out[i] = ((v - lo) / width) * 100;
  }
  return out;
}
