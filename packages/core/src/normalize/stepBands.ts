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
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out[i] = Number.NaN;
      continue;
    }
    let p = base;
    for (let s = 0; s < thresholds.length && v >= thresholds[s]!; s++) p = points[s]!;
    out[i] = p;
  }
  return out;
}
