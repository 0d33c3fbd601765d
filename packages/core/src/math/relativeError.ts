/** |actual − expected| / |expected| (absolute error when expected is 0); NaN-safe: NaN vs NaN is 0. */
export function relativeError(actual: number, expected: number): number {
  if (Number.isNaN(actual) && Number.isNaN(expected)) return 0;
  if (actual === expected) return 0;
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
}
