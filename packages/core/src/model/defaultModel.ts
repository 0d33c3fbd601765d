import type { GradingModel, GradingModelInput } from './GradingModelSchema.js';
import { GradingModelSchema } from './GradingModelSchema.js';

/**
 * The seed scorecard: five groups (financial 40, behaviour 15, relationship 20, potential 15,
 * strategic 10), four tiers 战略 / 关键 / 重要 / 普通, and the classic revenue rule (annual revenue
 * ≥ 1,000,000 is at least A, 500,000–1,000,000 at least B; "annual" because the window is 12 months).
 * Normalisers and missing policies not written here come from the indicator catalogue.
 *
 * Bands: with percentile-style points the typical score sits near 50, so S (≥ 80) is rare by score
 * alone and capped at the best 5 %; A (≥ 65) is roughly the next tenth; B (≥ 45) the solid middle.
 */
export const DEFAULT_MODEL_INPUT = {
  name: '默认 B2B 客户分级评分卡',
  description: 'Default B2B scorecard: five indicator groups, S/A/B/C tiers, revenue floor rules.',
  windowMonths: 12,
  groups: [
    {
      key: 'financial',
      weight: 40,
      indicators: [
        { key: 'revenue', weight: 35 },
        { key: 'gross_margin', weight: 25 },
        { key: 'revenue_growth', weight: 15 },
        { key: 'order_count', weight: 15 },
        { key: 'avg_order_value', weight: 10 },
      ],
    },
    {
      key: 'behaviour',
      weight: 15,
      indicators: [
        { key: 'recency_days', weight: 35 },
        { key: 'interaction_count', weight: 30 },
        { key: 'referral_count', weight: 15 },
        { key: 'survey_response_rate', weight: 20 },
      ],
    },
    {
      key: 'relationship',
      weight: 20,
      indicators: [
        { key: 'csat_avg', weight: 30 },
        { key: 'nps', weight: 25 },
        { key: 'complaint_count', weight: 20 },
        { key: 'tenure_days', weight: 25 },
      ],
    },
    {
      key: 'potential',
      weight: 15,
      indicators: [
        { key: 'company_revenue', weight: 30 },
        { key: 'employees', weight: 20 },
        { key: 'clv_predicted', weight: 35 },
        { key: 'p_alive', weight: 15 },
      ],
    },
    {
      key: 'strategic',
      weight: 10,
      indicators: [
        { key: 'market_position', weight: 70 },
        { key: 'subsidiary_count', weight: 30 },
      ],
    },
  ],
  tiers: [
    { key: 'S', label: { zh: '战略客户', en: 'Strategic' }, minScore: 80, maxShare: 0.05 },
    { key: 'A', label: { zh: '关键客户', en: 'Key' }, minScore: 65 },
    { key: 'B', label: { zh: '重要客户', en: 'Important' }, minScore: 45 },
    { key: 'C', label: { zh: '普通客户', en: 'Regular' }, minScore: 0 },
  ],
  rules: [
    {
      id: 'revenue-1m',
      note: '年销售额 100 万及以上至少为关键客户',
      when: { indicator: 'revenue', op: '>=', value: 1_000_000 },
      atLeast: 'A',
    },
    {
      id: 'revenue-500k',
      note: '年销售额 50 万至 100 万至少为重要客户',
      when: { indicator: 'revenue', op: 'between', value: [500_000, 1_000_000] },
      atLeast: 'B',
    },
  ],
  hysteresis: { scoreMargin: 3, minDaysInTier: 90 },
} satisfies GradingModelInput;

/** The default model, parsed (and so validated) once at load. */
export const DEFAULT_MODEL: GradingModel = GradingModelSchema.parse(DEFAULT_MODEL_INPUT);
