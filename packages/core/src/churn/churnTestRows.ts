import type { ChurnInput } from './churnMeasures.js';

/** One customer's churn inputs as a plain object, for tests. */
export interface ChurnRow {
  recency: number;
  firstPurchase: number;
  orderCount: number;
  orderCountPrev: number;
  revenue: number;
  revenuePrev: number;
  growth: number;
  pAlive: number;
  ipt: number;
  complaints: number;
  complaintsPrev: number;
  openCritical: number;
  csat: number;
  csatPrev: number;
  nps: number;
  npsPrev: number;
  silentDays: number;
  revisitDays: number;
  contactsLeft: number;
}

/** An established, healthy customer: no signal fires. */
export const HEALTHY: Readonly<ChurnRow> = {
  recency: 10,
  firstPurchase: 1000,
  orderCount: 10,
  orderCountPrev: 10,
  revenue: 100,
  revenuePrev: 100,
  growth: 0,
  pAlive: 0.9,
  ipt: 30,
  complaints: 0,
  complaintsPrev: 0,
  openCritical: 0,
  csat: 4.5,
  csatPrev: 4.5,
  nps: 9,
  npsPrev: 9,
  silentDays: 10,
  revisitDays: 30,
  contactsLeft: 0,
};

export function churnInputOf(rows: readonly ChurnRow[]): ChurnInput {
  const col = (k: keyof ChurnRow): Float64Array => Float64Array.from(rows.map((r) => r[k]));
  return {
    recencyDays: col('recency'),
    daysSinceFirstPurchase: col('firstPurchase'),
    orderCount: col('orderCount'),
    orderCountPrev: col('orderCountPrev'),
    revenue: col('revenue'),
    revenuePrev: col('revenuePrev'),
    revenueGrowth: col('growth'),
    pAlive: col('pAlive'),
    iptDays: col('ipt'),
    complaintCount: col('complaints'),
    complaintCountPrev: col('complaintsPrev'),
    openCriticalComplaints: col('openCritical'),
    csat: col('csat'),
    csatPrev: col('csatPrev'),
    nps: col('nps'),
    npsPrev: col('npsPrev'),
    daysSinceInteraction: col('silentDays'),
    tierRevisitDays: col('revisitDays'),
    keyContactsLeft: col('contactsLeft'),
  };
}
