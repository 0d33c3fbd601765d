import type { FeatureKey } from '@stratum/core';
import { minusMonths } from '@stratum/core';
import { int8At } from '../copy/binaryCopyReader.js';
import {
  CATEGORY_DAY,
  COMPLAINT,
  CONTACT_LEFT,
  INTERACTION,
  ORDER_DAY,
  REFERRAL,
  SURVEY,
} from './activityLayout.js';

/**
 * Point-in-time indicators of one customer from its activity rollup row, as of `asOfDay` (inclusive):
 * records dated after it are ignored, so a run for a past date sees what was knowable then.
 * Windowed values cover (windowStart, asOfDay]; `_prev` values the window before it.
 * Pure: the caller hands in the row's bytes (see activityLayout.ts for the layout).
 */
export interface FeatureWindow {
  asOfDay: number;
  windowMonths: number;
}

/** Where each rollup section of the current row sits in `view` (offset −1 = NULL). */
export interface ActivitySlices {
  /** The bytes holding the row (DataView reads compile to plain loads; Buffer's read methods do not). */
  view: DataView;
  orders: Slice;
  categories: Slice;
  interactions: Slice;
  surveys: Slice;
  complaints: Slice;
  referrals: Slice;
  contactsLeft: Slice;
}
export interface Slice {
  offset: number;
  length: number;
}

export const ACTIVITY_FEATURE_KEYS = [
  'revenue',
  'revenue_prev',
  'revenue_growth',
  'order_count',
  'order_count_prev',
  'purchase_days',
  'avg_order_value',
  'gross_margin',
  'margin_rate',
  'revenue_trend',
  'category_breadth',
  'recency_days',
  'interaction_count',
  'interaction_count_prev',
  'days_since_interaction',
  'referral_count',
  'survey_response_rate',
  'csat_avg',
  'csat_prev',
  'nps',
  'nps_prev',
  'complaint_count',
  'complaint_count_prev',
  'complaint_severity',
  'open_complaints',
  'open_critical_complaints',
  'key_contacts_left',
  'clv_x',
  'clv_tx',
  'clv_T',
  'clv_mbar',
  'lifetime_revenue',
  'lifetime_margin',
] as const satisfies readonly FeatureKey[];
export type ActivityFeatureKey = (typeof ACTIVITY_FEATURE_KEYS)[number];

export type ActivityColumns = Record<ActivityFeatureKey, Float64Array>;

/** Columns for n rows, not initialised: accumulateActivity writes every column of the row it fills. */
export function allocateActivityColumns(n: number): ActivityColumns {
  const columns = {} as ActivityColumns;
  for (const key of ACTIVITY_FEATURE_KEYS) columns[key] = new Float64Array(n);
  return columns;
}

/** Severity weights for the severity-weighted complaint count (low, medium, high, critical). */
const SEVERITY_WEIGHT = [1, 2, 3, 4]; // as the catalogue defines complaint_severity
const CRITICAL = 3;
const NPS_KIND = 1;

/** The bounds a row is measured against, derived once per run. */
export interface WindowBounds {
  asOf: number;
  start: number;
  prevStart: number;
  months: number;
}

export function windowBounds(window: FeatureWindow): WindowBounds {
  return {
    asOf: window.asOfDay,
    start: minusMonths(window.asOfDay, window.windowMonths),
    prevStart: minusMonths(window.asOfDay, 2 * window.windowMonths),
    months: window.windowMonths,
  };
}

/**
 * Fills row `i` of `out`. Returns the first day the customer shows any activity up to asOf (NaN when none),
 * which the caller uses to decide whether the customer existed as of the date.
 */
export function accumulateActivity(
  out: ActivityColumns,
  i: number,
  row: ActivitySlices,
  w: WindowBounds,
): number {
  const firstOrderDay = accumulateOrders(out, i, row, w);
  accumulateCategories(out, i, row, w);
  const firstInteraction = accumulateInteractions(out, i, row, w);
  accumulateSurveys(out, i, row, w);
  accumulateComplaints(out, i, row, w);
  accumulateReferrals(out, i, row, w);
  accumulateContactsLeft(out, i, row, w);
  return minDay(firstOrderDay, firstInteraction);
}

/** The earlier of two days, where NaN means "none". */
export function minDay(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return Math.min(a, b);
}

function accumulateOrders(out: ActivityColumns, i: number, row: ActivitySlices, w: WindowBounds): number {
  const { view } = row;
  const { offset, length } = row.orders;
  let revenue = 0;
  let revenuePrev = 0;
  let orders = 0;
  let ordersPrev = 0;
  let purchaseDays = 0;
  let margin = 0;
  let marginBase = 0;
  let lifetime = 0;
  let lifetimeMargin = 0;
  let lifetimeMarginBase = 0;
  let firstDay = Number.NaN;
  let firstSpend = 0;
  let lastDay = Number.NaN;
  let purchaseCount = 0;
  let purchaseSpend = 0;
  // Trend: least-squares slope of monthly revenue over the window, via Σ r and Σ m·r (months 0..M-1).
  let sumMonthRevenue = 0;
  const windowDays = w.asOf - w.start;
  let anyRecord = Number.NaN;
  if (offset >= 0) {
    for (let p = offset, end = offset + length; p < end; p += ORDER_DAY.size) {
      const day = view.getInt32(p + ORDER_DAY.day);
      if (day > w.asOf) break;
      if (Number.isNaN(anyRecord)) anyRecord = day;
      const net = int8At(view, p + ORDER_DAY.net);
      const dayMargin = int8At(view, p + ORDER_DAY.margin);
      const dayMarginBase = int8At(view, p + ORDER_DAY.marginBase);
      const dayOrders = view.getInt16(p + ORDER_DAY.orders);
      lifetime += net;
      lifetimeMargin += dayMargin;
      lifetimeMarginBase += dayMarginBase;
      if (net > 0) {
        if (purchaseCount === 0) {
          firstDay = day;
          firstSpend = net;
        }
        purchaseCount++;
        purchaseSpend += net;
        lastDay = day;
      }
      if (day > w.start) {
        revenue += net;
        orders += dayOrders;
        margin += dayMargin;
        marginBase += dayMarginBase;
        if (net > 0) purchaseDays++;
        const month = Math.min(w.months - 1, Math.floor(((day - w.start - 1) * w.months) / windowDays));
        sumMonthRevenue += month * net;
      } else if (day > w.prevStart) {
        revenuePrev += net;
        ordersPrev += dayOrders;
      }
    }
  }
  const hasHistory = !Number.isNaN(anyRecord);
  out.revenue[i] = revenue / 100;
  out.revenue_prev[i] = revenuePrev / 100;
  out.order_count[i] = orders;
  out.order_count_prev[i] = ordersPrev;
  out.purchase_days[i] = purchaseDays;
  out.revenue_growth[i] = revenuePrev > 0 ? (revenue - revenuePrev) / revenuePrev : Number.NaN;
  out.avg_order_value[i] = orders > 0 ? revenue / 100 / orders : Number.NaN;
  out.gross_margin[i] = marginBase !== 0 ? margin / 100 : Number.NaN;
  out.margin_rate[i] = marginBase > 0 ? margin / marginBase : Number.NaN;
  out.revenue_trend[i] = relativeTrend(revenue, sumMonthRevenue, w.months);
  out.recency_days[i] = purchaseCount > 0 ? w.asOf - lastDay : Number.NaN;
  out.lifetime_revenue[i] = hasHistory ? lifetime / 100 : 0;
  out.lifetime_margin[i] = lifetimeMarginBase !== 0 ? lifetimeMargin / 100 : Number.NaN;
  const bought = purchaseCount > 0;
  out.clv_x[i] = bought ? purchaseCount - 1 : Number.NaN;
  out.clv_tx[i] = bought ? lastDay - firstDay : Number.NaN;
  out.clv_T[i] = bought ? w.asOf - firstDay : Number.NaN;
  out.clv_mbar[i] = purchaseCount > 1 ? (purchaseSpend - firstSpend) / 100 / (purchaseCount - 1) : Number.NaN;
  return anyRecord;
}

/**
 * Least-squares slope of monthly revenue (months 0…M−1) relative to the mean month: +0.05 means revenue
 * grows by about 5 % of an average month every month. From Σr and Σm·r, since Σm and Σm² are fixed.
 */
function relativeTrend(revenue: number, sumMonthRevenue: number, months: number): number {
  if (!(revenue > 0) || months < 2) return Number.NaN;
  const meanMonth = (months - 1) / 2;
  const sxx = (months * (months * months - 1)) / 12;
  const slope = (sumMonthRevenue - meanMonth * revenue) / sxx;
  return slope / (revenue / months);
}

function accumulateCategories(out: ActivityColumns, i: number, row: ActivitySlices, w: WindowBounds): void {
  const { view } = row;
  const { offset, length } = row.categories;
  if (offset < 0) {
    out.category_breadth[i] = 0;
    return;
  }
  // Distinct categories by linear search in a reused array: customers have a handful each, and a Set
  // per customer (a million of them) costs more than the search.
  let distinct = 0;
  for (let p = offset, end = offset + length; p < end; p += CATEGORY_DAY.size) {
    const day = view.getInt32(p + CATEGORY_DAY.day);
    if (day > w.asOf) break;
    if (day <= w.start) continue;
    const category = view.getInt32(p + CATEGORY_DAY.category);
    let k = 0;
    while (k < distinct && seenCategories[k] !== category) k++;
    if (k === distinct) {
      if (distinct === seenCategories.length) seenCategories = growInt32(seenCategories);
      seenCategories[distinct++] = category;
    }
  }
  out.category_breadth[i] = distinct;
}

let seenCategories: Int32Array = new Int32Array(64);

function growInt32(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}

function accumulateInteractions(
  out: ActivityColumns,
  i: number,
  row: ActivitySlices,
  w: WindowBounds,
): number {
  const { view } = row;
  const { offset, length } = row.interactions;
  let count = 0;
  let countPrev = 0;
  let first = Number.NaN;
  let last = Number.NaN;
  if (offset >= 0) {
    for (let p = offset, end = offset + length; p < end; p += INTERACTION.size) {
      const day = view.getInt32(p + INTERACTION.day);
      if (day > w.asOf) break;
      if (Number.isNaN(first)) first = day;
      last = day;
      if (day > w.start) count++;
      else if (day > w.prevStart) countPrev++;
    }
  }
  out.interaction_count[i] = count;
  out.interaction_count_prev[i] = countPrev;
  out.days_since_interaction[i] = Number.isNaN(last) ? Number.NaN : w.asOf - last;
  return first;
}

function accumulateSurveys(out: ActivityColumns, i: number, row: ActivitySlices, w: WindowBounds): void {
  const { view } = row;
  const { offset, length } = row.surveys;
  let csatSum = 0;
  let csatN = 0;
  let csatPrevSum = 0;
  let csatPrevN = 0;
  let npsSum = 0;
  let npsN = 0;
  let npsPrevSum = 0;
  let npsPrevN = 0;
  // Quarterly survey waves in the window in which the customer answered at least once.
  let answeredQuarters = 0;
  const windowDays = w.asOf - w.start;
  const quarters = Math.max(1, Math.round(w.months / 3));
  if (offset >= 0) {
    for (let p = offset, end = offset + length; p < end; p += SURVEY.size) {
      const day = view.getInt32(p + SURVEY.day);
      if (day > w.asOf) break;
      const kind = view.getInt16(p + SURVEY.kind);
      const score = view.getInt16(p + SURVEY.score);
      if (day > w.start) {
        const quarter = Math.min(quarters - 1, Math.floor(((day - w.start - 1) * quarters) / windowDays));
        answeredQuarters |= 1 << quarter;
        if (kind === NPS_KIND) {
          npsSum += score;
          npsN++;
        } else {
          csatSum += score;
          csatN++;
        }
      } else if (day > w.prevStart) {
        if (kind === NPS_KIND) {
          npsPrevSum += score;
          npsPrevN++;
        } else {
          csatPrevSum += score;
          csatPrevN++;
        }
      }
    }
  }
  out.csat_avg[i] = csatN > 0 ? csatSum / csatN : Number.NaN;
  out.csat_prev[i] = csatPrevN > 0 ? csatPrevSum / csatPrevN : Number.NaN;
  // Per customer, "NPS" is the mean 0–10 answer (the catalogue's unit); the portfolio-level NPS
  // (% promoters − % detractors) is a report statistic, meaningless for one customer's few answers.
  out.nps[i] = npsN > 0 ? npsSum / npsN : Number.NaN;
  out.nps_prev[i] = npsPrevN > 0 ? npsPrevSum / npsPrevN : Number.NaN;
  out.survey_response_rate[i] = popCount(answeredQuarters) / quarters;
}

function popCount(bits: number): number {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
}

function accumulateComplaints(out: ActivityColumns, i: number, row: ActivitySlices, w: WindowBounds): void {
  const { view } = row;
  const { offset, length } = row.complaints;
  let count = 0;
  let countPrev = 0;
  let severity = 0;
  let open = 0;
  let openCritical = 0;
  if (offset >= 0) {
    for (let p = offset, end = offset + length; p < end; p += COMPLAINT.size) {
      const opened = view.getInt32(p + COMPLAINT.opened);
      if (opened > w.asOf) break;
      const level = view.getInt16(p + COMPLAINT.severity);
      const closed = view.getInt32(p + COMPLAINT.closed);
      if (opened > w.start) {
        count++;
        severity += SEVERITY_WEIGHT[level] ?? 1;
      } else if (opened > w.prevStart) countPrev++;
      if (closed > w.asOf) {
        open++;
        if (level === CRITICAL) openCritical++;
      }
    }
  }
  out.complaint_count[i] = count;
  out.complaint_count_prev[i] = countPrev;
  out.complaint_severity[i] = severity;
  out.open_complaints[i] = open;
  out.open_critical_complaints[i] = openCritical;
}

function accumulateReferrals(out: ActivityColumns, i: number, row: ActivitySlices, w: WindowBounds): void {
  const { view } = row;
  const { offset, length } = row.referrals;
  let count = 0;
  if (offset >= 0) {
    for (let p = offset, end = offset + length; p < end; p += REFERRAL.size) {
      const day = view.getInt32(p + REFERRAL.day);
      if (day > w.asOf) break;
      if (day > w.start) count++;
    }
  }
  out.referral_count[i] = count;
}

function accumulateContactsLeft(out: ActivityColumns, i: number, row: ActivitySlices, w: WindowBounds): void {
  const { view } = row;
  const { offset, length } = row.contactsLeft;
  let count = 0;
  if (offset >= 0) {
    for (let p = offset, end = offset + length; p < end; p += CONTACT_LEFT.size) {
      const day = view.getInt32(p + CONTACT_LEFT.day);
      if (day > w.asOf) break;
      if (day > w.start && isKeyContactRole(view.getInt16(p + CONTACT_LEFT.role))) count++;
    }
  }
  out.key_contacts_left[i] = count;
}

/** decision_maker or champion (indexes in CONTACT_ROLES). */
function isKeyContactRole(role: number): boolean {
  return role === 0 || role === 3;
}
