import {
  ABC_CLASS_KEYS,
  ABC_CLASS_LABELS,
  bgnbdConditionalExpectedPurchases,
  CHURN_LEVEL,
  CHURN_LEVEL_KEYS,
  CHURN_LEVEL_LABELS,
  column,
  type ClvReason,
  type GradeResult,
  type GradingModel,
} from '@stratum/core';
import {
  calibrationTable,
  errorSummary,
  precisionRecall,
  rocAuc,
  shareOf,
  sumByGroup,
} from './backtestMetrics.js';
import type { BacktestReport } from './backtestReportSchema.js';

/**
 * The three comparisons of a backtest, each on columns aligned with the graded customers: the churn
 * warning against who bought nothing in the horizon, BG/NBD's expected purchases against the purchases
 * made, and the horizon's revenue by tier and ABC class.
 */
export interface HorizonActuals {
  /** Purchase days in the horizon, per graded customer. */
  purchases: Float64Array;
  /** Net revenue in the horizon, per graded customer. */
  revenue: Float64Array;
}

/** Rows with a purchase on or before the as-of date (clv_x is NaN for a customer who never bought). */
export function purchasedBeforeRows(result: GradeResult): Uint32Array {
  const x = column(result.features, 'clv_x');
  const rows: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]!)) rows.push(i);
  return Uint32Array.from(rows);
}

function pick<T extends Float64Array | Uint8Array>(values: T, rows: Uint32Array): Float64Array {
  return Float64Array.from(rows, (i) => values[i]!);
}

const WARNINGS = [
  { key: 'high', minLevel: CHURN_LEVEL.high, label: { zh: '高风险预警', en: 'High-risk warning' } },
  {
    key: 'high_medium',
    minLevel: CHURN_LEVEL.medium,
    label: { zh: '中、高风险预警', en: 'Medium- or high-risk warning' },
  },
] as const;

export function churnSection(
  result: GradeResult,
  actuals: HorizonActuals,
  rows: Uint32Array,
  horizonDays: number,
): BacktestReport['churn'] {
  const churned = Float64Array.from(rows, (i) => (actuals.purchases[i]! > 0 ? 0 : 1));
  const risk = pick(result.churn.risk, rows);
  const level = pick(result.churn.level, rows);
  const pAlive = pick(result.clv.pAlive, rows);
  let churnedCount = 0;
  for (const c of churned) churnedCount += c;
  const pAliveAuc = rocAuc(
    pAlive.map((p) => 1 - p),
    churned,
  );
  return {
    title: { zh: '流失预警', en: 'Churn warning' },
    measured: {
      zh: `截至日前有购买的客户：流失风险 vs. 之后 ${horizonDays} 天内是否未再购买`,
      en: `Customers with a purchase on or before the as-of date: churn risk vs. no purchase in the next ${horizonDays} days`,
    },
    customers: rows.length,
    churned: churnedCount,
    baseRate: rows.length > 0 ? churnedCount / rows.length : null,
    auc: rocAuc(risk, churned).auc,
    pAliveAuc: pAliveAuc.auc,
    pAliveCustomers: pAliveAuc.positives + pAliveAuc.negatives,
    levels: WARNINGS.map((w) => {
      const pr = precisionRecall(
        level.map((l) => (l >= w.minLevel ? 1 : 0)),
        churned,
      );
      return {
        key: w.key,
        label: w.label,
        flagged: pr.flagged,
        truePositives: pr.truePositives,
        precision: pr.precision,
        recall: pr.recall,
      };
    }),
    byLevel: CHURN_LEVEL_KEYS.map((key) => {
      const code = CHURN_LEVEL[key];
      let customers = 0;
      let lost = 0;
      for (let k = 0; k < level.length; k++) {
        if (level[k] !== code) continue;
        customers++;
        lost += churned[k]!;
      }
      return {
        key,
        label: CHURN_LEVEL_LABELS[code]!,
        customers,
        churned: lost,
        churnRate: customers > 0 ? lost / customers : null,
      };
    }),
  };
}

/** CLV reasons that mean BG/NBD itself was not fitted (Gamma-Gamma's do not matter here). */
const BGNBD_FALLBACKS: ReadonlySet<ClvReason> = new Set<ClvReason>([
  'TOO_FEW_CUSTOMERS',
  'NO_REPEAT_BUYERS',
  'TOO_FEW_REPEAT_BUYERS',
  'NO_OBSERVATION_TIME',
  'BGNBD_NOT_CONVERGED',
  'BGNBD_DEGENERATE',
]);

/**
 * BG/NBD's expected purchase days in the horizon (FHL eq. 10 with P(alive), the fit's own parameters and
 * time unit), against the purchase days made: only customers with a valid purchase history get a
 * prediction, so only they are measured.
 */
export function purchasesSection(
  result: GradeResult,
  actuals: HorizonActuals,
  horizonDays: number,
): BacktestReport['purchases'] {
  const diagnostics = result.clvDiagnostics;
  const unit = diagnostics.timeUnitDays;
  const reasons = diagnostics.reasons.filter((r) => BGNBD_FALLBACKS.has(r));
  const fitted = diagnostics.bgnbd !== null && reasons.length === 0;
  const base = {
    title: { zh: '预期购买次数（BG/NBD）', en: 'Expected purchases (BG/NBD)' },
    measured: {
      zh: `有有效购买记录的客户：预测的之后 ${horizonDays} 天购买天数 vs. 实际购买天数`,
      en: `Customers with a valid purchase history: predicted vs. actual purchase days in the next ${horizonDays} days`,
    },
    timeUnitDays: unit,
    horizonUnits: horizonDays / unit,
  };
  if (!fitted || !diagnostics.bgnbd) {
    return {
      ...base,
      customers: 0,
      status: 'no_fit',
      reasons,
      expectedTotal: 0,
      actualTotal: 0,
      meanAbsoluteError: null,
      meanError: null,
      calibration: [],
    };
  }
  const features = result.features;
  const [all] = bgnbdConditionalExpectedPurchases(
    diagnostics.bgnbd.params,
    column(features, 'clv_x'),
    column(features, 'clv_tx').map((v) => v / unit),
    column(features, 'clv_T').map((v) => v / unit),
    [horizonDays / unit],
  );
  const rows: number[] = [];
  for (let i = 0; i < all!.length; i++) if (Number.isFinite(all![i]!)) rows.push(i);
  const measured = Uint32Array.from(rows);
  const expected = pick(all!, measured);
  const actual = pick(actuals.purchases, measured);
  const summary = errorSummary(expected, actual);
  return {
    ...base,
    customers: measured.length,
    status: 'ok',
    reasons: [],
    expectedTotal: summary.predictedTotal,
    actualTotal: summary.actualTotal,
    meanAbsoluteError: summary.meanAbsoluteError,
    meanError: summary.meanError,
    calibration: calibrationTable(expected, actual, 10).map((bin) => ({
      bin: bin.bin,
      customers: bin.customers,
      expectedFrom: bin.predictedFrom,
      expectedTo: bin.predictedTo,
      expectedMean: bin.predictedMean,
      actualMean: bin.actualMean,
    })),
  };
}

/** Revenue in the horizon by the tier and ABC class given as of the date, beside their share before it. */
export function revenueSection(
  model: GradingModel,
  result: GradeResult,
  actuals: HorizonActuals,
  horizonDays: number,
): BacktestReport['revenue'] {
  const before = column(result.features, 'revenue');
  const groups = (
    codes: Uint8Array,
    keys: readonly string[],
    labels: readonly { zh: string; en: string }[],
  ): BacktestReport['revenue']['tiers'] => {
    const after = sumByGroup(codes, keys.length, actuals.revenue);
    const earlier = sumByGroup(codes, keys.length, before);
    return keys.map((key, g) => ({
      key,
      label: labels[g]!,
      customers: after.customers[g]!,
      revenue: cents(after.sums[g]!),
      share: shareOf(after.sums[g]!, after.total),
      shareBefore: shareOf(earlier.sums[g]!, earlier.total),
    }));
  };
  let total = 0;
  for (const r of actuals.revenue) total += r;
  return {
    title: { zh: '各层级收入占比', en: 'Revenue share by tier' },
    measured: {
      zh: `全部已分级客户：之后 ${horizonDays} 天的净收入按截至日的层级与 ABC 类别汇总`,
      en: `All graded customers: net revenue in the next ${horizonDays} days by the tier and ABC class given as of the date`,
    },
    customers: result.ids.length,
    total: cents(total),
    tiers: groups(
      result.tiers.tier,
      model.tiers.map((t) => t.key),
      model.tiers.map((t) => t.label),
    ),
    abc: groups(result.abc.abcClass, ABC_CLASS_KEYS, ABC_CLASS_LABELS),
  };
}

/** Money sums to the cent: summing currency units accumulates binary rounding noise. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
