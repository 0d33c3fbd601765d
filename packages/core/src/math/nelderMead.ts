import type { MinimizeResult, Objective } from './minimizeResult.js';

export interface NelderMeadOptions {
  readonly maxIterations?: number;
  /** Stop when the values across the simplex differ by ≤ this · max(1, |best|) … */
  readonly functionTolerance?: number;
  /** … and every vertex lies within this (max-norm) of the best one. */
  readonly pointTolerance?: number;
  /** Edge of the starting simplex along each axis. */
  readonly initialStep?: number;
}

/**
 * Derivative-free Nelder–Mead simplex minimiser (standard coefficients: reflection 1, expansion 2,
 * contraction ½, shrink ½). Non-finite values count as +Infinity, so the simplex backs away from them.
 * Never throws; an exhausted budget returns converged = false with the best vertex.
 */
export function minimizeNelderMead(
  f: Objective,
  x0: ArrayLike<number>,
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200 * Math.max(1, n);
  const ftol = options.functionTolerance ?? 1e-12;
  const xtol = options.pointTolerance ?? 1e-9;
  const step = options.initialStep ?? 0.5;
  let evaluations = 0;
  const evaluate = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  const vertices: Float64Array[] = [];
  const values: number[] = [];
  for (let k = 0; k <= n; k++) {
    const v = Float64Array.from(x0);
    if (k > 0) v[k - 1] = (v[k - 1] ?? 0) + step;
    vertices.push(v);
    values.push(evaluate(v));
  }
  const order = (): void => {
    const idx = values.map((_, i) => i).sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
    const vs = idx.map((i) => vertices[i] ?? new Float64Array(n));
    const fs = idx.map((i) => values[i] ?? Number.POSITIVE_INFINITY);
    vertices.splice(0, vertices.length, ...vs);
    values.splice(0, values.length, ...fs);
  };
  const centroid = new Float64Array(n);
  const along = (t: number): Float64Array => {
    const worst = vertices[n] ?? centroid;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = (centroid[i] ?? 0) + t * ((centroid[i] ?? 0) - (worst[i] ?? 0));
    return out;
  };
  const result = (
    iterations: number,
    converged: boolean,
    reason: MinimizeResult['reason'],
  ): MinimizeResult => ({
    x: vertices[0] ?? Float64Array.from(x0),
    value: values[0] ?? Number.NaN,
    iterations,
    evaluations,
    converged,
    reason,
    gradientNorm: Number.NaN,
  });

  order();
  if (!Number.isFinite(values[0] ?? Number.NaN)) return result(0, false, 'nonFinite');
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const best = values[0] ?? 0;
    if (collapsed(vertices, values, ftol * Math.max(1, Math.abs(best)), xtol))
      return result(iteration, true, 'simplex');
    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const v = vertices[k] ?? centroid;
      for (let i = 0; i < n; i++) centroid[i] = (centroid[i] ?? 0) + (v[i] ?? 0) / n;
    }
    const reflected = along(1);
    const fr = evaluate(reflected);
    const secondWorst = values[n - 1] ?? 0;
    const worstValue = values[n] ?? 0;
    if (fr < best) {
      const expanded = along(2);
      const fe = evaluate(expanded);
      replaceWorst(fe < fr ? expanded : reflected, Math.min(fe, fr));
    } else if (fr < secondWorst) {
      replaceWorst(reflected, fr);
    } else {
      const outside = fr < worstValue;
      const contracted = along(outside ? 0.5 : -0.5);
      const fc = evaluate(contracted);
      if (fc < (outside ? fr : worstValue)) {
        replaceWorst(contracted, fc);
      } else {
        shrink();
      }
    }
    order();
  }
  return result(maxIterations, false, 'maxIterations');

  function replaceWorst(v: Float64Array, value: number): void {
    vertices[n] = v;
    values[n] = value;
  }

  function shrink(): void {
    const b = vertices[0] ?? centroid;
    for (let k = 1; k <= n; k++) {
      const v = vertices[k] ?? centroid;
      for (let i = 0; i < n; i++) v[i] = (b[i] ?? 0) + 0.5 * ((v[i] ?? 0) - (b[i] ?? 0));
      values[k] = evaluate(v);
    }
  }
}

function collapsed(vertices: Float64Array[], values: number[], fSpread: number, xtol: number): boolean {
  const best = vertices[0];
  const fBest = values[0] ?? 0;
  if (!best) return true;
  for (let k = 1; k < vertices.length; k++) {
    if (!(Math.abs((values[k] ?? 0) - fBest) <= fSpread)) return false;
    const v = vertices[k] ?? best;
    for (let i = 0; i < best.length; i++) if (Math.abs((v[i] ?? 0) - (best[i] ?? 0)) > xtol) return false;
  }
  return true;
}
