import type { Label } from '../util/Label.js';

/**
 * The churn warning signals. The position in this list is the bit in the `flags` column
 * (bit k = 1 << k) and the order reasons are read out in. Keys are also the reason codes of the
 * grade export (`churn_reasons`).
 */
export const CHURN_SIGNAL_KEYS = [
  'order_drop',
  'revenue_decline',
  'purchase_overdue',
  'low_p_alive',
  'open_critical_complaint',
  'complaints_rising',
  'csat_drop',
  'low_csat',
  'nps_drop',
  'low_nps',
  'silence',
  'key_contact_left',
] as const;
export type ChurnSignalKey = (typeof CHURN_SIGNAL_KEYS)[number];

/** Bit of each signal in the flags column. */
export const CHURN_SIGNAL_BIT = Object.fromEntries(
  CHURN_SIGNAL_KEYS.map((key, k) => [key, 1 << k]),
) as Readonly<Record<ChurnSignalKey, number>>;

/**
 * Which way is worse for the measured quantity: `up` (larger is worse, fires at measure ≥ threshold)
 * or `down` (smaller is worse, fires at measure ≤ threshold).
 */
export type Worse = 'up' | 'down';

export interface ChurnSignalInfo {
  readonly label: Label;
  /** What is compared with the threshold (and what the evidence column holds unless noted). */
  readonly measure: Label;
  readonly worse: Worse;
}

export const CHURN_SIGNALS: Readonly<Record<ChurnSignalKey, ChurnSignalInfo>> = {
  order_drop: {
    label: { zh: '订单下降', en: 'Orders dropping' },
    measure: {
      zh: '订单数较上期变化率（如 −0.6）',
      en: 'relative change of order count vs previous window (e.g. −0.6)',
    },
    worse: 'down',
  },
  revenue_decline: {
    label: { zh: '收入下降', en: 'Revenue declining' },
    measure: { zh: '收入较上期变化率', en: 'relative change of revenue vs previous window' },
    worse: 'down',
  },
  purchase_overdue: {
    label: { zh: '采购逾期', en: 'Purchase overdue' },
    measure: {
      zh: '未采购天数 ÷ 通常采购间隔（证据列为未采购天数）',
      en: 'days since last purchase ÷ typical interval (evidence: days since last purchase)',
    },
    worse: 'up',
  },
  low_p_alive: {
    label: { zh: '活跃概率低', en: 'Low probability alive' },
    measure: { zh: '活跃概率 P(alive)（BG/NBD）', en: 'probability alive, P(alive) (BG/NBD)' },
    worse: 'down',
  },
  open_critical_complaint: {
    label: { zh: '未关闭的严重投诉', en: 'Open critical complaint' },
    measure: { zh: '未关闭的严重投诉数', en: 'open critical complaints' },
    worse: 'up',
  },
  complaints_rising: {
    label: { zh: '投诉增加', en: 'Complaints rising' },
    measure: {
      zh: '本期投诉数（需高于上期）',
      en: 'complaints this window (must exceed the previous window)',
    },
    worse: 'up',
  },
  csat_drop: {
    label: { zh: '满意度下降', en: 'Satisfaction dropping' },
    measure: {
      zh: 'CSAT 较上期变化（分，1–5 分制）',
      en: 'CSAT change vs previous window (points, 1–5 scale)',
    },
    worse: 'down',
  },
  low_csat: {
    label: { zh: '满意度低', en: 'Low satisfaction' },
    measure: { zh: 'CSAT 平均分（1–5）', en: 'average CSAT (1–5)' },
    worse: 'down',
  },
  nps_drop: {
    label: { zh: 'NPS 下降', en: 'NPS dropping' },
    measure: {
      zh: 'NPS 推荐意愿平均分较上期变化（0–10 分制）',
      en: 'change of the mean NPS answer vs previous window (0–10 scale)',
    },
    worse: 'down',
  },
  low_nps: {
    label: { zh: 'NPS 低', en: 'Low NPS' },
    measure: {
      zh: 'NPS 推荐意愿平均分（0–10，≤ 6 为贬损者）',
      en: 'mean NPS answer (0–10; ≤ 6 = detractor)',
    },
    worse: 'down',
  },
  silence: {
    label: { zh: '长期未联系', en: 'No contact' },
    measure: {
      zh: '未联系天数 ÷ 回访周期（证据列为未联系天数）',
      en: 'days since last interaction ÷ revisit cadence (evidence: days since last interaction)',
    },
    worse: 'up',
  },
  key_contact_left: {
    label: { zh: '关键联系人离职', en: 'Key contact left' },
    measure: { zh: '本期离职的决策者/支持者人数', en: 'decision makers / champions who left in the window' },
    worse: 'up',
  },
};

/** Codes of the `level` column. */
export const CHURN_LEVEL = { low: 0, medium: 1, high: 2 } as const;
export type ChurnLevelKey = keyof typeof CHURN_LEVEL;
export const CHURN_LEVEL_KEYS = Object.keys(CHURN_LEVEL) as ChurnLevelKey[];

/** Indexed by level code. */
export const CHURN_LEVEL_LABELS: readonly Label[] = [
  { zh: '低', en: 'Low' },
  { zh: '中', en: 'Medium' },
  { zh: '高', en: 'High' },
];
