/**
 * Threshold comparisons that forgive floating-point noise: 80 / 100 − 1 is −0.19999999999999996, and
 * a customer whose revenue fell exactly 20 % must still meet a "down 20 % or more" rule. The slack is
 * 1e-12 relative to the threshold (absolute below 1), far below any meaningful difference in days,
 * counts, scores, ratios or money. NaN never passes.
 */
const RELATIVE_SLACK = 1e-12;

/** The noise forgiven around `threshold` (loops over many rows compute it once). */
export const slack = (threshold: number): number => RELATIVE_SLACK * Math.max(1, Math.abs(threshold));

/** x ≥ threshold, up to rounding noise. */
export function atLeast(x: number, threshold: number): boolean {
  return x >= threshold - slack(threshold);
}

/** x ≤ threshold, up to rounding noise. */
export function atMost(x: number, threshold: number): boolean {
  return x <= threshold + slack(threshold);
}
