import { digamma } from './digamma.js';
import { gammaProduct } from './gammaProduct.js';
import { hypergeometricSeries, isNonPositiveInteger } from './hypergeometricSeries.js';
import { isGammaPole } from './logGamma.js';
import { SIGNED_NAN, signedLogAdd, signedLogMultiply, signedLogValue, type SignedLog } from './signedLog.js';

/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for real parameters and real z ≤ 1.
 *
 * - a or b a non-positive integer: a polynomial, summed directly (or reflected to 1−z near z = 1),
 *   for any real z.
 * - z < 0: Pfaff, ₂F₁(a,b;c;z) = (1−z)^−a ₂F₁(a, c−b; c; z/(z−1)), which maps z into (0, 1) and avoids
 *   the alternating (cancelling) series.
 * - 0 < z ≤ 0.9: the power series, in Euler's form (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z) when c−a−b < 0,
 *   so the summed series stays bounded as z → 1 and the growth sits in an explicit power.
 * - z > 0.9: the 1−z connection formula (A&S 15.3.6), whose series in 1−z converge fast. Its two halves
 *   cancel when c−a−b is near an integer m (losing about −log10|c−a−b−m| digits), so within 1e-3 of
 *   one we sum the power series instead while z ≤ 0.9995 (≤ ~80k terms); beyond that, within 1e-5 of
 *   m, we interpolate in c between the limiting formulas for integer m (A&S 15.3.10–15.3.12) and the
 *   connection formula at c−a−b = m ± 1e-5. Worst case about 2e-11 relative, near that band only.
 * - z = 1: Gauss's theorem when c−a−b > 0, otherwise the function diverges (log = +Infinity).
 *
 * Returns NaN for z > 1 (unless a polynomial), for c a non-positive integer, and for NaN input.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  return signedLogValue(logHyp2f1(a, b, c, z));
}

const SERIES_UP_TO = 0.9;
const SLOW_SERIES_UP_TO = 0.9995;
/** Below 0.9995 a near-integer c−a−b is summed by the (slower but exact) series … */
const NEAR_INTEGER_SERIES = 1e-3;
/** … beyond it, this close to an integer, we interpolate in c between the integer case and c ± this. */
const NEAR_INTEGER_BAND = 1e-5;

/** ₂F₁(a, b; c; z) as sign · e^log, for large parameters where the value itself overflows. */
export function logHyp2f1(a: number, b: number, c: number, z: number): SignedLog {
  return evaluate(a, b, c, z, 1 - z);
}

/** y = 1 − z is carried separately so that a transformation can supply it without rounding. */
function evaluate(a: number, b: number, c: number, z: number, y: number): SignedLog {
  if ([a, b, c, z].some(Number.isNaN) || isGammaPole(c)) return SIGNED_NAN;
  if (z === 0 || a === 0 || b === 0) return { sign: 1, log: 0 };
  if (isNonPositiveInteger(a) || isNonPositiveInteger(b)) return polynomial(a, b, c, z, y);
  if (z > 1) return SIGNED_NAN;
  if (z === 1) return atOne(a, b, c);
  if (z < 0) return pfaff(a, b, c, z);
  if (z <= SERIES_UP_TO) return boundedSeries(a, b, c, z, y);
  const d = c - a - b;
  const m = Math.round(d);
  const offInteger = Math.abs(d - m);
  if (offInteger < NEAR_INTEGER_SERIES && z <= SLOW_SERIES_UP_TO) return boundedSeries(a, b, c, z, y);
  if (offInteger >= NEAR_INTEGER_BAND) return connection(a, b, c, y);
  return nearInteger(a, b, m, d - m, y);
}

/**
 * ₂F₁(a, b; a+b+m+t; 1−y) for |t| < h: quadratic interpolation in t through the exact integer case
 * (t = 0) and the connection formula at t = ±h, which there still keeps ~11 digits. ₂F₁ is analytic in
 * c, so the interpolation error is O(h³) and negligible.
 */
function nearInteger(a: number, b: number, m: number, t: number, y: number): SignedLog {
  const h = NEAR_INTEGER_BAND;
  const c0 = a + b + m;
  const atInteger =
    m >= 0
      ? integerExcess(a, b, m, y)
      : // Euler's transformation turns c−a−b = m < 0 into −m > 0.
        signedLogMultiply(integerExcess(c0 - a, c0 - b, -m, y), 1, m * Math.log(y));
  if (t === 0 || atInteger.sign === 0 || Number.isNaN(atInteger.sign)) return atInteger;
  const relative = (v: SignedLog): number => v.sign * atInteger.sign * Math.exp(v.log - atInteger.log);
  const up = relative(connection(a, b, c0 + h, y));
  const down = relative(connection(a, b, c0 - h, y));
  const ratio = 1 + (t * (up - down)) / (2 * h) + (t * t * (up - 2 + down)) / (2 * h * h);
  return signedLogMultiply(atInteger, Math.sign(ratio), Math.log(Math.abs(ratio)));
}

/**
 * (1−z)^−a ₂F₁(a, c−b; c; w) or (1−z)^−b ₂F₁(c−a, b; c; w), w = z/(z−1) ∈ (0, 1). Either is exact; we
 * avoid the one that turns into a polynomial, whose terms cancel near w = 1, unless both do.
 */
function pfaff(a: number, b: number, c: number, z: number): SignedLog {
  const w = z / (z - 1);
  const oneMinusW = 1 / (1 - z);
  const log1mz = Math.log1p(-z);
  const viaA = (): SignedLog => signedLogMultiply(evaluate(a, c - b, c, w, oneMinusW), 1, -a * log1mz);
  const viaB = (): SignedLog => signedLogMultiply(evaluate(c - a, b, c, w, oneMinusW), 1, -b * log1mz);
  if (!isNonPositiveInteger(c - b)) return viaA();
  if (!isNonPositiveInteger(c - a)) return viaB();
  return reflectablePolynomial(c - b, a, c, w) ? viaA() : viaB();
}

/**
 * ₂F₁ when a or b is a non-positive integer −n: a polynomial of degree n, finite for every z. Near and
 * beyond z = 1 its terms alternate and cancel, so there we use the terminating case of A&S 15.3.6,
 * ₂F₁(−n, b; c; z) = (c−b)ₙ/(c)ₙ · ₂F₁(−n, b; b−c−n+1; 1−z), whenever that denominator has no zero.
 */
function polynomial(a: number, b: number, c: number, z: number, y: number): SignedLog {
  const aFirst = isNonPositiveInteger(a) && (!isNonPositiveInteger(b) || a >= b);
  const [negN, other] = aFirst ? [a, b] : [b, a];
  if (z > 0.5 && reflectablePolynomial(negN, other, c, z)) {
    const n = -negN;
    return multiplyBy(
      pochhammerRatio(c - other, c, n),
      hypergeometricSeries(negN, other, 1, other - c - n + 1, 1, y),
    );
  }
  return series(a, b, c, z);
}

function reflectablePolynomial(negN: number, other: number, c: number, z: number): boolean {
  if (!isNonPositiveInteger(negN) || z <= 0.5) return false;
  const e = other - c + negN + 1;
  return !(isNonPositiveInteger(e) && e > negN);
}

/** (u)ₙ / (v)ₙ as a signed log. */
function pochhammerRatio(u: number, v: number, n: number): SignedLog {
  let sign = 1;
  let log = 0;
  for (let k = 0; k < n; k++) {
    sign *= Math.sign(u + k) * Math.sign(v + k);
    log += Math.log(Math.abs(u + k)) - Math.log(Math.abs(v + k));
  }
  return sign === 0 ? { sign: 0, log: Number.NEGATIVE_INFINITY } : { sign, log };
}

function series(a: number, b: number, c: number, z: number): SignedLog {
  return hypergeometricSeries(a, b, 1, c, 1, z);
}

function boundedSeries(a: number, b: number, c: number, z: number, y: number): SignedLog {
  const d = c - a - b;
  if (d >= 0) return series(a, b, c, z);
  return signedLogMultiply(series(c - a, c - b, c, z), 1, d * Math.log(y));
}

function atOne(a: number, b: number, c: number): SignedLog {
  const d = c - a - b;
  if (d > 0) return gammaProduct([c, d], [c - a, c - b]);
  const direction = gammaProduct([c], [a, b]);
  return { sign: direction.sign, log: Number.POSITIVE_INFINITY };
}

/** A&S 15.3.6, for c−a−b not an integer; y = 1−z is small, so both series converge fast. */
function connection(a: number, b: number, c: number, y: number): SignedLog {
  const d = c - a - b;
  const first = gammaProduct([c, d], [c - a, c - b]);
  const second = gammaProduct([c, -d], [a, b]);
  const firstTerm = first.sign === 0 ? first : multiplyBy(first, series(a, b, 1 - d, y));
  const secondTerm =
    second.sign === 0
      ? second
      : signedLogMultiply(multiplyBy(second, series(c - a, c - b, 1 + d, y)), 1, d * Math.log(y));
  return signedLogAdd(firstTerm, secondTerm);
}

/**
 * ₂F₁(a, b; a+b+m; 1−y) for an integer m ≥ 0 (A&S 15.3.10 for m = 0, 15.3.11 for m ≥ 1):
 *   Γ(m)Γ(a+b+m)/(Γ(a+m)Γ(b+m)) Σₙ₌₀^{m−1} (a)ₙ(b)ₙ/(n!(1−m)ₙ) yⁿ
 *   − (−y)^m Γ(a+b+m)/(Γ(a)Γ(b)) Σₙ (a+m)ₙ(b+m)ₙ/(n!(n+m)!) yⁿ [ln y − ψ(n+1) − ψ(n+m+1) + ψ(a+n+m) + ψ(b+n+m)]
 */
function integerExcess(a: number, b: number, m: number, y: number): SignedLog {
  const logY = Math.log(y);
  let finite: SignedLog = { sign: 0, log: Number.NEGATIVE_INFINITY };
  if (m >= 1) {
    let term = 1;
    let sum = 1;
    for (let n = 0; n < m - 1; n++) {
      term *= (((a + n) * (b + n)) / ((n + 1) * (1 - m + n))) * y;
      sum += term;
    }
    finite = signedLogMultiply(
      gammaProduct([m, a + b + m], [a + m, b + m]),
      Math.sign(sum),
      Math.log(Math.abs(sum)),
    );
  }
  // (n+m)! = m!·(m+1)ₙ, so the prefactor carries 1/m! and the loop the rest.
  const prefactor = signedLogMultiply(
    gammaProduct([a + b + m], [a, b, m + 1]),
    m % 2 === 0 ? -1 : 1,
    m * logY,
  );
  if (prefactor.sign === 0) return finite;
  const EULER_GAMMA = 0.5772156649015329;
  let psiN1 = -EULER_GAMMA; // ψ(n+1)
  let psiNm1 = -EULER_GAMMA; // ψ(n+m+1)
  for (let k = 1; k <= m; k++) psiNm1 += 1 / k;
  let psiA = digamma(a + m); // ψ(a+n+m)
  let psiB = digamma(b + m); // ψ(b+n+m)
  let coefficient = 1;
  let sum = 0;
  for (let n = 0; n < 10_000; n++) {
    const term = coefficient * (logY - psiN1 - psiNm1 + psiA + psiB);
    sum += term;
    if (n > Math.max(0, -a - m, -b - m) && Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    coefficient *= (((a + m + n) * (b + m + n)) / ((n + 1) * (m + 1 + n))) * y;
    psiN1 += 1 / (n + 1);
    psiNm1 += 1 / (n + m + 1);
    psiA += 1 / (a + m + n);
    psiB += 1 / (b + m + n);
  }
  const logPart = signedLogMultiply(prefactor, Math.sign(sum), Math.log(Math.abs(sum)));
  return signedLogAdd(finite, logPart);
}

function multiplyBy(u: SignedLog, w: SignedLog): SignedLog {
  return signedLogMultiply(u, w.sign, w.log);
}
