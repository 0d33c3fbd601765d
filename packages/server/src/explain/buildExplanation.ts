import {
  CHURN_SIGNAL_KEYS,
  CHURN_SIGNALS,
  CLASSIFICATION_LABELS,
  churnReasonKeys,
  RFM_SCORE_LABELS,
  TIER_REASON,
  type ClassificationDimension,
  type Label,
} from '@stratum/core';
import type { ExplainValues } from '@stratum/db';
import type { CustomerRow } from '../customers/customerSchemas.js';
import {
  abcOf,
  centsToDecimal,
  churnLevelOf,
  dimensionOf,
  finiteOrNull,
  lifecycleOf,
  phaseOf,
  rfmSegmentOf,
  tierByKey,
  tierOf,
  tierReasons,
  type Coded,
  type DecodedReason,
} from '../grades/gradeCodes.js';
import { ChurnSentences } from '../grades/churnSentences.js';
import type { GradedRun } from '../grades/gradedRuns.js';
import {
  hysteresisNote,
  OVERRIDE_STATUS_LABELS,
  overrideNote,
  rulesFired,
  type RuleFired,
} from './gradeNotes.js';
import { waterfall, type Waterfall } from './waterfall.js';

/** A row of `grades` as the explanation reads it (bigints as text, dates as text). */
export interface GradeRow extends Record<string, unknown> {
  run_id: string;
  score: number;
  tier: number;
  computed_tier: number;
  tier_since: string | null;
  tier_flags: number;
  rule_index: number;
  abc: number;
  rfm_r: number;
  rfm_f: number;
  rfm_m: number;
  rfm_segment: number;
  lifecycle: number;
  lifecycle_phase: number;
  p_alive: number | null;
  expected_purchases: number | null;
  clv_historical_cents: string | null;
  clv_predicted_cents: string | null;
  revenue_cents: string;
  churn_risk: number;
  churn_level: number;
  churn_flags: number;
  importance: number;
  demand: number;
  contribution: number;
  growth_potential: number;
  industry_position: number;
  portfolio: number;
  explain: Buffer;
}

export interface OverrideRow extends Record<string, unknown> {
  id: string;
  tier: string;
  status: string;
  reason: string;
  expires_on: string;
  requested_by: string | null;
  decided_by: string | null;
  requested_at: Date;
  decided_at: Date | null;
  active: boolean;
}

export interface ChurnReason {
  code: string;
  label: Label;
  /** What the evidence measures. */
  measure: Label;
  evidence: number | null;
  sentence: Label;
}

const DIMENSIONS: readonly ClassificationDimension[] = [
  'importance',
  'demand',
  'contribution',
  'growthPotential',
  'industryPosition',
  'portfolioQuadrant',
];

export interface GradeExplanation {
  customer: { id: number; externalId: string; name: string };
  run: GradedRun;
  score: number;
  tier: Coded;
  computedTier: Coded;
  tierSince: string | null;
  overridden: boolean;
  override: {
    id: number;
    tier: Coded;
    status: Coded;
    reason: string;
    expiresOn: string;
    requestedBy: string | null;
    decidedBy: string | null;
    requestedAt: string;
    decidedAt: string | null;
    active: boolean;
    appliedInRun: boolean;
    note: Label;
  } | null;
  reasons: DecodedReason[];
  rulesFired: RuleFired[];
  hysteresis: { scoreMargin: number; minDaysInTier: number; held: boolean; note: Label | null };
  scorecard: Waterfall;
  churn: { risk: number | null; level: Coded; reasons: ChurnReason[]; summary: Label };
  clv: {
    revenue: string;
    historical: string | null;
    predicted: string | null;
    horizonMonths: number;
    pAlive: number | null;
    expectedPurchases: number | null;
    expectedHorizonDays: number;
  };
  abc: Coded;
  rfm: { r: number; f: number; m: number; segment: Coded; labels: typeof RFM_SCORE_LABELS };
  lifecycle: { stage: Coded; phase: Coded };
  classification: Record<ClassificationDimension, Coded & { name: Label }>;
}

/** Puts a stored grade, its explain blob and the run's model together (pure). */
export function buildExplanation(
  customer: CustomerRow,
  run: GradedRun,
  row: GradeRow,
  blob: ExplainValues,
  override: OverrideRow | undefined,
): GradeExplanation {
  const { model } = run.model;
  const tier = tierOf(model, row.tier);
  const computedTier = tierOf(model, row.computed_tier);
  const held = (row.tier_flags & TIER_REASON.HELD_BY_HYSTERESIS) !== 0;
  const applied = (row.tier_flags & TIER_REASON.OVERRIDE) !== 0;
  const codes = {
    importance: row.importance,
    demand: row.demand,
    contribution: row.contribution,
    growthPotential: row.growth_potential,
    industryPosition: row.industry_position,
    portfolioQuadrant: row.portfolio,
  } satisfies Record<ClassificationDimension, number>;
  return {
    customer: { id: customer.id, externalId: customer.externalId, name: customer.name },
    run,
    score: Math.round(row.score * 100) / 100,
    tier,
    computedTier,
    tierSince: row.tier_since,
    overridden: applied,
    override: override
      ? {
          id: Number(override.id),
          tier: tierByKey(model, override.tier),
          status: {
            key: override.status,
            label: OVERRIDE_STATUS_LABELS[override.status] ?? { zh: override.status, en: override.status },
          },
          reason: override.reason,
          expiresOn: override.expires_on,
          requestedBy: override.requested_by,
          decidedBy: override.decided_by,
          requestedAt: new Date(override.requested_at).toISOString(),
          decidedAt: override.decided_at ? new Date(override.decided_at).toISOString() : null,
          active: override.active,
          appliedInRun: applied,
          note: overrideNote(
            {
              tier: tierByKey(model, override.tier),
              expiresOn: override.expires_on,
              reason: override.reason,
            },
            computedTier,
            applied,
          ),
        }
      : null,
    reasons: tierReasons(row.tier_flags),
    rulesFired: rulesFired(model, row.tier_flags, row.rule_index),
    hysteresis: {
      ...model.hysteresis,
      held,
      note: held ? hysteresisNote(model, computedTier, row.tier_since) : null,
    },
    scorecard: waterfall(model, blob.raw, blob.contributions, row.score),
    churn: {
      risk: finiteOrNull(row.churn_risk),
      level: churnLevelOf(row.churn_level),
      ...churnReasons(row.churn_flags, blob.evidence, model.windowMonths),
    },
    clv: {
      revenue: centsToDecimal(row.revenue_cents) ?? '0.00',
      historical: centsToDecimal(row.clv_historical_cents),
      predicted: centsToDecimal(row.clv_predicted_cents),
      horizonMonths: model.clv.horizonMonths,
      pAlive: finiteOrNull(row.p_alive),
      expectedPurchases: finiteOrNull(row.expected_purchases),
      expectedHorizonDays: model.clv.expectedHorizonDays,
    },
    abc: abcOf(row.abc),
    rfm: {
      r: row.rfm_r,
      f: row.rfm_f,
      m: row.rfm_m,
      segment: rfmSegmentOf(model, row.rfm_segment),
      labels: RFM_SCORE_LABELS,
    },
    lifecycle: { stage: lifecycleOf(row.lifecycle), phase: phaseOf(row.lifecycle_phase) },
    classification: Object.fromEntries(
      DIMENSIONS.map((d) => [d, { name: CLASSIFICATION_LABELS[d].name, ...dimensionOf(d, codes[d]) }]),
    ) as GradeExplanation['classification'],
  };
}

/** The fired churn signals with their evidence and core's sentences (describeChurnReasons), zh and en. */
export function churnReasons(
  flags: number,
  evidence: readonly number[],
  windowMonths: number,
): { reasons: ChurnReason[]; summary: Label } {
  const sentences = new ChurnSentences(windowMonths);
  const zh = sentences.phrases(flags, evidence, 'zh');
  const en = sentences.phrases(flags, evidence, 'en');
  const reasons = churnReasonKeys(flags).map((key, k) => ({
    code: key,
    label: CHURN_SIGNALS[key].label,
    measure: CHURN_SIGNALS[key].measure,
    evidence: finiteOrNull(evidence[CHURN_SIGNAL_KEYS.indexOf(key)] ?? null),
    sentence: { zh: zh[k] ?? '', en: en[k] ?? '' },
  }));
  return {
    reasons,
    summary: { zh: sentences.sentence(flags, evidence, 'zh'), en: sentences.sentence(flags, evidence, 'en') },
  };
}
