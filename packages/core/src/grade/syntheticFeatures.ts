import { summarisePurchases } from '../clv/summarisePurchases.js';
import { generateClvData } from '../clv/syntheticClv.js';
import { INDICATOR_KEYS, type FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { createRandom } from '../math/random.js';

/**
 * A deterministic, plausible feature matrix for tests and benchmarks: purchase histories drawn from
 * BG/NBD + Gamma-Gamma (so the CLV fit has something real to find), the other indicators from simple
 * distributions correlated with spend. Not a substitute for the demo data, which goes through the database.
 */
export function syntheticFeatures(customers: number, seed = 1, asOfDay = 20_000): FeatureMatrix {
  const data = generateClvData({
    customers,
    seed,
    bgnbd: { r: 0.6, alpha: 20, a: 0.8, b: 2.5 },
    spend: { p: 6, q: 4, gamma: 15 * 100 },
    firstPurchaseSpanDays: 3 * 365,
    asOfDay,
  });
  const summary = summarisePurchases(data, customers, asOfDay);
  const random = createRandom(seed + 7919);
  const n = customers;
  const col = () => new Float64Array(n);
  const columns: Record<string, Float64Array> = {};
  for (const key of INDICATOR_KEYS) columns[key] = col();
  for (const key of [
    'order_count_prev',
    'csat_prev',
    'nps_prev',
    'complaint_count_prev',
    'interaction_count_prev',
  ])
    columns[key] = col();
  for (const key of [
    'open_critical_complaints',
    'key_contacts_left',
    'lifetime_revenue',
    'lifetime_margin',
    'status',
  ])
    columns[key] = col();
  const ids = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = i + 1;
    const lifetime = data.lifetimeRevenue[i]!;
    const x = summary.x[i]!;
    const recent = lifetime * (0.2 + 0.6 * random.uniform());
    const set = (key: string, value: number) => (columns[key]![i] = value);
    set('revenue', recent);
    set('revenue_prev', lifetime - recent);
    set('revenue_growth', lifetime - recent > 0 ? recent / (lifetime - recent) - 1 : Number.NaN);
    set('order_count', Math.round((x + 1) * 0.5));
    set('order_count_prev', Math.round((x + 1) * 0.4));
    set('purchase_days', Math.round((x + 1) * 0.4));
    set('avg_order_value', recent / Math.max(1, Math.round((x + 1) * 0.5)));
    set('gross_margin', recent * 0.25);
    set('margin_rate', 0.15 + 0.2 * random.uniform());
    set('revenue_trend', random.normal() * 0.05);
    set('category_breadth', 1 + Math.floor(random.uniform() * 8));
    set('recency_days', Number.isNaN(summary.T[i]!) ? Number.NaN : summary.T[i]! - summary.tx[i]!);
    set('interaction_count', Math.floor(random.uniform() * 20));
    set('interaction_count_prev', Math.floor(random.uniform() * 20));
    set('days_since_interaction', Math.floor(random.uniform() * 200));
    set('referral_count', random.uniform() < 0.1 ? 1 : 0);
    set('survey_response_rate', random.uniform());
    set('csat_avg', 1 + 4 * random.uniform());
    set('csat_prev', 1 + 4 * random.uniform());
    set('nps', 10 * random.uniform());
    set('nps_prev', 10 * random.uniform());
    set('complaint_count', random.uniform() < 0.2 ? 1 + Math.floor(random.uniform() * 3) : 0);
    set('complaint_count_prev', random.uniform() < 0.2 ? 1 : 0);
    set('complaint_severity', columns.complaint_count![i]! * 2);
    set('open_complaints', random.uniform() < 0.05 ? 1 : 0);
    set('open_critical_complaints', random.uniform() < 0.01 ? 1 : 0);
    set('key_contacts_left', random.uniform() < 0.03 ? 1 : 0);
    set('tenure_days', Number.isNaN(summary.T[i]!) ? 0 : summary.T[i]!);
    set('employees', Math.round(Math.exp(3 + 2 * random.normal())));
    set('company_revenue', Math.exp(15 + 2 * random.normal()));
    set('market_position', random.uniform() < 0.1 ? 2 : random.uniform() < 0.3 ? 1 : 0);
    set('subsidiary_count', random.uniform() < 0.02 ? 3 : 0);
    set('lifetime_revenue', lifetime);
    set('lifetime_margin', lifetime * 0.25);
    set('status', 1);
  }
  return {
    ids,
    asOfDay,
    columns: {
      ...columns,
      clv_x: summary.x,
      clv_tx: summary.tx,
      clv_T: summary.T,
      clv_mbar: summary.mbar,
    },
  };
}
