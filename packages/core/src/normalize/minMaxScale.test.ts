import { describe, expect, it } from 'vitest';
import { logMinMax, signedLog1p } from './logMinMax.js';
import type { CapOptions } from './minMaxScale.js';
import { minMaxScale, quantileBounds, scaleToBounds } from './minMaxScale.js';
import { quantileInPlace, upperQuantile } from './quantileInPlace.js';
import { finiteValues } from '../util/selectKth.js';
import fc from 'fast-check';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);
const expectPoints = (got: Float64Array, expected: number[]): void => {
  expect(got).toHaveLength(expected.length);
  got.forEach((g, i) =>
    Number.isNaN(expected[i]!) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(expected[i]!, 10),
  );
};
/** 0, 1, …, 100: the q-quantile (type 7) is exactly 100·q. */
const hundred = Array.from({ length: 101 }, (_, i) => i);

describe('quantileInPlace (type 7, linear interpolation)', () => {
  it.each([
    { xs: [1, 2, 3, 4], p: 0, expected: 1 },
    { xs: [1, 2, 3, 4], p: 1, expected: 4 },
    { xs: [1, 2, 3, 4], p: 0.5, expected: 2.5 },
    { xs: [4, 1, 3, 2], p: 0.25, expected: 1.75 },
    { xs: [10], p: 0.99, expected: 10 },
    { xs: [5, 5, 5, 9], p: 0.5, expected: 5 },
    { xs: hundred, p: 0.99, expected: 99 },
    { xs: hundred, p: 0.01, expected: 1 },
    { xs: [], p: 0.5, expected: Number.NaN },
  ])('q($p) of $xs = $expected', ({ xs, p, expected }) => {
    const q = quantileInPlace(f(xs), p);
    if (Number.isNaN(expected)) expect(q).toBeNaN();
    else expect(q).toBeCloseTo(expected, 12);
  });

  it('ignores missing values when computing bounds', () => {
    expect(quantileBounds(f([Number.NaN, ...hundred, Infinity]), 0.01, 0.99)).toEqual({ lo: 1, hi: 99 });
    expect(quantileBounds(f([Number.NaN, 3, -Infinity, 8]), 0, 1)).toEqual({ lo: 3, hi: 8 });
  });
});

describe('minMaxScale', () => {
  it.each<{ name: string; input: number[]; options?: CapOptions; expected: number[] }>([
    { name: 'min → 0, max → 100, linear between', input: [10, 20, 15, 12], expected: [0, 100, 50, 20] },
    { name: 'missing stays missing', input: [0, Number.NaN, 10], expected: [0, Number.NaN, 100] },
    {
      name: '±Infinity are missing, not bounds',
      input: [0, Infinity, 10, -Infinity],
      expected: [0, Number.NaN, 100, Number.NaN],
    },
    { name: 'all equal → 50', input: [7, 7, 7], expected: [50, 50, 50] },
    { name: 'single customer → 50', input: [123], expected: [50] },
    { name: 'all missing → missing', input: [Number.NaN, Number.NaN], expected: [Number.NaN, Number.NaN] },
    {
      name: 'fixed range: at, inside, below and above the ends',
      input: [1, 3, 5, 0.5, 6],
      options: { range: [1, 5] },
      expected: [0, 50, 100, 0, 100],
    },
    {
      name: 'fixed range with one customer still maps linearly',
      input: [4],
      options: { range: [1, 5] },
      expected: [75],
    },
  ])('$name', ({ input, options, expected }) => {
    expectPoints(minMaxScale(f(input), options), expected);
  });

  it('takes the caps from the quantiles of the column: 0..100 with floor 0.01 and cap 0.99 → [1, 99]', () => {
    const points = minMaxScale(f(hundred), { floor: 0.01, cap: 0.99 });
    expect(points[0]).toBe(0);
    expect(points[1]).toBe(0);
    expect(points[2]).toBeCloseTo((1 / 98) * 100, 12);
    expect(points[98]).toBeCloseTo((97 / 98) * 100, 12);
    expect(points[99]).toBe(100);
    expect(points[100]).toBe(100);
  });

  describe('winsorising at the bounds [1, 99]', () => {
    const bounds = { lo: 1, hi: 99 };
    it.each([
      { value: 99, expected: 100, where: 'at the upper cap' },
      { value: 98.999, expected: (97.999 / 98) * 100, where: 'just below the upper cap' },
      { value: 99.001, expected: 100, where: 'just above the upper cap' },
      { value: 1e300, expected: 100, where: 'far above the upper cap' },
      { value: 1, expected: 0, where: 'at the lower cap' },
      { value: 1.001, expected: (0.001 / 98) * 100, where: 'just above the lower cap' },
      { value: 0.999, expected: 0, where: 'just below the lower cap' },
      { value: -1e300, expected: 0, where: 'far below the lower cap' },
    ])('$where: $value → $expected', ({ value, expected }) => {
      expect(scaleToBounds(f([value]), bounds)[0]).toBeCloseTo(expected, 10);
    });
  });

  it('a cap that collapses onto the floor keeps the order: above 100, at 50, below 0', () => {
    // 200 zeros and one outlier: the 0.99 quantile is 0 = min.
    const xs = [...Array.from({ length: 200 }, () => 0), 500];
    const points = minMaxScale(f(xs), { cap: 0.99 });
    expect(points[0]).toBe(50);
    expect(points[200]).toBe(100);
    const withFloor = minMaxScale(f([-3, 0, 0, 0, 0]), { floor: 0.3, cap: 0.9 });
    expect(Array.from(withFloor)).toEqual([0, 50, 50, 50, 50]);
  });
});

describe('logMinMax', () => {
  it.each([
    { x: 0, expected: 0 },
    { x: Math.E - 1, expected: 1 },
    { x: -(Math.E - 1), expected: -1 },
    { x: Number.NaN, expected: Number.NaN },
  ])('signedLog1p($x) = $expected', ({ x, expected }) => {
    if (Number.isNaN(expected)) expect(signedLog1p(x)).toBeNaN();
    else expect(signedLog1p(x)).toBeCloseTo(expected, 14);
  });

  it('spreads heavy-tailed money on the log scale', () => {
    const points = logMinMax(f([0, 9, 99, 999]));
    expectPoints(points, [
      0,
      (Math.log(10) / Math.log(1000)) * 100,
      (Math.log(100) / Math.log(1000)) * 100,
      100,
    ]);
  });

  it('handles negatives symmetrically (net credits sit below zero) and keeps the order', () => {
    const points = logMinMax(f([-999, 0, 999]));
    expectPoints(points, [0, 50, 100]);
    const mixed = logMinMax(f([-5, -1, 0, 3, 1e6]));
    for (let i = 1; i < mixed.length; i++) expect(mixed[i]).toBeGreaterThan(mixed[i - 1]!);
  });

  it('takes a fixed range in raw units', () => {
    expectPoints(logMinMax(f([0, 99, 9999, 1e9]), { range: [0, 9999] }), [0, 50, 100, 100]);
  });

  it('caps on the log scale and is degenerate-safe', () => {
    const xs = [...Array.from({ length: 99 }, (_, i) => i), 1e12];
    expect(logMinMax(f(xs), { cap: 0.99 })[99]).toBe(100);
    expectPoints(logMinMax(f([5, 5])), [50, 50]);
  });
});

describe('upperQuantile (top quantiles without a full selection)', () => {
  it('equals quantileInPlace of the finite values, ties, gaps and missing values included', () => {
    const value = fc.oneof(
      { weight: 20, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 20 }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1000, maxLength: 5000 }),
        fc.constantFrom(0.9, 0.95, 0.99, 0.999, 1, 0.5),
        (xs, p) => {
          const values = Float64Array.from(xs);
          const expected = quantileInPlace(finiteValues(values), p);
          const got = upperQuantile(values, p);
          // The same order statistics; only the sign of a zero may differ (selection order).
          expect(got === expected || (Number.isNaN(got) && Number.isNaN(expected))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('selects among the top values of a large column', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 100_003);
    expect(upperQuantile(values, 0.99)).toBe(quantileInPlace(finiteValues(values), 0.99));
  });
});
