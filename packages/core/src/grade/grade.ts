import { abcFromMatrix } from '../abc/abcFromMatrix.js';
import type { AbcResult } from '../abc/abcClassify.js';
import { churnFromMatrix } from '../churn/churnFromMatrix.js';
import type { ChurnResult } from '../churn/churnRisk.js';
import { classifyFromMatrix } from '../classification/classifyFromMatrix.js';
import type { ClassificationResult } from '../classification/classifyCustomers.js';
import { clvInputFromMatrix } from '../clv/clvInput.js';
import { fitClv, type ClvDiagnostics } from '../clv/fitClv.js';
import { predictClv, type ClvPrediction } from '../clv/predictClv.js';
import { lifecycleFromMatrix } from '../lifecycle/lifecycleFromMatrix.js';
import type { LifecycleResult } from '../lifecycle/lifecycleStage.js';
import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { column } from '../matrix/FeatureMatrix.js';
import type { GradingModel } from '../model/GradingModelSchema.js';
import { rfmFromMatrix } from '../rfm/rfmFromMatrix.js';
import type { RfmResult } from '../rfm/rfmScore.js';
import { scoreCustomers, type ScorecardResult } from '../scorecard/scoreCustomers.js';
import type { PreviousGrades } from '../tiers/applyHysteresis.js';
import { assignTiers, type TierAssignment, type TierOverride } from '../tiers/assignTiers.js';
import { idOrder } from '../util/argsortByValueThenId.js';
import { ColumnOrders } from '../util/columnOrder.js';
import { typicalInterPurchaseDays } from '../util/typicalInterPurchaseDays.js';
import { gradeStats, type GradeStats } from './gradeStats.js';

/** Everything Stratum knows about every customer after a grading run, columnar, aligned with `ids`. */
export interface GradeResult {
  readonly ids: Float64Array;
  readonly asOfDay: number;
  /** The matrix the models saw: the input plus p_alive, expected_purchases and clv_predicted. */
  readonly features: FeatureMatrix;
  readonly scorecard: ScorecardResult;
  readonly tiers: TierAssignment;
  readonly abc: AbcResult;
  readonly rfm: RfmResult;
  readonly clv: ClvPrediction;
  readonly clvDiagnostics: ClvDiagnostics;
  readonly lifecycle: LifecycleResult;
  readonly churn: ChurnResult;
  readonly classification: ClassificationResult;
  readonly stats: GradeStats;
}

/** The part of a grade that decides the tiers: what a what-if preview needs. */
export type TierGrade = Pick<
  GradeResult,
  'ids' | 'features' | 'scorecard' | 'tiers' | 'clv' | 'clvDiagnostics'
>;

interface TierStage extends TierGrade {
  /** Row order by id and the shared column sorts, reused by the models after the tiers. */
  readonly byId: Uint32Array;
  readonly orders: ColumnOrders;
}

/**
 * Grades every customer of `features` with a validated model. Pure and deterministic: the same inputs
 * give the same result. Order: the CLV models first (their P(alive), expected purchases and predicted
 * CLV are indicators the scorecard may weigh), then the scorecard and tiers (with hysteresis against
 * `previous` and the active `overrides`), then ABC, RFM, lifecycle, churn warning and the classification
 * dimensions, which may use the tier.
 */
export function grade(
  model: GradingModel,
  features: FeatureMatrix,
  previous?: PreviousGrades,
  overrides: readonly TierOverride[] = [],
): GradeResult {
  const { byId, orders, ...tierGrade } = gradeThroughTiers(model, features, previous, overrides);
  const { features: matrix, tiers, clv } = tierGrade;

  const abc = abcFromMatrix(matrix, model.abc, byId, orders);
  const rfm = rfmFromMatrix(matrix, model.rfm, byId, orders);

  const clvX = column(matrix, 'clv_x');
  const clvTx = column(matrix, 'clv_tx');
  const lifecycleIpt = typicalInterPurchaseDays(clvX, clvTx, model.lifecycle.fallbackIptDays).days;
  const churnIpt =
    model.churn.fallbackIptDays === model.lifecycle.fallbackIptDays
      ? lifecycleIpt
      : typicalInterPurchaseDays(clvX, clvTx, model.churn.fallbackIptDays).days;
  const lifecycle = lifecycleFromMatrix(matrix, model.lifecycle, {
    pAlive: clv.pAlive,
    iptDays: lifecycleIpt,
  });
  const churn = churnFromMatrix(matrix, model.churn, { pAlive: clv.pAlive, iptDays: churnIpt });
  const classification = classifyFromMatrix(
    matrix,
    model.classification,
    { abcClass: abc.abcClass, tierIndex: tiers.tier, clvPredicted: clv.clvPredicted },
    orders,
  );

  const result = { ...tierGrade, asOfDay: matrix.asOfDay, abc, rfm, lifecycle, churn, classification };
  return { ...result, stats: gradeStats(model, result) };
}

/**
 * `grade()` up to and including the tiers, with the same inputs and steps, for callers that only need
 * tiers and scores (a what-if preview): ABC, RFM, lifecycle, churn and classification are skipped.
 */
export function gradeTiers(
  model: GradingModel,
  features: FeatureMatrix,
  previous?: PreviousGrades,
  overrides: readonly TierOverride[] = [],
): TierGrade {
  const {
    byId: _byId,
    orders: _orders,
    ...tierGrade
  } = gradeThroughTiers(model, features, previous, overrides);
  return tierGrade;
}

function gradeThroughTiers(
  model: GradingModel,
  features: FeatureMatrix,
  previous: PreviousGrades | undefined,
  overrides: readonly TierOverride[],
): TierStage {
  const clvInput = clvInputFromMatrix(features);
  const fit = fitClv(clvInput, model.clv);
  const clv = predictClv(fit, clvInput, model.clv);
  const matrix: FeatureMatrix = {
    ...features,
    columns: {
      ...features.columns,
      p_alive: clv.pAlive,
      expected_purchases: clv.expectedPurchases,
      clv_predicted: clv.clvPredicted,
    },
  };
  // Column sorts shared by the models that rank the same column (revenue: scorecard, ABC, RFM).
  const byId = idOrder(matrix.ids);
  const orders = new ColumnOrders(byId);
  const scorecard = scoreCustomers(model, matrix, orders);
  const tiers = assignTiers(model, scorecard.score, matrix, previous, overrides);
  return {
    ids: matrix.ids,
    features: matrix,
    scorecard,
    tiers,
    clv,
    clvDiagnostics: fit.diagnostics,
    byId,
    orders,
  };
}
