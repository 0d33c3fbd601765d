import type { IndicatorKey } from '../matrix/FeatureMatrix.js';
import { INDICATOR_KEYS, MARKET_POSITION_CODE } from '../matrix/FeatureMatrix.js';
import type { IndicatorDefinition } from './IndicatorDefinition.js';

type Entry = Omit<IndicatorDefinition, 'key'>;

const PERCENTILE = { method: 'percentile' } as const;
const LOG_CAPPED = { method: 'log_minmax', cap: 0.99 } as const;

/**
 * Every scorecard indicator of FeatureMatrix.ts with its meaning and defaults. The descriptions are
 * the contract for the feature extraction too: "window" is the model's window (default 12 months,
 * (asOf − window, asOf]), `_prev` the window before it.
 */
const ENTRIES: { readonly [K in IndicatorKey]: Entry } = {
  // ── financial 财务贡献 ──
  revenue: {
    group: 'financial',
    unit: 'currency',
    direction: 'higher',
    label: { zh: '销售额', en: 'Revenue' },
    description: {
      zh: '统计窗口内（默认近 12 个月）的销售收入，已扣除退货和红冲',
      en: 'Sales in the window (default last 12 months), net of returns and credits',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  revenue_prev: {
    group: 'financial',
    unit: 'currency',
    direction: 'higher',
    label: { zh: '上期销售额', en: 'Previous revenue' },
    description: {
      zh: '上一个统计窗口的销售收入，用于同比对照',
      en: 'Sales in the window before the current one, the baseline for growth',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  revenue_growth: {
    group: 'financial',
    unit: 'ratio',
    direction: 'higher',
    label: { zh: '销售增长率', en: 'Revenue growth' },
    description: {
      zh: '本期销售额较上期的增长率（0.2 即增长 20%）；上期没有销售时为空',
      en: 'Change of revenue against the previous window (0.2 = +20 %); empty without previous sales',
    },
    normalize: PERCENTILE,
    missing: 'neutral',
  },
  order_count: {
    group: 'financial',
    unit: 'count',
    direction: 'higher',
    label: { zh: '订单数', en: 'Orders' },
    description: {
      zh: '窗口内的有效订单笔数（不含退货单）',
      en: 'Orders with positive amount in the window',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  purchase_days: {
    group: 'financial',
    unit: 'count',
    direction: 'higher',
    label: { zh: '采购天数', en: 'Purchase days' },
    description: {
      zh: '窗口内有采购的天数，同一天多笔订单只算一次，反映采购频次',
      en: 'Distinct days with a purchase in the window: how often the customer buys',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  avg_order_value: {
    group: 'financial',
    unit: 'currency',
    direction: 'higher',
    label: { zh: '客单价', en: 'Average order value' },
    description: { zh: '窗口内平均每笔订单的金额', en: 'Mean amount per order in the window' },
    normalize: LOG_CAPPED,
    missing: 'exclude',
  },
  gross_margin: {
    group: 'financial',
    unit: 'currency',
    direction: 'higher',
    label: { zh: '毛利额', en: 'Gross margin' },
    description: {
      zh: '窗口内贡献的毛利总额；未导入毛利数据时为空',
      en: 'Gross margin earned in the window; empty when margins were not imported',
    },
    normalize: LOG_CAPPED,
    missing: 'exclude',
  },
  margin_rate: {
    group: 'financial',
    unit: 'ratio',
    direction: 'higher',
    label: { zh: '毛利率', en: 'Margin rate' },
    description: { zh: '毛利额占销售额的比例', en: 'Gross margin as a share of revenue' },
    normalize: { method: 'minmax', floor: 0.01, cap: 0.99 },
    missing: 'exclude',
  },
  revenue_trend: {
    group: 'financial',
    unit: 'ratio',
    direction: 'higher',
    label: { zh: '销售趋势', en: 'Revenue trend' },
    description: {
      zh: '窗口内月度销售额的走势（每月变化占月均销售额的比例），正数表示上升',
      en: 'Slope of monthly revenue in the window relative to the monthly mean; positive = rising',
    },
    normalize: { method: 'zscore' },
    missing: 'neutral',
  },
  category_breadth: {
    group: 'financial',
    unit: 'count',
    direction: 'higher',
    label: { zh: '采购品类数', en: 'Categories bought' },
    description: {
      zh: '窗口内采购过的不同品类数量，反映合作广度',
      en: 'Distinct product categories bought in the window: breadth of the business',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  // ── behaviour 合作行为 ──
  recency_days: {
    group: 'behaviour',
    unit: 'days',
    direction: 'lower',
    label: { zh: '距上次采购天数', en: 'Days since last purchase' },
    description: {
      zh: '距最近一次采购的天数，越短越好；从未采购为空',
      en: 'Days since the latest purchase, the fewer the better; empty if never bought',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  interaction_count: {
    group: 'behaviour',
    unit: 'count',
    direction: 'higher',
    label: { zh: '互动次数', en: 'Interactions' },
    description: {
      zh: '窗口内拜访、电话、会议、活动等互动的次数',
      en: 'Visits, calls, meetings, events and other interactions in the window',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  days_since_interaction: {
    group: 'behaviour',
    unit: 'days',
    direction: 'lower',
    label: { zh: '距上次互动天数', en: 'Days since last interaction' },
    description: {
      zh: '距最近一次拜访或联系的天数，越短越好',
      en: 'Days since the latest visit or contact, the fewer the better',
    },
    normalize: PERCENTILE,
    missing: 'zero',
  },
  referral_count: {
    group: 'behaviour',
    unit: 'count',
    direction: 'higher',
    label: { zh: '转介绍客户数', en: 'Referrals' },
    description: {
      zh: '窗口内该客户推荐来的新客户数量',
      en: 'New customers this customer referred in the window',
    },
    normalize: {
      method: 'bands',
      steps: [
        { atLeast: 1, points: 60 },
        { atLeast: 3, points: 100 },
      ],
      base: 0,
    },
    missing: 'zero',
  },
  survey_response_rate: {
    group: 'behaviour',
    unit: 'ratio',
    direction: 'higher',
    label: { zh: '调查回复率', en: 'Survey response rate' },
    description: {
      zh: '发出的满意度调查中得到回复的比例（0–1）',
      en: 'Share of satisfaction surveys sent that were answered (0–1)',
    },
    normalize: { method: 'minmax', range: [0, 1] },
    missing: 'neutral',
  },
  // ── relationship 客户关系 ──
  csat_avg: {
    group: 'relationship',
    unit: 'score',
    direction: 'higher',
    label: { zh: '满意度', en: 'Satisfaction (CSAT)' },
    description: {
      zh: '窗口内满意度调查的平均分（1–5 分）',
      en: 'Mean satisfaction survey score in the window (1–5)',
    },
    normalize: { method: 'minmax', range: [1, 5] },
    missing: 'neutral',
  },
  nps: {
    group: 'relationship',
    unit: 'score',
    direction: 'higher',
    label: { zh: '推荐意愿（NPS）', en: 'Recommendation (NPS)' },
    description: {
      zh: '窗口内 NPS 调查“愿意推荐的程度”平均分（0–10 分，9–10 分为推荐者）',
      en: 'Mean answer to the NPS “how likely to recommend” question in the window (0–10; 9–10 = promoter)',
    },
    normalize: {
      method: 'bands',
      steps: [
        { atLeast: 7, points: 50 },
        { atLeast: 9, points: 100 },
      ],
      base: 0,
    },
    missing: 'neutral',
  },
  complaint_count: {
    group: 'relationship',
    unit: 'count',
    direction: 'lower',
    label: { zh: '投诉次数', en: 'Complaints' },
    description: {
      zh: '窗口内的投诉次数，越少越好',
      en: 'Complaints opened in the window, the fewer the better',
    },
    normalize: {
      method: 'bands',
      steps: [
        { atLeast: 1, points: 70 },
        { atLeast: 3, points: 30 },
        { atLeast: 5, points: 0 },
      ],
      base: 100,
    },
    missing: 'neutral',
  },
  complaint_severity: {
    group: 'relationship',
    unit: 'score',
    direction: 'lower',
    label: { zh: '投诉严重度', en: 'Complaint severity' },
    description: {
      zh: '窗口内投诉按严重程度加权求和（低 1、中 2、高 3、严重 4），越低越好',
      en: 'Complaints in the window weighted by severity (low 1, medium 2, high 3, critical 4), the lower the better',
    },
    normalize: { method: 'minmax', cap: 0.99 },
    missing: 'neutral',
  },
  open_complaints: {
    group: 'relationship',
    unit: 'count',
    direction: 'lower',
    label: { zh: '未结投诉数', en: 'Open complaints' },
    description: { zh: '截至评估日尚未解决的投诉数量', en: 'Complaints still unresolved on the as-of date' },
    normalize: {
      method: 'bands',
      steps: [
        { atLeast: 1, points: 50 },
        { atLeast: 3, points: 0 },
      ],
      base: 100,
    },
    missing: 'neutral',
  },
  tenure_days: {
    group: 'relationship',
    unit: 'days',
    direction: 'higher',
    label: { zh: '合作年限', en: 'Tenure' },
    description: {
      zh: '自首次合作（首单或建档）至评估日的天数；满 5 年（1825 天）计满分',
      en: 'Days from the first order (or record creation) to the as-of date; full points at 5 years',
    },
    normalize: { method: 'minmax', range: [0, 1825] },
    missing: 'neutral',
  },
  // ── potential 成长潜力 ──
  employees: {
    group: 'potential',
    unit: 'count',
    direction: 'higher',
    label: { zh: '员工规模', en: 'Employees' },
    description: { zh: '客户企业的员工人数', en: "Head count of the customer's company" },
    normalize: LOG_CAPPED,
    missing: 'neutral',
  },
  company_revenue: {
    group: 'potential',
    unit: 'currency',
    direction: 'higher',
    label: { zh: '企业营收', en: 'Company revenue' },
    description: {
      zh: '客户企业自身的年营业收入，反映其采购潜力',
      en: "The customer company's own annual revenue: its buying power",
    },
    normalize: LOG_CAPPED,
    missing: 'neutral',
  },
  p_alive: {
    group: 'potential',
    unit: 'ratio',
    direction: 'higher',
    label: { zh: '活跃概率', en: 'Probability alive' },
    description: {
      zh: '按购买规律（BG/NBD 模型）估计客户仍在持续采购的概率（0–1）',
      en: 'Probability the customer is still buying, from the BG/NBD model (0–1)',
    },
    normalize: { method: 'minmax', range: [0, 1] },
    missing: 'exclude',
  },
  expected_purchases: {
    group: 'potential',
    unit: 'count',
    direction: 'higher',
    label: { zh: '预计采购次数', en: 'Expected purchases' },
    description: {
      zh: '模型预测未来一段时间内的采购次数',
      en: 'Purchases the BG/NBD model expects in the coming period',
    },
    normalize: PERCENTILE,
    missing: 'exclude',
  },
  clv_predicted: {
    group: 'potential',
    unit: 'currency',
    direction: 'higher',
    label: { zh: '预测客户价值', en: 'Predicted CLV' },
    description: {
      zh: '模型预测未来 12 个月客户可带来的价值（CLV）',
      en: 'Customer lifetime value the models predict for the next 12 months',
    },
    normalize: PERCENTILE,
    missing: 'exclude',
  },
  // ── strategic 战略价值 ──
  market_position: {
    group: 'strategic',
    unit: 'enum',
    direction: 'higher',
    label: { zh: '行业地位', en: 'Industry position' },
    description: {
      zh: '客户在其行业中的地位：龙头、重要企业或中小企业',
      en: 'Standing in its industry: leader, major player or SME',
    },
    normalize: { method: 'enum', map: { leader: 100, major: 60, sme: 20 } },
    missing: 'neutral',
    codes: MARKET_POSITION_CODE,
  },
  subsidiary_count: {
    group: 'strategic',
    unit: 'count',
    direction: 'higher',
    label: { zh: '下属企业数', en: 'Subsidiaries' },
    description: {
      zh: '同一集团下已建档的下属企业数量，反映集团化合作空间',
      en: 'Subsidiaries on record under this customer as parent: room to grow across the group',
    },
    normalize: {
      method: 'bands',
      steps: [
        { atLeast: 1, points: 40 },
        { atLeast: 3, points: 70 },
        { atLeast: 10, points: 100 },
      ],
      base: 0,
    },
    missing: 'zero',
  },
};

/** Every indicator by key (complete: the type requires an entry per key of INDICATOR_KEYS). */
export const INDICATOR_CATALOGUE: {
  readonly [K in IndicatorKey]: IndicatorDefinition & { readonly key: K };
} = Object.fromEntries(INDICATOR_KEYS.map((key) => [key, { key, ...ENTRIES[key] }])) as {
  readonly [K in IndicatorKey]: IndicatorDefinition & { readonly key: K };
};

/** The catalogue in FeatureMatrix's key order (for pickers and documentation). */
export const INDICATOR_LIST: readonly IndicatorDefinition[] = INDICATOR_KEYS.map(
  (key) => INDICATOR_CATALOGUE[key],
);

export function isIndicatorKey(key: string): key is IndicatorKey {
  return Object.hasOwn(INDICATOR_CATALOGUE, key);
}
