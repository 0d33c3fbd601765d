import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { typicalInterPurchaseDays } from '../util/typicalInterPurchaseDays.js';
import type { ChurnConfig } from './ChurnConfig.js';
import { churnRisk, type ChurnResult } from './churnRisk.js';

/**
 * Churn early warning from the matrix. `pAlive` is the BG/NBD output (omit when the CLV model did not
 * run: the p_alive column is used if present); `iptDays` shares typical inter-purchase days already
 * computed for the lifecycle.
 */
export function churnFromMatrix(
  matrix: FeatureMatrix,
  config: ChurnConfig,
  extra: { pAlive?: Float64Array; iptDays?: Float64Array } = {},
): ChurnResult {
  const col = (key: Parameters<typeof column>[1]): Float64Array => column(matrix, key);
  return churnRisk(
    {
      recencyDays: col('recency_days'),
      daysSinceFirstPurchase: col('clv_T'),
      orderCount: col('order_count'),
      orderCountPrev: col('order_count_prev'),
      revenue: col('revenue'),
      revenuePrev: col('revenue_prev'),
      revenueGrowth: col('revenue_growth'),
      pAlive: extra.pAlive ?? col('p_alive'),
      iptDays:
        extra.iptDays ?? typicalInterPurchaseDays(col('clv_x'), col('clv_tx'), config.fallbackIptDays).days,
      complaintCount: col('complaint_count'),
      complaintCountPrev: col('complaint_count_prev'),
      openCriticalComplaints: col('open_critical_complaints'),
      csat: col('csat_avg'),
      csatPrev: col('csat_prev'),
      nps: col('nps'),
      npsPrev: col('nps_prev'),
      daysSinceInteraction: col('days_since_interaction'),
      tierRevisitDays: col('tier_revisit_days'),
      keyContactsLeft: col('key_contacts_left'),
    },
    config,
  );
}
