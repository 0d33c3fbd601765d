/**
 * Relative revenue change of row `i` against the previous window: the extracted `revenue_growth` when
 * present, else revenue / revenue_prev − 1. NaN when there is no baseline (revenue_prev missing or
 * ≤ 0): a customer without a previous window cannot have grown or declined, only started.
 */
export function revenueGrowthAt(
  growth: Float64Array,
  revenue: Float64Array,
  revenuePrev: Float64Array,
  i: number,
): number {
  const g = growth[i]!;
  if (Number.isFinite(g)) return g;
  const prev = revenuePrev[i]!;
  const cur = revenue[i]!;
  if (!(prev > 0) || !Number.isFinite(prev)) return Number.NaN;
  // Missing current revenue with a real baseline means nothing was bought in this window.
  return (Number.isFinite(cur) ? cur : 0) / prev - 1;
}
