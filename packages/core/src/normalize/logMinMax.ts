import type { CapOptions } from './minMaxScale.js';
import { minMaxScale } from './minMaxScale.js';

/**
 * Signed log1p: sign(x) · ln(1 + |x|). Zero stays zero, order is kept, and both tails are compressed
 * alike, so a credit-heavy customer with −2,000,000 net revenue sits as far below 0 as +2,000,000 sits
 * above it instead of being NaN (plain log) or crushed onto 0 (clamping at zero).
 */
export function signedLog1p(x: number): number {
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

/**
 * Min-max on the signed-log scale: for heavy-tailed columns (money, head count) where plain min-max
 * would squash almost everyone near 0. Quantile caps are taken on the log scale (the same order
 * statistics); a fixed `range` is given in raw units and transformed alike.
 */
export function logMinMax(values: Float64Array, options: CapOptions = {}): Float64Array {
  const logged = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) logged[i] = signedLog1p(values[i]!);
  const range = options.range;
  // The logged column is ours: scale it in place rather than allocating another.
  return minMaxScale(
    logged,
    { ...options, range: range ? [signedLog1p(range[0]), signedLog1p(range[1])] : undefined },
    logged,
  );
}
