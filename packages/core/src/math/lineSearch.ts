/**
 * A line search for the strong Wolfe conditions (Nocedal & Wright, Algorithms 3.5 and 3.6), with
 * safeguarded cubic interpolation in the zoom phase. φ(α) = f(x + αp); φ'(α) its slope.
 */

export interface LinePoint {
  readonly f: number;
  readonly slope: number;
}

export type LineFunction = (alpha: number) => LinePoint;

export interface LineSearchResult {
  /** Accepted step; 0 when no step decreased the value. */
  readonly alpha: number;
  readonly f: number;
  /** True when the strong Wolfe conditions hold; false for a mere decrease or a failure. */
  readonly wolfe: boolean;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_EXPANSIONS = 30;
const MAX_ZOOM = 40;

export function strongWolfeLineSearch(
  phi: LineFunction,
  f0: number,
  slope0: number,
  initial: number,
): LineSearchResult {
  let prevAlpha = 0;
  let prev: LinePoint = { f: f0, slope: slope0 };
  let alpha = initial;
  for (let i = 0; i < MAX_EXPANSIONS; i++) {
    const cur = finite(phi(alpha));
    if (cur.f > f0 + C1 * alpha * slope0 || (i > 0 && cur.f >= prev.f)) {
      return zoom(phi, f0, slope0, prevAlpha, prev, alpha, cur);
    }
    if (Math.abs(cur.slope) <= -C2 * slope0) return { alpha, f: cur.f, wolfe: true };
    if (cur.slope >= 0) return zoom(phi, f0, slope0, alpha, cur, prevAlpha, prev);
    prevAlpha = alpha;
    prev = cur;
    alpha *= 2;
  }
  return { alpha: prevAlpha, f: prev.f, wolfe: false };
}

function zoom(
  phi: LineFunction,
  f0: number,
  slope0: number,
  loAlpha: number,
  lo: LinePoint,
  hiAlpha: number,
  hi: LinePoint,
): LineSearchResult {
  for (let j = 0; j < MAX_ZOOM; j++) {
    const alpha = interpolate(loAlpha, lo, hiAlpha, hi);
    const cur = finite(phi(alpha));
    if (cur.f > f0 + C1 * alpha * slope0 || cur.f >= lo.f) {
      hiAlpha = alpha;
      hi = cur;
    } else {
      if (Math.abs(cur.slope) <= -C2 * slope0) return { alpha, f: cur.f, wolfe: true };
      if (cur.slope * (hiAlpha - loAlpha) >= 0) {
        hiAlpha = loAlpha;
        hi = lo;
      }
      loAlpha = alpha;
      lo = cur;
    }
    if (Math.abs(hiAlpha - loAlpha) <= 1e-14 * Math.max(1, Math.abs(loAlpha))) break;
  }
  // No Wolfe point: keep the best decrease found, if any.
  return { alpha: loAlpha, f: lo.f, wolfe: false };
}

/** Minimiser of the cubic through both ends, kept inside the middle 80 % of the bracket. */
function interpolate(a: number, fa: LinePoint, b: number, fb: LinePoint): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  if (Number.isFinite(fa.f) && Number.isFinite(fb.f)) {
    const d1 = fa.slope + fb.slope - (3 * (fa.f - fb.f)) / (a - b);
    const disc = d1 * d1 - fa.slope * fb.slope;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      const t = b - ((b - a) * (fb.slope + d2 - d1)) / (fb.slope - fa.slope + 2 * d2);
      if (Number.isFinite(t)) return Math.min(hi - margin, Math.max(lo + margin, t));
    }
  }
  return (a + b) / 2;
}

function finite(p: LinePoint): LinePoint {
  return Number.isFinite(p.f) && Number.isFinite(p.slope)
    ? p
    : { f: Number.POSITIVE_INFINITY, slope: Number.NaN };
}
