import { SIGNED_NAN, SIGNED_ZERO, type SignedLog } from './signedLog.js';

/**
 * The generalized hypergeometric series ₃F₂(a1, a2, a3; b1, b2; z) = Σ (a1)ₙ(a2)ₙ(a3)ₙ / ((b1)ₙ(b2)ₙ n!) zⁿ,
 * summed term by term for |z| < 1 (₂F₁ is the case a3 = b2). The running sum is rescaled when it grows
 * large, so the result comes back as a signed log and never overflows.
 *
 * Stops when the next term, and a geometric bound on the tail, fall below `tolerance` times the sum,
 * once n is past every negative parameter (before that the terms may still grow). Returns NaN if
 * `maxTerms` terms do not suffice or a denominator parameter hits a pole. A numerator parameter that is
 * a non-positive integer makes the series a polynomial, which is summed for any z.
 */
export function hypergeometricSeries(
  a1: number,
  a2: number,
  a3: number,
  b1: number,
  b2: number,
  z: number,
  tolerance = 1e-16,
  maxTerms = 200_000,
): SignedLog {
  if (z === 0) return { sign: 1, log: 0 };
  const terminates = isNonPositiveInteger(a1) || isNonPositiveInteger(a2) || isNonPositiveInteger(a3);
  if (Number.isNaN(z) || (!terminates && !(Math.abs(z) < 1))) return SIGNED_NAN;
  const settled = Math.max(0, -a1, -a2, -a3, -b1, -b2);
  const RESCALE_ABOVE = 1e250;
  let term = 1;
  let sum = 1;
  let scaleLog = 0;
  for (let n = 0; n < maxTerms; n++) {
    const denominator = (b1 + n) * (b2 + n) * (n + 1);
    if (denominator === 0) return SIGNED_NAN;
    const ratio = (((a1 + n) * (a2 + n) * (a3 + n)) / denominator) * z;
    term *= ratio;
    if (term === 0) return finish(sum, scaleLog); // terminating polynomial
    sum += term;
    if (Math.abs(sum) > RESCALE_ABOVE || Math.abs(term) > RESCALE_ABOVE) {
      sum /= RESCALE_ABOVE;
      term /= RESCALE_ABOVE;
      scaleLog += Math.log(RESCALE_ABOVE);
    }
    // The tail bound (a division) only once the term itself is small enough.
    if (n > settled && Math.abs(term) <= tolerance * Math.abs(sum)) {
      const r = Math.abs(ratio);
      const tail = r < 1 ? (Math.abs(term) * r) / (1 - r) : Number.POSITIVE_INFINITY;
      if (tail <= tolerance * Math.abs(sum)) return finish(sum, scaleLog);
    }
    if (!Number.isFinite(sum)) return SIGNED_NAN;
  }
  return SIGNED_NAN;
}

function finish(sum: number, scaleLog: number): SignedLog {
  if (sum === 0) return SIGNED_ZERO;
  return { sign: Math.sign(sum), log: scaleLog + Math.log(Math.abs(sum)) };
}

export function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}
