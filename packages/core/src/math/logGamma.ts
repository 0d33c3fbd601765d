/**
 * log|Γ(x)| for real x, and the sign of Γ(x).
 *
 * Below 10 we use the Lanczos approximation with Godfrey's g = 607/128, 15-term coefficients
 * (relative error of Γ about 1e-15); from 10 up the Stirling series, whose truncation error there is
 * below 1e-17 and which avoids the cancellation Lanczos suffers for large arguments.
 * Negative non-integers go through the reflection formula; poles (0, −1, −2, …) give +Infinity.
 */

const LANCZOS_G = 607 / 128;
const LANCZOS_COEFFICIENTS = [
  0.9999999999999971, 57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202,
  0.00003399464998481189, 0.00004652362892704858, -0.00009837447530487956, 0.0001580887032249125,
  -0.00021026444172410488, 0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275,
  -0.000026190838401581408, 0.0000036899182659531625,
] as const;

export const HALF_LOG_TWO_PI = 0.9189385332046728;
const LOG_PI = 1.1447298858494002;
const STIRLING_FROM = 10;

/** log|Γ(x)|: +Infinity at the poles x = 0, −1, −2, …; NaN for NaN. */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0.5) {
    // Γ(x)Γ(1−x) = π / sin(πx); sinPi keeps the argument reduction exact.
    return LOG_PI - Math.log(Math.abs(sinPi(x))) - logGamma(1 - x);
  }
  if (x >= STIRLING_FROM) return stirling(x);
  return lanczos(x);
}

/** The sign of Γ(x): +1, −1, or NaN at the poles and for NaN. */
export function gammaSign(x: number): number {
  if (Number.isNaN(x) || (x <= 0 && Number.isInteger(x))) return Number.NaN;
  if (x > 0) return 1;
  // Γ is negative on (−1, 0), (−3, −2), …
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** 1/Γ(x) is zero at the poles; callers that multiply by it use this to drop a term exactly. */
export function isGammaPole(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** sin(πx) with the argument reduced first, so that sinPi(n) is exactly 0. */
export function sinPi(x: number): number {
  const r = x - 2 * Math.round(x / 2); // r in [−1, 1]
  if (r === 0 || Math.abs(r) === 1) return 0;
  if (r > 0.5) return Math.sin(Math.PI * (1 - r));
  if (r < -0.5) return -Math.sin(Math.PI * (1 + r));
  return Math.sin(Math.PI * r);
}

function lanczos(x: number): number {
  const y = x - 1;
  let sum = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) sum += (LANCZOS_COEFFICIENTS[i] ?? 0) / (y + i);
  const t = y + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

function stirling(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  // Bernoulli terms B2k / (2k(2k−1) x^(2k−1)), k = 1..7
  const series =
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 *
            (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + series;
}
