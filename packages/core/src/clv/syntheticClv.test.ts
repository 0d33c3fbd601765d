import { describe, expect, it } from 'vitest';
import { generateClvData, type SyntheticClvOptions } from './syntheticClv.js';

const options: SyntheticClvOptions = {
  customers: 500,
  seed: 11,
  bgnbd: { r: 0.5, alpha: 20, a: 0.8, b: 2.5 },
  spend: { p: 6, q: 4, gamma: 15 },
  firstPurchaseSpanDays: 365,
  asOfDay: 20_000,
};

describe('generateClvData', () => {
  it('is deterministic for a seed', () => {
    const a = generateClvData(options);
    const b = generateClvData(options);
    expect(Array.from(a.amount)).toEqual(Array.from(b.amount));
    expect(Array.from(generateClvData({ ...options, seed: 12 }).amount)).not.toEqual(Array.from(a.amount));
  });

  it('gives every customer a first purchase within the span and nothing after the as-of day', () => {
    const d = generateClvData(options);
    const firstDay = new Float64Array(options.customers).fill(Number.POSITIVE_INFINITY);
    d.customer.forEach((c, i) => (firstDay[c] = Math.min(firstDay[c] ?? 0, d.day[i] ?? 0)));
    expect(
      firstDay.every((f) => f >= options.asOfDay - options.firstPurchaseSpanDays && f <= options.asOfDay),
    ).toBe(true);
    expect(d.day.every((day) => day <= options.asOfDay)).toBe(true);
    expect(d.amount.every((a) => a > 0)).toBe(true);
  });

  it('sums each customer’s amounts into lifetimeRevenue', () => {
    const d = generateClvData(options);
    const sums = new Float64Array(options.customers);
    d.customer.forEach((c, i) => (sums[c] = (sums[c] ?? 0) + (d.amount[i] ?? 0)));
    sums.forEach((s, c) => expect(s).toBeCloseTo(d.lifetimeRevenue[c] ?? 0, 9));
  });
});
