import { revenueGrowthAt } from '../util/revenueGrowthAt.js';
import type { ChurnConfig } from './ChurnConfig.js';
import type { ChurnSignalKey } from './churnSignals.js';

/** Columns the churn signals read (all days; NaN = missing). */
export interface ChurnInput {
  readonly recencyDays: Float64Array;
  /** Days since the first purchase day (clv_T): with recency, tells customers from prospects. */
  readonly daysSinceFirstPurchase: Float64Array;
  readonly orderCount: Float64Array;
  readonly orderCountPrev: Float64Array;
  readonly revenue: Float64Array;
  readonly revenuePrev: Float64Array;
  readonly revenueGrowth: Float64Array;
  /** BG/NBD P(alive); NaN = unknown. */
  readonly pAlive: Float64Array;
  /** Typical inter-purchase days (own, else population median): `typicalInterPurchaseDays(...).days`. */
  readonly iptDays: Float64Array;
  readonly complaintCount: Float64Array;
  readonly complaintCountPrev: Float64Array;
  readonly openCriticalComplaints: Float64Array;
  readonly csat: Float64Array;
  readonly csatPrev: Float64Array;
  readonly nps: Float64Array;
  readonly npsPrev: Float64Array;
  readonly daysSinceInteraction: Float64Array;
  /** Revisit cadence of the customer's tier (NaN = no policy: the silence signal's default applies). */
  readonly tierRevisitDays: Float64Array;
  readonly keyContactsLeft: Float64Array;
}

/**
 * The quantity compared with a signal's threshold, for rows from..to−1; NaN where the customer cannot
 * show the signal (missing input, or no baseline to drop from). Columnar, one loop per signal, so each
 * loop stays monomorphic. A derived measure is written into those rows of `scratch` (one buffer reused
 * for all signals, sparing ~60 MB of garbage per 1M rows); a plain input column is returned as is.
 */
export type Measure = (c: ChurnInput, scratch: Float64Array, from: number, to: number) => Float64Array;

/** A count missing beside a known baseline means nothing happened in the window. */
const countOrZero = (v: number): number => (Number.isNaN(v) ? 0 : v);

/** One measure per signal, bound to the signal settings that shape it (minimum baseline, cadence…). */
export function churnMeasures(config: ChurnConfig): Readonly<Record<ChurnSignalKey, Measure>> {
  const s = config.signals;
  // Each derived measure writes its own loop: a shared `map(f)` helper would make the call to f
  // megamorphic and several times slower on 1M rows.
  return {
    order_drop: (c, out, from, to) => {
      const min = s.order_drop.minPrevOrders;
      for (let i = from; i < to; i++) {
        const prev = c.orderCountPrev[i]!;
        // Without a real previous window (new customers, prospects) there is nothing to drop from.
        out[i] = prev >= min ? countOrZero(c.orderCount[i]!) / prev - 1 : Number.NaN;
      }
      return out;
    },
    revenue_decline: (c, out, from, to) => {
      for (let i = from; i < to; i++) out[i] = revenueGrowthAt(c.revenueGrowth, c.revenue, c.revenuePrev, i);
      return out;
    },
    purchase_overdue: (c, out, from, to) => {
      const min = s.purchase_overdue.minDays;
      for (let i = from; i < to; i++) {
        const recency = c.recencyDays[i]!;
        out[i] = recency >= min ? recency / c.iptDays[i]! : Number.NaN;
      }
      return out;
    },
    low_p_alive: (c) => c.pAlive,
    open_critical_complaint: (c) => c.openCriticalComplaints,
    complaints_rising: (c, out, from, to) => {
      for (let i = from; i < to; i++) {
        const now = c.complaintCount[i]!;
        // A first-window customer with complaints has risen from zero: complaints need no baseline.
        out[i] = now > countOrZero(c.complaintCountPrev[i]!) ? now : Number.NaN;
      }
      return out;
    },
    csat_drop: (c, out, from, to) => difference(c.csat, c.csatPrev, out, from, to),
    low_csat: (c) => c.csat,
    nps_drop: (c, out, from, to) => difference(c.nps, c.npsPrev, out, from, to),
    low_nps: (c) => c.nps,
    silence: (c, out, from, to) => {
      const fallback = s.silence.defaultCadenceDays;
      for (let i = from; i < to; i++) {
        const cadence = c.tierRevisitDays[i]!;
        out[i] = c.daysSinceInteraction[i]! / (cadence > 0 ? cadence : fallback);
      }
      return out;
    },
    key_contact_left: (c) => c.keyContactsLeft,
  };
}

function difference(
  now: Float64Array,
  before: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
): Float64Array {
  for (let i = from; i < to; i++) out[i] = now[i]! - before[i]!;
  return out;
}

/** What the evidence column shows when it is not the measure itself: days are clearer than ratios. */
export const EVIDENCE_OF: Readonly<Partial<Record<ChurnSignalKey, (c: ChurnInput) => Float64Array>>> = {
  purchase_overdue: (c) => c.recencyDays,
  silence: (c) => c.daysSinceInteraction,
};
