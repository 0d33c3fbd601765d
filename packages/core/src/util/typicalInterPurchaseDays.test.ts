import { describe, expect, it } from 'vitest';
import { revenueGrowthAt } from './revenueGrowthAt.js';
import { atLeast, atMost } from './tolerantCompare.js';
import { typicalInterPurchaseDays } from './typicalInterPurchaseDays.js';

describe('typicalInterPurchaseDays', () => {
  it('uses t_x / x with two or more purchase days, else the population median', () => {
    // Own gaps: 100/2 = 50, 90/3 = 30, 40/1 = 40 → median 40.
    const { days, own, populationMedian } = typicalInterPurchaseDays(
      Float64Array.from([2, 3, 1, 0, NaN]),
      Float64Array.from([100, 90, 40, 0, NaN]),
    );
    expect(Array.from(days)).toEqual([50, 30, 40, 40, 40]);
    expect(Array.from(own)).toEqual([1, 1, 1, 0, 0]);
    expect(populationMedian).toBe(40);
  });

  it('falls back to the configured days when nobody has two purchase days', () => {
    const { days, populationMedian } = typicalInterPurchaseDays(
      Float64Array.from([0, NaN]),
      Float64Array.from([0, NaN]),
      60,
    );
    expect(Array.from(days)).toEqual([60, 60]);
    expect(populationMedian).toBeNaN();
  });
});

describe('revenueGrowthAt', () => {
  const at = (growth: number, revenue: number, prev: number): number =>
    revenueGrowthAt(Float64Array.of(growth), Float64Array.of(revenue), Float64Array.of(prev), 0);

  it.each([
    ['extracted growth wins', 0.5, 10, 100, 0.5],
    ['computed from revenue / revenue_prev', NaN, 150, 100, 0.5],
    ['missing current revenue with a baseline = nothing bought', NaN, NaN, 100, -1],
    ['no baseline (prev 0) → unknown', NaN, 100, 0, NaN],
    ['no baseline (prev missing) → unknown', NaN, 100, NaN, NaN],
  ])('%s', (_, growth, revenue, prev, expected) => {
    expect(at(growth, revenue, prev)).toBe(expected);
  });
});

describe('atLeast / atMost', () => {
  it('forgive rounding noise at the threshold but nothing more', () => {
    expect(atMost(80 / 100 - 1, -0.2)).toBe(true);
    expect(atLeast(120 / 100 - 1, 0.2)).toBe(true);
    expect(atMost(-0.199, -0.2)).toBe(false);
    expect(atLeast(0.199, 0.2)).toBe(false);
    expect(atLeast(NaN, 0)).toBe(false);
    expect(atMost(NaN, 0)).toBe(false);
    expect(atLeast(999_999_999, 1e9)).toBe(false);
  });
});
