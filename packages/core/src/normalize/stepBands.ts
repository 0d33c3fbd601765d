import { integerKeyMin } from '../util/integerKeys.js';
import type { BandsSpec } from './NormalizeSpec.js';

export type BandStep = BandsSpec['steps'][number];

/**
 * Step points: a value scores the points of the highest step whose `atLeast` it reaches (≥),
 * and `base` below the first step. `steps` must be in strictly increasing `atLeast` order (the model
 * validation enforces it). Points are taken as written — they already say which side is better,
 * so direction inversion does not apply. Missing (NaN or ±Infinity) stays NaN.
 */
export function stepBands(values: Float64Array, steps: readonly BandStep[], base: number): Float64Array {
  const thresholds = steps.map((s) => s.atLeast);
  const points = steps.map((s) => s.points);
  const out = new Float64Array(values.length);
  // Banded columns are mostly counts (referrals, complaints, subsidiaries) or small scales (NPS):
  // their points are looked up by value, one table entry per integer, instead of walking the steps
  // per row (a data-dependent loop exit the CPU mispredicts). Same points either way.
  const integers = integerKeyMin(values);
  if (integers && integers.range <= MAX_TABLE && integers.range <= values.length) {
    const { min, range } = integers;
    const table = new Float64Array(range + 1);
    for (let d = 0; d <= range; d++) table[d] = pointsOf(min + d, thresholds, points, base);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      out[i] = v - v === 0 ? table[v - min]! : Number.NaN;
    }
    return out;
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = Number.isFinite(v) ? pointsOf(v, thresholds, points, base) : Number.NaN;
  }
  return out;
}

/** Largest value range of the lookup table (512 KiB of points). */
const MAX_TABLE = 1 << 16;

function pointsOf(v: number, thresholds: readonly number[], points: readonly number[], base: number): number {
  let p = base;
  for (let s = 0; s < thresholds.length && v >= thresholds[s]!; s++) p = points[s]!;
  return p;
}
