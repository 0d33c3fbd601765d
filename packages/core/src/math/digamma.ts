/**
 * The digamma function ψ(x) = d/dx log Γ(x), for the analytic gradients of the CLV likelihoods.
 * Upward recurrence to x ≥ 10, then the asymptotic series (truncation error < 1e-16 there);
 * reflection for negative arguments. Poles (0, −1, −2, …) give NaN.
 */

const ASYMPTOTIC_FROM = 10;

export function digamma(x: number): number {
  if (Number.isNaN(x) || (x <= 0 && Number.isInteger(x))) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x < 0) {
    // ψ(1−x) − ψ(x) = π cot(πx)
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * (x - Math.round(x)));
  }
  let shift = 0;
  let y = x;
  while (y < ASYMPTOTIC_FROM) {
    shift -= 1 / y;
    y += 1;
  }
  const inv2 = 1 / (y * y);
  // Σ B2k / (2k y^2k), k = 1..7
  const series =
    inv2 *
    (1 / 12 -
      inv2 *
        (1 / 120 -
          inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760 - inv2 / 12))))));
  return shift + Math.log(y) - 0.5 / y - series;
}
