/**
 * Scores are sums of floating-point contributions, so a customer whose every indicator is worth exactly
 * 80 can come out as 79.99999999999999. Band comparisons forgive that much (far below any displayed digit).
 */
export const SCORE_TOLERANCE = 1e-9;

/** score ≥ threshold, forgiving floating-point noise. */
export function reaches(score: number, threshold: number): boolean {
  return score >= threshold - SCORE_TOLERANCE;
}
