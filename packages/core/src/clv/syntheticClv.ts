import { createRandom } from '../math/random.js';
import type { BgNbdParams } from './bgnbdParams.js';
import type { GammaGammaParams } from './gammaGamma.js';
import type { Transactions } from './summarisePurchases.js';

export interface SyntheticClvOptions {
  readonly customers: number;
  readonly seed: number;
  /** BG/NBD parameters with α per day. */
  readonly bgnbd: BgNbdParams;
  readonly spend: GammaGammaParams;
  /** First purchases fall uniformly in [asOfDay − firstPurchaseSpanDays, asOfDay]. */
  readonly firstPurchaseSpanDays: number;
  readonly asOfDay: number;
}

export interface SyntheticClvData extends Transactions {
  readonly customer: Float64Array;
  readonly day: Float64Array;
  readonly amount: Float64Array;
  readonly customerCount: number;
  /** Σ amounts per customer up to the as-of day. */
  readonly lifetimeRevenue: Float64Array;
}

/**
 * Deterministic synthetic transactions drawn from the BG/NBD and Gamma-Gamma processes (seeded PRNG):
 * per customer λ ~ Gamma(r, α), p ~ Beta(a, b), ν ~ Gamma(q, γ); a first purchase at a uniform time,
 * then purchases at Exp(λ) gaps, the customer dropping out with probability p after each repeat
 * purchase; each purchase spends Gamma(p_spend, ν). Times are continuous and booked on their calendar
 * day, so two purchases on one day become one purchase day (rare at realistic rates).
 */
export function generateClvData(options: SyntheticClvOptions): SyntheticClvData {
  const { customers, bgnbd, spend, firstPurchaseSpanDays, asOfDay } = options;
  const random = createRandom(options.seed);
  const customer = new GrowableColumn();
  const day = new GrowableColumn();
  const amount = new GrowableColumn();
  const lifetimeRevenue = new Float64Array(customers);
  const end = asOfDay + 1; // the as-of day counts in full
  for (let c = 0; c < customers; c++) {
    const lambda = random.gamma(bgnbd.r, bgnbd.alpha);
    const dropout = random.beta(bgnbd.a, bgnbd.b);
    const nu = random.gamma(spend.q, spend.gamma);
    let t = asOfDay - firstPurchaseSpanDays + random.uniform() * firstPurchaseSpanDays;
    let revenue = 0;
    for (let purchase = 0; t < end; purchase++) {
      const value = random.gamma(spend.p, nu);
      customer.push(c);
      day.push(Math.floor(t));
      amount.push(value);
      revenue += value;
      if (purchase > 0 && random.uniform() < dropout) break;
      t += random.exponential(lambda);
    }
    lifetimeRevenue[c] = revenue;
  }
  return {
    customer: customer.values(),
    day: day.values(),
    amount: amount.values(),
    customerCount: customers,
    lifetimeRevenue,
  };
}

/** An append-only Float64 column that doubles its buffer, to avoid per-row JS arrays at 1M scale. */
class GrowableColumn {
  private buffer = new Float64Array(1024);
  private length = 0;

  push(v: number): void {
    if (this.length === this.buffer.length) {
      const next = new Float64Array(this.buffer.length * 2);
      next.set(this.buffer);
      this.buffer = next;
    }
    this.buffer[this.length++] = v;
  }

  values(): Float64Array {
    return this.buffer.slice(0, this.length);
  }
}
