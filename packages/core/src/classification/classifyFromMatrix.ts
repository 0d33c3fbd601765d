import { column, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import type { ColumnOrders } from '../util/columnOrder.js';
import type { ClassificationConfig } from './ClassificationConfig.js';
import { classifyCustomers, type ClassificationResult } from './classifyCustomers.js';

/**
 * The five dimensions and the quadrant from the matrix plus the other models' outputs: the ABC class
 * (abcClassify), the tier index (0 = top tier) and strategic flags when known, and predicted CLV when
 * the CLV model ran (else the clv_predicted column). `orders`: column sorts other models already made.
 */
export function classifyFromMatrix(
  matrix: FeatureMatrix,
  config: ClassificationConfig,
  extra: {
    abcClass?: Uint8Array;
    tierIndex?: ArrayLike<number>;
    strategic?: Uint8Array;
    clvPredicted?: Float64Array;
  } = {},
  orders?: ColumnOrders,
): ClassificationResult {
  return classifyCustomers(
    {
      demandValue: column(matrix, config.demand.basis),
      contributionValue: column(matrix, config.contribution.basis),
      abcClass: extra.abcClass,
      revenue: column(matrix, 'revenue'),
      revenuePrev: column(matrix, 'revenue_prev'),
      revenueGrowth: column(matrix, 'revenue_growth'),
      clvPredicted: extra.clvPredicted ?? column(matrix, 'clv_predicted'),
      employees: column(matrix, 'employees'),
      companyRevenue: column(matrix, 'company_revenue'),
      marketPosition: column(matrix, 'market_position'),
      tierIndex: extra.tierIndex,
      strategic: extra.strategic,
    },
    config,
    orders,
  );
}
