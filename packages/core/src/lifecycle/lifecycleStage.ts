import { STATUS_CODE } from '../matrix/FeatureMatrix.js';
import { atLeast, atMost } from '../util/tolerantCompare.js';
import { revenueGrowthAt } from '../util/revenueGrowthAt.js';
import type { LifecycleConfig } from './LifecycleConfig.js';
import { STAGE_PHASE } from './lifecycleLabels.js';
import { LIFECYCLE_RULE, RULE_STAGE } from './lifecycleRules.js';

export interface LifecycleInput {
  /** Customer record status (STATUS_CODE); NaN = unknown, read as active. */
  readonly status: Float64Array;
  /** Days since the first purchase day (clv_T); preferred age. */
  readonly daysSinceFirstPurchase: Float64Array;
  /** Relationship age (tenure_days); the age when there is no first purchase day. */
  readonly tenureDays: Float64Array;
  readonly recencyDays: Float64Array;
  readonly revenue: Float64Array;
  readonly revenuePrev: Float64Array;
  readonly revenueGrowth: Float64Array;
  /** Monthly revenue slope ÷ monthly mean (revenue_trend); used when there is no growth baseline. */
  readonly revenueTrend: Float64Array;
  /** From the BG/NBD model; NaN = unknown (rules on P(alive) do not fire). */
  readonly pAlive: Float64Array;
  /** Typical inter-purchase days (own, else population median): `typicalInterPurchaseDays(...).days`. */
  readonly iptDays: Float64Array;
}

export interface LifecycleResult {
  /** LIFECYCLE_STAGE code per customer. */
  readonly stage: Uint8Array;
  /** MANAGEMENT_PHASE code per customer (STAGE_PHASE of the stage). */
  readonly phase: Uint8Array;
  /** LIFECYCLE_RULE code per customer: the rule that decided, for "why this stage". */
  readonly rule: Uint8Array;
}

/**
 * Lifecycle stage by ordered rules; the first that matches decides (LIFECYCLE_RULES has the wording):
 *  1 churned    status = churned (a deliberate record, e.g. contract ended, outranks behaviour)
 *  2 prospect   no purchase day up to as-of (a `prospect` status with purchases is stale and ignored)
 *  3 churned    recency ≥ churned.minRecencyDays and (recency ≥ churned.overdueRatio × IPT
 *               or P(alive) ≤ churned.maxPAlive)
 *  4 dormant    same test with the dormant thresholds
 *  5 new        age ≤ newMaxAgeDays (age = days since first purchase day, else tenure_days)
 *  6 declining  revenue growth ≤ declining.maxGrowth (no baseline: trend ≤ declining.maxTrend)
 *  7 declining  P(alive) ≤ declining.maxPAlive
 *  8 growing    revenue growth ≥ growing.minGrowth (no baseline: trend ≥ growing.minTrend)
 *  9 growing    no growth baseline (no previous-window revenue) and age ≤ growing.youngMaxAgeDays
 * 10 mature     otherwise
 * Lapse comes before "new" so that a one-off buyer who vanished is not called new. Revenue growth is
 * measured against the previous window and is unknown (not zero) without one; then the in-window
 * monthly trend stands in for it.
 */
export function lifecycleStage(input: LifecycleInput, config: LifecycleConfig): LifecycleResult {
  const n = input.status.length;
  const stage = new Uint8Array(n);
  const phase = new Uint8Array(n);
  const rule = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const code = ruleFor(input, config, i);
    rule[i] = code;
    stage[i] = RULE_STAGE[code]!;
    phase[i] = STAGE_PHASE[stage[i]!]!;
  }
  return { stage, phase, rule };
}

function ruleFor(input: LifecycleInput, config: LifecycleConfig, i: number): number {
  if (input.status[i] === STATUS_CODE.churned) return LIFECYCLE_RULE.status_churned;
  const recency = input.recencyDays[i]!;
  const firstPurchaseAge = input.daysSinceFirstPurchase[i]!;
  if (!Number.isFinite(recency) && !Number.isFinite(firstPurchaseAge)) return LIFECYCLE_RULE.no_purchase;

  const pAlive = input.pAlive[i]!;
  const overdue = recency / input.iptDays[i]!;
  const { churned, dormant, declining, growing } = config;
  if (
    atLeast(recency, churned.minRecencyDays) &&
    (atLeast(overdue, churned.overdueRatio) || atMost(pAlive, churned.maxPAlive))
  ) {
    return LIFECYCLE_RULE.lapsed_churned;
  }
  if (
    atLeast(recency, dormant.minRecencyDays) &&
    (atLeast(overdue, dormant.overdueRatio) || atMost(pAlive, dormant.maxPAlive))
  ) {
    return LIFECYCLE_RULE.lapsed_dormant;
  }
  const age = Number.isFinite(firstPurchaseAge) ? firstPurchaseAge : input.tenureDays[i]!;
  if (atMost(age, config.newMaxAgeDays)) return LIFECYCLE_RULE.new_customer;

  const growth = revenueGrowthAt(input.revenueGrowth, input.revenue, input.revenuePrev, i);
  const hasBaseline = !Number.isNaN(growth);
  const trend = input.revenueTrend[i]!;
  if (hasBaseline ? atMost(growth, declining.maxGrowth) : atMost(trend, declining.maxTrend))
    return LIFECYCLE_RULE.revenue_decline;
  if (atMost(pAlive, declining.maxPAlive)) return LIFECYCLE_RULE.low_p_alive;
  if (hasBaseline ? atLeast(growth, growing.minGrowth) : atLeast(trend, growing.minTrend))
    return LIFECYCLE_RULE.revenue_growth;
  if (!hasBaseline && atMost(age, growing.youngMaxAgeDays)) return LIFECYCLE_RULE.young_without_baseline;
  return LIFECYCLE_RULE.steady;
}
