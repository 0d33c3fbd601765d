import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { LifecycleConfigSchema } from './LifecycleConfig.js';
import { lifecycleFromMatrix } from './lifecycleFromMatrix.js';
import {
  LIFECYCLE_STAGE_KEYS,
  LIFECYCLE_STAGE_LABELS,
  MANAGEMENT_PHASE_KEYS,
  MANAGEMENT_PHASE_LABELS,
  STAGE_PHASE,
} from './lifecycleLabels.js';
import { LIFECYCLE_RULE, LIFECYCLE_RULES, type LifecycleRuleKey } from './lifecycleRules.js';
import { lifecycleStage, type LifecycleInput } from './lifecycleStage.js';

const config = LifecycleConfigSchema.parse({});

interface Row {
  status: number;
  firstPurchase: number;
  tenure: number;
  recency: number;
  revenue: number;
  revenuePrev: number;
  growth: number;
  trend: number;
  pAlive: number;
  ipt: number;
}

/** An established, steady, active customer: buys every 30 days, last 10 days ago, flat revenue. */
const STEADY: Row = {
  status: 1,
  firstPurchase: 1000,
  tenure: 1000,
  recency: 10,
  revenue: 100,
  revenuePrev: 100,
  growth: 0,
  trend: 0,
  pAlive: 0.9,
  ipt: 30,
};

function inputOf(rows: Row[]): LifecycleInput {
  const col = (k: keyof Row): Float64Array => Float64Array.from(rows.map((r) => r[k]));
  return {
    status: col('status'),
    daysSinceFirstPurchase: col('firstPurchase'),
    tenureDays: col('tenure'),
    recencyDays: col('recency'),
    revenue: col('revenue'),
    revenuePrev: col('revenuePrev'),
    revenueGrowth: col('growth'),
    revenueTrend: col('trend'),
    pAlive: col('pAlive'),
    iptDays: col('ipt'),
  };
}

function ruleOf(overrides: Partial<Row>): LifecycleRuleKey {
  const { rule } = lifecycleStage(inputOf([{ ...STEADY, ...overrides }]), config);
  return LIFECYCLE_RULES[rule[0]!]!.key;
}

const NO_BASELINE = { revenuePrev: NaN, growth: NaN } as const;

describe('lifecycleStage rules, in order (defaults: churned 365 d & 4×IPT or P ≤ 0.1; dormant 90 d & 2×IPT or P ≤ 0.3)', () => {
  it.each<[string, Partial<Row>, LifecycleRuleKey]>([
    ['status churned outranks a recent purchase', { status: 2 }, 'status_churned'],
    ['never bought (active status)', { recency: NaN, firstPurchase: NaN }, 'no_purchase'],
    ['never bought (prospect status)', { status: 0, recency: NaN, firstPurchase: NaN }, 'no_purchase'],
    ['prospect status with purchases follows behaviour', { status: 0 }, 'steady'],
    ['unknown status reads as active', { status: NaN }, 'steady'],
    ['365 d = 4.06 × IPT 90 → churned', { recency: 365, ipt: 90 }, 'lapsed_churned'],
    ['exactly 4 × IPT at 400 d → churned', { recency: 400, ipt: 100 }, 'lapsed_churned'],
    ['3.96 × IPT at 400 d → dormant', { recency: 400, ipt: 101 }, 'lapsed_dormant'],
    ['364 d, 10 × IPT: under the churn floor → dormant', { recency: 364, ipt: 36.4 }, 'lapsed_dormant'],
    ['400 d and P(alive) exactly 0.1 → churned', { recency: 400, ipt: 200, pAlive: 0.1 }, 'lapsed_churned'],
    ['400 d and P(alive) 0.11 → dormant', { recency: 400, ipt: 200, pAlive: 0.11 }, 'lapsed_dormant'],
    ['90 d = 2 × IPT → dormant', { recency: 90, ipt: 45 }, 'lapsed_dormant'],
    ['89 d, 8.9 × IPT: under the dormant floor', { recency: 89, ipt: 10 }, 'steady'],
    ['100 d = 1.96 × IPT, P(alive) unknown → not dormant', { recency: 100, ipt: 51, pAlive: NaN }, 'steady'],
    ['100 d, P(alive) exactly 0.3 → dormant', { recency: 100, ipt: 51, pAlive: 0.3 }, 'lapsed_dormant'],
    ['first purchase 180 d ago → new', { firstPurchase: 180 }, 'new_customer'],
    ['first purchase 181 d ago → not new', { firstPurchase: 181, ...NO_BASELINE }, 'young_without_baseline'],
    ['no first purchase day: tenure 100 d → new', { firstPurchase: NaN, tenure: 100 }, 'new_customer'],
    ['first purchase day wins over a short tenure', { firstPurchase: 500, tenure: 100 }, 'steady'],
    [
      'one-off buyer gone 170 d (2.8 × IPT) is dormant, not new',
      { firstPurchase: 170, recency: 170, ipt: 60 },
      'lapsed_dormant',
    ],
    ['revenue growth exactly −20 % → declining', { growth: -0.2 }, 'revenue_decline'],
    ['revenue growth −19 % → steady', { growth: -0.19 }, 'steady'],
    [
      'growth from revenue / revenue_prev: 80 / 100 → declining',
      { growth: NaN, revenue: 80 },
      'revenue_decline',
    ],
    [
      'no baseline, trend exactly −5 %/month → declining',
      { ...NO_BASELINE, trend: -0.05 },
      'revenue_decline',
    ],
    ['no baseline, trend −4 %/month, old → steady', { ...NO_BASELINE, trend: -0.04 }, 'steady'],
    ['baseline present: trend ignored', { growth: 0, trend: -0.5 }, 'steady'],
    ['P(alive) exactly 0.5 → declining', { pAlive: 0.5 }, 'low_p_alive'],
    ['P(alive) 0.51 → steady', { pAlive: 0.51 }, 'steady'],
    ['revenue growth exactly +15 % → growing', { growth: 0.15 }, 'revenue_growth'],
    [
      'growth from revenue / revenue_prev: 115 / 100 → growing',
      { growth: NaN, revenue: 115 },
      'revenue_growth',
    ],
    ['revenue growth +14 % → mature', { growth: 0.14 }, 'steady'],
    ['no baseline, trend exactly +5 %/month → growing', { ...NO_BASELINE, trend: 0.05 }, 'revenue_growth'],
    [
      'no baseline, first purchase 730 d ago → growing',
      { ...NO_BASELINE, firstPurchase: 730 },
      'young_without_baseline',
    ],
    [
      'no baseline (prev revenue 0), 730 d',
      { revenuePrev: 0, growth: NaN, firstPurchase: 730 },
      'young_without_baseline',
    ],
    ['no baseline, first purchase 731 d ago → mature', { ...NO_BASELINE, firstPurchase: 731 }, 'steady'],
    ['established and steady → mature', {}, 'steady'],
  ])('%s', (_, overrides, expected) => {
    expect(ruleOf(overrides)).toBe(expected);
  });

  it('maps rules to stages and stages to management phases', () => {
    const rows: Row[] = [
      { ...STEADY, recency: NaN, firstPurchase: NaN },
      { ...STEADY, firstPurchase: 30 },
      { ...STEADY, growth: 0.5 },
      STEADY,
      { ...STEADY, growth: -0.5 },
      { ...STEADY, recency: 100, ipt: 40 },
      { ...STEADY, status: 2 },
    ];
    const { stage, phase } = lifecycleStage(inputOf(rows), config);
    expect(Array.from(stage, (s) => LIFECYCLE_STAGE_KEYS[s])).toEqual([
      'prospect',
      'new',
      'growing',
      'mature',
      'declining',
      'dormant',
      'churned',
    ]);
    expect(Array.from(phase, (p) => MANAGEMENT_PHASE_KEYS[p])).toEqual([
      'acquire',
      'nurture',
      'nurture',
      'maintain',
      'retain',
      'retain',
      'retain',
    ]);
  });
});

describe('lifecycle labels and configuration', () => {
  it('labels every stage, phase and rule in zh and en', () => {
    expect(LIFECYCLE_STAGE_LABELS.map((l) => l.zh)).toEqual([
      '潜在',
      '新客',
      '成长',
      '成熟',
      '衰退',
      '休眠',
      '流失',
    ]);
    expect(MANAGEMENT_PHASE_LABELS.map((l) => l.zh)).toEqual(['获取', '培育', '维护', '挽留']);
    expect(STAGE_PHASE.length).toBe(LIFECYCLE_STAGE_LABELS.length);
    for (const rule of LIFECYCLE_RULES) {
      const { zh, en } = rule.describe(config);
      expect(zh.length * en.length).toBeGreaterThan(0);
    }
    expect(LIFECYCLE_RULES[LIFECYCLE_RULE.lapsed_dormant]!.describe(config).en).toBe(
      'no purchase for ≥ 90 days and ≥ 2× the usual interval or P(alive) ≤ 30%',
    );
  });

  it('uses configured thresholds', () => {
    const strict = LifecycleConfigSchema.parse({ newMaxAgeDays: 30, dormant: { minRecencyDays: 60 } });
    const { rule } = lifecycleStage(
      inputOf([
        { ...STEADY, firstPurchase: 60 },
        { ...STEADY, recency: 60, ipt: 30 },
      ]),
      strict,
    );
    expect(Array.from(rule, (r) => LIFECYCLE_RULES[r]!.key)).toEqual(['steady', 'lapsed_dormant']);
  });
});

describe('lifecycleFromMatrix', () => {
  it('borrows the population median inter-purchase time for customers with fewer than two purchase days', () => {
    // Customers 1–3 have own gaps 20, 30, 40 days (median 30); customer 4 bought once, 70 days ago.
    const matrix: FeatureMatrix = {
      ids: Float64Array.from([1, 2, 3, 4]),
      asOfDay: 20000,
      columns: {
        clv_x: Float64Array.from([5, 5, 5, 0]),
        clv_tx: Float64Array.from([100, 150, 200, 0]),
        clv_T: Float64Array.from([400, 400, 400, 400]),
        recency_days: Float64Array.from([10, 10, 10, 90]),
        status: Float64Array.from([1, 1, 1, 1]),
      },
    };
    const { rule } = lifecycleFromMatrix(matrix, config);
    // 90 days ≥ 2 × 30 (median) → dormant, although the customer has no rhythm of its own.
    expect(LIFECYCLE_RULES[rule[3]!]!.key).toBe('lapsed_dormant');
    // Slower buyers around it (gaps 50, 60, 70 → median 60): the same 90 days is only 1.5 × → not dormant.
    const slower = { ...matrix.columns, clv_tx: Float64Array.from([250, 300, 350, 0]) };
    expect(
      LIFECYCLE_RULES[lifecycleFromMatrix({ ...matrix, columns: slower }, config).rule[3]!]!.key,
    ).not.toMatch(/^lapsed/);
  });
});
