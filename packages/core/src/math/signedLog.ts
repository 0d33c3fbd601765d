/**
 * A real number held as sign · e^log, so that products of huge or tiny factors neither overflow nor
 * underflow. sign is −1, 0 or 1, or NaN when the value is undefined.
 */
export interface SignedLog {
  readonly sign: number;
  readonly log: number;
}

export const SIGNED_ZERO: SignedLog = { sign: 0, log: Number.NEGATIVE_INFINITY };
export const SIGNED_NAN: SignedLog = { sign: Number.NaN, log: Number.NaN };

export function signedLogOf(value: number): SignedLog {
  if (Number.isNaN(value)) return SIGNED_NAN;
  if (value === 0) return SIGNED_ZERO;
  return { sign: Math.sign(value), log: Math.log(Math.abs(value)) };
}

export function signedLogValue(v: SignedLog): number {
  return v.sign === 0 ? 0 : v.sign * Math.exp(v.log);
}

export function signedLogMultiply(v: SignedLog, sign: number, log: number): SignedLog {
  const s = v.sign * sign;
  return s === 0 ? SIGNED_ZERO : { sign: s, log: v.log + log };
}

/** u + w, computed relative to the larger magnitude. */
export function signedLogAdd(u: SignedLog, w: SignedLog): SignedLog {
  if (Number.isNaN(u.sign) || Number.isNaN(w.sign)) return SIGNED_NAN;
  if (u.sign === 0) return w;
  if (w.sign === 0) return u;
  const [big, small] = u.log >= w.log ? [u, w] : [w, u];
  const ratio = Math.exp(small.log - big.log);
  const factor = big.sign === small.sign ? 1 + ratio : 1 - ratio;
  if (factor === 0) return SIGNED_ZERO;
  return { sign: big.sign * Math.sign(factor), log: big.log + Math.log(Math.abs(factor)) };
}
