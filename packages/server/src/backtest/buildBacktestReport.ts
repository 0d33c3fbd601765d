import { isoFromDay, dayFromIso, type GradeResult } from '@stratum/core';
import type { ExtractedOutcomes } from '@stratum/db';
import type { StoredModel } from '../models/modelStore.js';
import type { BacktestReport } from './backtestReportSchema.js';
import {
  cents,
  churnSection,
  purchasedBeforeRows,
  purchasesSection,
  revenueSection,
} from './backtestSections.js';

export interface ReportInput {
  model: Pick<StoredModel, 'id' | 'key' | 'version' | 'name' | 'model'>;
  asOf: string;
  horizonDays: number;
  timezone: string;
  /** The grading as of the date (its rows are the customers the outcomes are aligned with). */
  result: GradeResult;
  outcomes: ExtractedOutcomes;
  seconds: Record<string, number>;
}

/** The stored report: what the grading as of the date said, next to what happened in the horizon. */
export function buildBacktestReport(input: ReportInput): BacktestReport {
  const { model, asOf, horizonDays, result, outcomes } = input;
  const actuals = { purchases: outcomes.purchases, revenue: outcomes.revenue };
  const boughtBefore = purchasedBeforeRows(result);
  let purchasers = 0;
  let purchases = 0;
  let revenue = 0;
  for (let i = 0; i < result.ids.length; i++) {
    if (actuals.purchases[i]! > 0) purchasers++;
    purchases += actuals.purchases[i]!;
    revenue += actuals.revenue[i]!;
  }
  const churn = churnSection(result, actuals, boughtBefore, horizonDays);
  const purchaseSection = purchasesSection(result, actuals, horizonDays);
  const report: BacktestReport = {
    version: 1,
    title: {
      zh: `回测：按 ${asOf} 分级，对照之后 ${horizonDays} 天`,
      en: `Backtest: graded as of ${asOf}, compared with the next ${horizonDays} days`,
    },
    model: { id: model.id, key: model.key, version: model.version, name: model.name },
    asOf,
    horizonDays,
    horizonEnd: isoFromDay(dayFromIso(asOf) + horizonDays),
    timezone: input.timezone,
    population: {
      title: { zh: '客户范围', en: 'Population' },
      measured: {
        zh: '截至日已存在、由该模型分级的客户',
        en: 'Customers that existed on the as-of date and that this model grades',
      },
      customers: result.ids.length,
      purchasedBefore: boughtBefore.length,
      purchasersInHorizon: purchasers,
      purchasesInHorizon: purchases,
      revenueInHorizon: cents(revenue),
      notGraded: { ...outcomes.others, revenue: cents(outcomes.others.revenue) },
    },
    churn,
    purchases: purchaseSection,
    revenue: revenueSection(model.model, result, actuals, horizonDays),
    notes: notesFor(churn, purchaseSection, outcomes),
    seconds: input.seconds,
  };
  return report;
}

function notesFor(
  churn: BacktestReport['churn'],
  purchases: BacktestReport['purchases'],
  outcomes: ExtractedOutcomes,
): BacktestReport['notes'] {
  const notes: BacktestReport['notes'] = [
    {
      zh: '按截至日重新分级：不使用之后的分级结果（无层级滞后）和人工调整，以免用到截至日之后的信息。',
      en: 'Graded afresh as of the date: no hysteresis against later grades and no overrides, so nothing decided after the date leaks in.',
    },
  ];
  if (churn.auc === null) {
    notes.push({
      zh: '流失预警 AUC 无法计算：需要同时有流失与未流失的客户。',
      en: 'Churn AUC is undefined: it needs both customers who bought again and customers who did not.',
    });
  }
  if (purchases.status === 'no_fit') {
    notes.push({
      zh: `截至日的数据不足以拟合 BG/NBD（${purchases.reasons.join(', ') || '—'}），未比较预期购买次数。`,
      en: `BG/NBD could not be fitted on the data as of the date (${purchases.reasons.join(', ') || '—'}); expected purchases were not compared.`,
    });
  }
  if (outcomes.others.customers > 0) {
    notes.push({
      zh: `${outcomes.others.customers} 个客户未由该模型在截至日分级（之后新建或属于其他模型的细分），不在比较范围内。`,
      en: `${outcomes.others.customers} customers were not graded by this model as of the date (created later, or in another model's segment) and are not compared.`,
    });
  }
  return notes;
}
