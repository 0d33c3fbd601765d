import type { Label } from '../util/Label.js';
import type { LifecycleConfig } from './LifecycleConfig.js';
import { LIFECYCLE_STAGE, type LifecycleStageKey } from './lifecycleLabels.js';

/** Codes of the `rule` column: which rule decided the stage (first match wins, in this order). */
export const LIFECYCLE_RULE = {
  status_churned: 0,
  no_purchase: 1,
  lapsed_churned: 2,
  lapsed_dormant: 3,
  new_customer: 4,
  revenue_decline: 5,
  low_p_alive: 6,
  revenue_growth: 7,
  young_without_baseline: 8,
  steady: 9,
} as const;
export type LifecycleRuleKey = keyof typeof LIFECYCLE_RULE;

export interface LifecycleRule {
  readonly key: LifecycleRuleKey;
  readonly stage: LifecycleStageKey;
  /** The rule in words, with the configured thresholds. */
  readonly describe: (config: LifecycleConfig) => Label;
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** Indexed by rule code; the order is the evaluation order. */
export const LIFECYCLE_RULES: readonly LifecycleRule[] = [
  {
    key: 'status_churned',
    stage: 'churned',
    describe: () => ({ zh: '客户状态为“流失”', en: 'customer status is churned' }),
  },
  {
    key: 'no_purchase',
    stage: 'prospect',
    describe: () => ({ zh: '截至评估日尚无购买', en: 'no purchase up to the as-of date' }),
  },
  {
    key: 'lapsed_churned',
    stage: 'churned',
    describe: ({ churned: c }) => ({
      zh: `≥ ${c.minRecencyDays} 天未购买，且达到通常采购间隔的 ${c.overdueRatio} 倍或存活概率 ≤ ${pct(c.maxPAlive)}`,
      en: `no purchase for ≥ ${c.minRecencyDays} days and ≥ ${c.overdueRatio}× the usual interval or P(alive) ≤ ${pct(c.maxPAlive)}`,
    }),
  },
  {
    key: 'lapsed_dormant',
    stage: 'dormant',
    describe: ({ dormant: d }) => ({
      zh: `≥ ${d.minRecencyDays} 天未购买，且达到通常采购间隔的 ${d.overdueRatio} 倍或存活概率 ≤ ${pct(d.maxPAlive)}`,
      en: `no purchase for ≥ ${d.minRecencyDays} days and ≥ ${d.overdueRatio}× the usual interval or P(alive) ≤ ${pct(d.maxPAlive)}`,
    }),
  },
  {
    key: 'new_customer',
    stage: 'new',
    describe: (c) => ({
      zh: `首次购买在 ${c.newMaxAgeDays} 天内`,
      en: `first purchase within the last ${c.newMaxAgeDays} days`,
    }),
  },
  {
    key: 'revenue_decline',
    stage: 'declining',
    describe: ({ declining: d }) => ({
      zh: `收入较上期变化 ≤ ${pct(d.maxGrowth)}（无上期时：月度趋势 ≤ ${pct(d.maxTrend)}/月）`,
      en: `revenue change vs previous period ≤ ${pct(d.maxGrowth)} (without one: monthly trend ≤ ${pct(d.maxTrend)}/month)`,
    }),
  },
  {
    key: 'low_p_alive',
    stage: 'declining',
    describe: ({ declining: d }) => ({
      zh: `存活概率 ≤ ${pct(d.maxPAlive)}`,
      en: `P(alive) ≤ ${pct(d.maxPAlive)}`,
    }),
  },
  {
    key: 'revenue_growth',
    stage: 'growing',
    describe: ({ growing: g }) => ({
      zh: `收入较上期增长 ≥ ${pct(g.minGrowth)}（无上期时：月度趋势 ≥ ${pct(g.minTrend)}/月）`,
      en: `revenue change vs previous period ≥ +${pct(g.minGrowth)} (without one: monthly trend ≥ +${pct(g.minTrend)}/month)`,
    }),
  },
  {
    key: 'young_without_baseline',
    stage: 'growing',
    describe: ({ growing: g }) => ({
      zh: `首次购买在 ${g.youngMaxAgeDays} 天内，尚无上期收入可比`,
      en: `first purchase within ${g.youngMaxAgeDays} days, no previous-period revenue to compare`,
    }),
  },
  {
    key: 'steady',
    stage: 'mature',
    describe: () => ({ zh: '有购买历史，收入平稳', en: 'established buyer with steady revenue' }),
  },
];

/** Stage code of each rule, indexed by rule code. */
export const RULE_STAGE: Readonly<Uint8Array> = Uint8Array.from(
  LIFECYCLE_RULES.map((r) => LIFECYCLE_STAGE[r.stage]),
);
