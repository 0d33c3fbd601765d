/**
 * The columnar input of every model in core: one row per customer, one Float64Array per column.
 * NaN means "missing" (no data as of the date), never zero.
 *
 * Time is measured in days. `asOfDay` is the as-of date as a day number (days since 1970-01-01 in the
 * organisation's timezone); core never reads a clock, so the caller decides what "today" is.
 */
export interface FeatureMatrix {
  /** Customer ids (database ids; integers below 2^53). */
  readonly ids: Float64Array;
  /** The as-of date as a day number (days since 1970-01-01 in the organisation's timezone). */
  readonly asOfDay: number;
  /** One column per feature key; absent key = feature not extracted (all missing). */
  readonly columns: Partial<Record<FeatureKey, Float64Array>>;
}

/**
 * Scorecard indicators: what a grading model may weigh. The catalogue (labels, units, direction,
 * group) lives in `indicators/catalogue.ts`; this list is the single source of their keys.
 * Windowed indicators cover (asOf − windowMonths, asOf]; `_prev` the window before it.
 */
export const INDICATOR_KEYS = [
  // financial
  'revenue',
  'revenue_prev',
  'revenue_growth',
  'order_count',
  'purchase_days',
  'avg_order_value',
  'gross_margin',
  'margin_rate',
  'revenue_trend',
  'category_breadth',
  // behaviour
  'recency_days',
  'interaction_count',
  'days_since_interaction',
  'referral_count',
  'survey_response_rate',
  // relationship
  'csat_avg',
  'nps',
  'complaint_count',
  'complaint_severity',
  'open_complaints',
  'tenure_days',
  // potential
  'employees',
  'company_revenue',
  'p_alive',
  'expected_purchases',
  'clv_predicted',
  // strategic
  'market_position',
  'subsidiary_count',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/**
 * Auxiliary columns the models need beside the indicators (not weighable in a scorecard).
 * - clv_*: whole-history purchase summary for BG/NBD + Gamma-Gamma, in days:
 *   clv_x = repeat purchase days (distinct positive-spend days − 1), clv_tx = days from first to last
 *   purchase day, clv_T = days from first purchase day to asOfDay, clv_mbar = mean spend per repeat
 *   purchase day (first purchase day excluded; NaN when clv_x = 0).
 * - lifetime_revenue / lifetime_margin: all history up to asOf (margin NaN when unknown).
 * - status: 0 prospect, 1 active, 2 churned (the customer record's status).
 * - order_count_prev, csat_prev, nps_prev, complaint_count_prev, interaction_count_prev: the previous
 *   window's values, for "dropping" signals.
 * - open_critical_complaints: open complaints of severity critical.
 * - key_contacts_left: decision makers / champions who became inactive in the window.
 * - tier_revisit_days: the revisit cadence of the customer's current tier (NaN = no policy).
 */
export const AUX_KEYS = [
  'clv_x',
  'clv_tx',
  'clv_T',
  'clv_mbar',
  'lifetime_revenue',
  'lifetime_margin',
  'status',
  'order_count_prev',
  'csat_prev',
  'nps_prev',
  'complaint_count_prev',
  'interaction_count_prev',
  'open_critical_complaints',
  'key_contacts_left',
  'tier_revisit_days',
] as const;
export type AuxKey = (typeof AUX_KEYS)[number];

export type FeatureKey = IndicatorKey | AuxKey;

/** Customer status codes used in the `status` column. */
export const STATUS_CODE = { prospect: 0, active: 1, churned: 2 } as const;

/** Market position codes used in the `market_position` column. */
export const MARKET_POSITION_CODE = { sme: 0, major: 1, leader: 2 } as const;

/** The column for `key`, or a column of NaN when the feature was not extracted. */
export function column(matrix: FeatureMatrix, key: FeatureKey): Float64Array {
  return matrix.columns[key] ?? new Float64Array(matrix.ids.length).fill(Number.NaN);
}
