import type { ObjectiveWithGradient } from './minimizeResult.js';

/**
 * The Hessian of f at x by central differences of its analytic gradient (2n gradient evaluations),
 * symmetrised. Row-major n×n. Step hᵢ = step · max(1, |xᵢ|).
 */
export function numericHessian(fg: ObjectiveWithGradient, x: ArrayLike<number>, step = 1e-4): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const point = Float64Array.from(x);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const xj = x[j] ?? 0;
    const h = step * Math.max(1, Math.abs(xj));
    point[j] = xj + h;
    fg(point, up);
    point[j] = xj - h;
    fg(point, down);
    point[j] = xj;
    for (let i = 0; i < n; i++) H[i * n + j] = ((up[i] ?? 0) - (down[i] ?? 0)) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = ((H[i * n + j] ?? 0) + (H[j * n + i] ?? 0)) / 2;
      H[i * n + j] = m;
      H[j * n + i] = m;
    }
  }
  return H;
}

/**
 * The inverse of a symmetric positive-definite n×n matrix (row-major) by Cholesky factorisation, or
 * null when it is not positive definite (or not finite).
 */
export function invertSpd(A: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (L[i * n + k] ?? 0) * (L[j * n + k] ?? 0);
      if (i === j) {
        if (!(s > 0) || !Number.isFinite(s)) return null;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / (L[j * n + j] ?? 1);
      }
    }
  }
  // A⁻¹ = L⁻ᵀ L⁻¹: solve for each unit vector.
  const inv = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let s = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) s -= (L[i * n + k] ?? 0) * (y[k] ?? 0);
      y[i] = s / (L[i * n + i] ?? 1);
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = y[i] ?? 0;
      for (let k = i + 1; k < n; k++) s -= (L[k * n + i] ?? 0) * (inv[k * n + c] ?? 0);
      inv[i * n + c] = s / (L[i * n + i] ?? 1);
    }
  }
  return inv;
}
