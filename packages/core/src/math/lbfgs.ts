import { strongWolfeLineSearch } from './lineSearch.js';
import { dot, maxNorm, type MinimizeResult, type ObjectiveWithGradient } from './minimizeResult.js';

export interface LbfgsOptions {
  readonly maxIterations?: number;
  /** Stop when max |∂f/∂xᵢ| ≤ this. */
  readonly gradientTolerance?: number;
  /** Stop when |Δf| ≤ this · max(1, |f|). */
  readonly functionTolerance?: number;
  /** Number of correction pairs kept. */
  readonly memory?: number;
  /**
   * Starting inverse Hessian (n×n row-major, symmetric positive definite), e.g. from a fit on a
   * subsample; replaces the scaled identity, so the first steps are Newton steps.
   */
  readonly initialInverseHessian?: Float64Array;
}

/**
 * Limited-memory BFGS (Nocedal & Wright, Algorithm 7.5) with a strong Wolfe line search. Never throws:
 * a bad start, an exhausted iteration budget or a failed line search come back as converged = false
 * with the reason, and the best point seen so far.
 */
export function minimizeLbfgs(
  fg: ObjectiveWithGradient,
  x0: ArrayLike<number>,
  options: LbfgsOptions = {},
): MinimizeResult {
  const maxIterations = options.maxIterations ?? 200;
  const gtol = options.gradientTolerance ?? 1e-8;
  const ftol = options.functionTolerance ?? 1e-14;
  const memory = options.memory ?? 8;
  const n = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const p = new Float64Array(n);
  let evaluations = 1;
  let f = fg(x, g);
  const done = (
    iterations: number,
    converged: boolean,
    reason: MinimizeResult['reason'],
  ): MinimizeResult => ({
    x,
    value: f,
    iterations,
    evaluations,
    converged,
    reason,
    gradientNorm: maxNorm(g),
  });
  if (!Number.isFinite(f) || !Number.isFinite(maxNorm(g))) return done(0, false, 'nonFinite');

  const history = new TwoLoop(n, memory, options.initialInverseHessian ?? null);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxNorm(g) <= gtol) return done(iteration, true, 'gradient');
    history.direction(g, p);
    let slope = dot(g, p);
    if (!(slope < 0)) {
      history.clear();
      for (let i = 0; i < n; i++) p[i] = -(g[i] ?? 0);
      slope = dot(g, p);
    }
    const initial = history.size === 0 && !options.initialInverseHessian ? Math.min(1, 1 / maxNorm(g)) : 1;
    let lastAlpha = Number.NaN;
    let lastValue = Number.NaN;
    const search = strongWolfeLineSearch(
      (alpha) => {
        lastAlpha = alpha;
        for (let i = 0; i < n; i++) trial[i] = (x[i] ?? 0) + alpha * (p[i] ?? 0);
        evaluations++;
        lastValue = fg(trial, trialGradient);
        return { f: lastValue, slope: dot(trialGradient, p) };
      },
      f,
      slope,
      initial,
    );
    if (!(search.alpha > 0) || !(search.f < f)) {
      // When even the first-order prediction of the decrease is below the resolution of f, no step can
      // show progress: that is convergence in double precision, not a failure.
      const unresolvable = -slope <= 1e3 * Number.EPSILON * Math.max(1, Math.abs(f));
      return done(iteration, unresolvable, unresolvable ? 'function' : 'lineSearch');
    }
    let fNew = lastValue;
    if (search.alpha !== lastAlpha) {
      // The zoom ended elsewhere than the accepted step: evaluate there once more.
      for (let i = 0; i < n; i++) trial[i] = (x[i] ?? 0) + search.alpha * (p[i] ?? 0);
      evaluations++;
      fNew = fg(trial, trialGradient);
    }
    history.push(x, trial, g, trialGradient);
    const fOld = f;
    x.set(trial);
    g.set(trialGradient);
    f = fNew;
    if (Math.abs(fOld - f) <= ftol * Math.max(1, Math.abs(f), Math.abs(fOld))) {
      return done(iteration + 1, true, 'function');
    }
  }
  return done(maxIterations, maxNorm(g) <= gtol, maxNorm(g) <= gtol ? 'gradient' : 'maxIterations');
}

/** The L-BFGS inverse-Hessian approximation as a ring of (s, y) pairs and its two-loop recursion. */
class TwoLoop {
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: number[] = [];
  private readonly alpha: Float64Array;
  private readonly scratch: Float64Array;

  constructor(
    private readonly n: number,
    private readonly memory: number,
    private readonly h0: Float64Array | null,
  ) {
    this.alpha = new Float64Array(memory);
    this.scratch = new Float64Array(n);
  }

  get size(): number {
    return this.s.length;
  }

  clear(): void {
    this.s.length = 0;
    this.y.length = 0;
    this.rho.length = 0;
  }

  push(xOld: Float64Array, xNew: Float64Array, gOld: Float64Array, gNew: Float64Array): void {
    const s = new Float64Array(this.n);
    const y = new Float64Array(this.n);
    for (let i = 0; i < this.n; i++) {
      s[i] = (xNew[i] ?? 0) - (xOld[i] ?? 0);
      y[i] = (gNew[i] ?? 0) - (gOld[i] ?? 0);
    }
    const sy = dot(s, y);
    // Skip pairs without positive curvature: they would make the approximation indefinite.
    if (!(sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y)))) return;
    if (this.s.length === this.memory) {
      this.s.shift();
      this.y.shift();
      this.rho.shift();
    }
    this.s.push(s);
    this.y.push(y);
    this.rho.push(1 / sy);
  }

  /** p = −H·g. */
  direction(g: Float64Array, p: Float64Array): void {
    const k = this.s.length;
    for (let i = 0; i < this.n; i++) p[i] = -(g[i] ?? 0);
    for (let j = k - 1; j >= 0; j--) {
      const a = (this.rho[j] ?? 0) * dot(this.s[j] ?? p, p);
      this.alpha[j] = a;
      const y = this.y[j] ?? p;
      for (let i = 0; i < this.n; i++) p[i] = (p[i] ?? 0) - a * (y[i] ?? 0);
    }
    if (this.h0) {
      this.scratch.set(p);
      for (let i = 0; i < this.n; i++) {
        let v = 0;
        for (let j = 0; j < this.n; j++) v += (this.h0[i * this.n + j] ?? 0) * (this.scratch[j] ?? 0);
        p[i] = v;
      }
    } else if (k > 0) {
      const sLast = this.s[k - 1] ?? p;
      const yLast = this.y[k - 1] ?? p;
      const gamma = dot(sLast, yLast) / dot(yLast, yLast);
      for (let i = 0; i < this.n; i++) p[i] = (p[i] ?? 0) * gamma;
    }
    for (let j = 0; j < k; j++) {
      const y = this.y[j] ?? p;
      const s = this.s[j] ?? p;
      const b = (this.rho[j] ?? 0) * dot(y, p);
      const a = this.alpha[j] ?? 0;
      for (let i = 0; i < this.n; i++) p[i] = (p[i] ?? 0) + (a - b) * (s[i] ?? 0);
    }
  }
}
