/**
 * Log-space helpers: sums of exponentials without overflow, and log(1 ± e^x) without cancellation.
 */

/** log(e^a + e^b). */
export function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log Σ e^(values[i]); −Infinity for an empty list. */
export function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (Number.isNaN(v)) return Number.NaN;
    if (v > max) max = v;
  }
  if (max === Number.NEGATIVE_INFINITY || max === Number.POSITIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp((values[i] ?? 0) - max);
  return max + Math.log(sum);
}

/** log(1 + e^x), exact for large |x|. */
export function log1pExp(x: number): number {
  if (x > 36) return x + Math.exp(-x);
  return Math.log1p(Math.exp(x));
}

/** log(1 − e^x) for x ≤ 0 (Mächler's switch at −ln 2 keeps full precision on both sides). */
export function log1mExp(x: number): number {
  if (x > 0) return Number.NaN;
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** (e^x − 1) / x, with its limit 1 at x = 0. */
export function exprel(x: number): number {
  if (Math.abs(x) < 1e-5) return 1 + x / 2 + (x * x) / 6;
  return Math.expm1(x) / x;
}
