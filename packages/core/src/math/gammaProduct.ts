import { gammaSign, isGammaPole, logGamma } from './logGamma.js';
import { SIGNED_NAN, SIGNED_ZERO, type SignedLog } from './signedLog.js';

/**
 * Π Γ(numerators) / Π Γ(denominators) as a signed log. A pole in a denominator makes the product
 * exactly 0 (1/Γ is entire); a pole in a numerator makes it undefined (NaN).
 */
export function gammaProduct(numerators: readonly number[], denominators: readonly number[]): SignedLog {
  let sign = 1;
  let log = 0;
  for (const x of numerators) {
    if (Number.isNaN(x) || isGammaPole(x)) return SIGNED_NAN;
    sign *= gammaSign(x);
    log += logGamma(x);
  }
  for (const x of denominators) {
    if (Number.isNaN(x)) return SIGNED_NAN;
    if (isGammaPole(x)) return SIGNED_ZERO;
    sign *= gammaSign(x);
    log -= logGamma(x);
  }
  return { sign, log };
}
