/** Why a minimiser stopped. The first two mean it converged; the rest that it did not. */
export type StopReason =
  | 'gradient' // gradient below tolerance
  | 'function' // relative change of the value below tolerance (or below what double precision resolves)
  | 'simplex' // Nelder–Mead simplex collapsed in value and size
  | 'maxIterations'
  | 'lineSearch' // no step along the search direction decreased the value
  | 'nonFinite'; // the objective is not finite at the starting point

export interface MinimizeResult {
  /** The best point found (the start if nothing better was). */
  readonly x: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly reason: StopReason;
  /** Max-norm of the gradient at `x` (NaN for derivative-free methods). */
  readonly gradientNorm: number;
}

/** f(x) that also writes ∇f(x) into `gradient`. Non-finite values are treated as +Infinity. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export type Objective = (x: Float64Array) => number;

export function maxNorm(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i] ?? 0));
  return m;
}

export function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += (u[i] ?? 0) * (v[i] ?? 0);
  return s;
}
