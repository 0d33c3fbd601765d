import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { typicalInterPurchaseDays } from '../util/typicalInterPurchaseDays.js';
import type { LifecycleConfig } from './LifecycleConfig.js';
import { lifecycleStage, type LifecycleResult } from './lifecycleStage.js';

/**
 * Lifecycle stage from the matrix. `pAlive` is the BG/NBD output (NaN = unknown; omit when the CLV
 * model did not run); `iptDays` lets a caller that already computed typical inter-purchase days
 * (e.g. for churn) share them.
 */
export function lifecycleFromMatrix(
  matrix: FeatureMatrix,
  config: LifecycleConfig,
  extra: { pAlive?: Float64Array; iptDays?: Float64Array } = {},
): LifecycleResult {
  const iptDays =
    extra.iptDays ??
    typicalInterPurchaseDays(column(matrix, 'clv_x'), column(matrix, 'clv_tx'), config.fallbackIptDays).days;
  return lifecycleStage(
    {
      status: column(matrix, 'status'),
      daysSinceFirstPurchase: column(matrix, 'clv_T'),
      tenureDays: column(matrix, 'tenure_days'),
      recencyDays: column(matrix, 'recency_days'),
      revenue: column(matrix, 'revenue'),
      revenuePrev: column(matrix, 'revenue_prev'),
      revenueGrowth: column(matrix, 'revenue_growth'),
      revenueTrend: column(matrix, 'revenue_trend'),
      pAlive: extra.pAlive ?? column(matrix, 'p_alive'),
      iptDays,
    },
    config,
  );
}
