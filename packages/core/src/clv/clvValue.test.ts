import { describe, expect, it } from 'vitest';
import {
  discountedValue,
  historicalValue,
  historicalValuePerYear,
  marginShare,
  monthlyDiscountFactors,
} from './clvValue.js';

describe('monthlyDiscountFactors / discountedValue', () => {
  it('discounts month i by (1+d)^−i', () => {
    const factors = monthlyDiscountFactors(3, 0.01);
    [1 / 1.01, 1 / 1.01 ** 2, 1 / 1.01 ** 3].forEach((f, i) => expect(factors[i]).toBeCloseTo(f, 15));
  });

  it('values each month’s increment of expected purchases', () => {
    // cumulative 1, 1.5, 1.75 → increments 1, 0.5, 0.25
    const v = discountedValue(10, [1, 1.5, 1.75], monthlyDiscountFactors(3, 0.1));
    expect(v).toBeCloseTo(10 * (1 / 1.1 + 0.5 / 1.1 ** 2 + 0.25 / 1.1 ** 3), 12);
    expect(discountedValue(10, [1, 1.5, 1.75], monthlyDiscountFactors(3, 0))).toBeCloseTo(17.5, 12);
  });
});

describe('historical value', () => {
  it.each([
    [1000, 300, 300],
    [1000, Number.NaN, 1000],
    [Number.NaN, Number.NaN, Number.NaN],
    [1000, -50, -50],
  ])('revenue %s, margin %s → %s', (revenue, margin, expected) => {
    expect(historicalValue(revenue, margin)).toBe(expected);
  });

  it.each([
    [0, 1200],
    [100, 1200],
    [365.25, 1200],
    [730.5, 600],
    [Number.NaN, Number.NaN],
  ])('per year at tenure %s days (under a year counts as one)', (tenure, expected) => {
    expect(historicalValuePerYear(1200, tenure)).toBe(expected);
  });
});

describe('marginShare', () => {
  it.each([
    [0.3, 1000, 10, 0.3],
    [Number.NaN, 1000, 250, 0.25],
    [Number.NaN, 1000, Number.NaN, 1],
    [Number.NaN, 0, 10, 1],
    [Number.NaN, 1000, -100, 0],
    [1.5, 1000, 10, 1],
    [-0.2, 1000, 10, 0],
    [0, 1000, 10, 0],
    [1, 1000, 10, 1],
  ])('rate %s, revenue %s, margin %s → %s', (rate, revenue, margin, expected) => {
    expect(marginShare(rate, revenue, margin)).toBe(expected);
  });
});
