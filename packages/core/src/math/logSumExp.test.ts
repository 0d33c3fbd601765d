import { describe, expect, it } from 'vitest';
import { exprel, log1mExp, log1pExp, logAddExp, logSumExp } from './logSumExp.js';

describe('log-space helpers', () => {
  it.each([
    [0, 0, Math.LN2],
    [1000, 1000, 1000 + Math.LN2],
    [-1000, -1000, -1000 + Math.LN2],
    [5, Number.NEGATIVE_INFINITY, 5],
    [Number.NEGATIVE_INFINITY, -3, -3],
    [0, -800, 0],
  ])('logAddExp(%s, %s) = %s', (a, b, expected) => expect(logAddExp(a, b)).toBeCloseTo(expected, 13));

  it('logSumExp handles empty, infinite and huge inputs', () => {
    expect(logSumExp([])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBe(Number.NEGATIVE_INFINITY);
    expect(logSumExp([800, 800, 800])).toBeCloseTo(800 + Math.log(3), 12);
    expect(logSumExp(Float64Array.of(1, 2, 3))).toBeCloseTo(Math.log(Math.E + Math.E ** 2 + Math.E ** 3), 13);
    expect(logSumExp([1, Number.NaN])).toBeNaN();
    expect(logSumExp([1, Number.POSITIVE_INFINITY])).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    [0, Math.LN2],
    [800, 800],
    [-40, Math.exp(-40)],
    [1, Math.log(1 + Math.E)],
  ])('log1pExp(%s) = %s', (x, expected) => {
    expect(Math.abs(log1pExp(x) - expected)).toBeLessThanOrEqual(1e-15 * Math.abs(expected));
  });

  it.each([
    [-1e-20, Math.log(1e-20)],
    [-Math.LN2, -Math.LN2],
    [-50, -Math.exp(-50)],
    [0, Number.NEGATIVE_INFINITY],
  ])('log1mExp(%s) = %s', (x, expected) => {
    const actual = log1mExp(x);
    if (!Number.isFinite(expected)) expect(actual).toBe(expected);
    else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-15 * Math.abs(expected));
  });

  it('log1mExp is NaN for positive x', () => expect(log1mExp(0.1)).toBeNaN());

  it.each([
    [0, 1],
    [1e-9, 1 + 5e-10],
    [1, Math.E - 1],
    [-30, (Math.exp(-30) - 1) / -30],
  ])('exprel(%s) = %s', (x, expected) => expect(exprel(x)).toBeCloseTo(expected, 14));
});
