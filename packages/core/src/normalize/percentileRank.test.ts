import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { percentileRank, rankScratch } from './percentileRank.js';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);
const ranks = (xs: number[]): number[] => Array.from(percentileRank(f(xs)));

/** O(n²) definition: (count below + (count equal − 1) / 2) / (present − 1) × 100. */
function naive(xs: number[]): number[] {
  const present = xs.filter(Number.isFinite);
  return xs.map((x) => {
    if (!Number.isFinite(x)) return Number.NaN;
    if (present.length === 1) return 50;
    const below = present.filter((y) => y < x).length;
    const equal = present.filter((y) => y === x).length;
    return ((below + (equal - 1) / 2) / (present.length - 1)) * 100;
  });
}

describe('percentileRank', () => {
  it.each([
    { name: 'distinct values spread 0..100', input: [30, 10, 20], expected: [100, 0, 50] },
    { name: 'ties share their average rank', input: [1, 2, 2, 3], expected: [0, 50, 50, 100] },
    { name: 'tie at the top', input: [5, 9, 9], expected: [0, 75, 75] },
    { name: 'tie at the bottom', input: [0, 0, 0, 7], expected: [100 / 3, 100 / 3, 100 / 3, 100] },
    { name: 'all equal → 50', input: [4, 4, 4, 4], expected: [50, 50, 50, 50] },
    {
      name: 'one present value → 50',
      input: [Number.NaN, 7, Number.NaN],
      expected: [Number.NaN, 50, Number.NaN],
    },
    {
      name: 'missing stays missing and is not ranked',
      input: [1, Number.NaN, 3],
      expected: [0, Number.NaN, 100],
    },
    {
      name: '±Infinity count as missing',
      input: [Infinity, 1, -Infinity, 2],
      expected: [Number.NaN, 0, Number.NaN, 100],
    },
    { name: '−0 ties with +0', input: [-0, 0, 1], expected: [25, 25, 100] },
    {
      name: 'negatives order below positives',
      input: [-5, 3, -1e9, 0],
      expected: [100 / 3, 100, 0, 200 / 3],
    },
    { name: 'all missing', input: [Number.NaN, Number.NaN], expected: [Number.NaN, Number.NaN] },
    { name: 'empty column', input: [], expected: [] },
  ])('$name', ({ input, expected }) => {
    const got = ranks(input);
    expect(got).toHaveLength(expected.length);
    got.forEach((g, i) =>
      Number.isNaN(expected[i]!) ? expect(g).toBeNaN() : expect(g).toBeCloseTo(expected[i]!, 12),
    );
  });

  it('is exactly 0, 50 and 100 at the ends and for a full tie', () => {
    expect(ranks([3, 1, 2])).toEqual([100, 0, 50]);
    expect(ranks([2, 2, 2, 2, 2, 2, 2])).toEqual([50, 50, 50, 50, 50, 50, 50]);
  });

  it('matches the O(n²) definition on arbitrary columns', () => {
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ min: -1e12, max: 1e12, noNaN: true }),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, -0),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (xs) => {
        const got = ranks(xs);
        naive(xs).forEach((e, i) =>
          Number.isNaN(e) ? expect(got[i]).toBeNaN() : expect(got[i]).toBeCloseTo(e, 9),
        );
      }),
    );
  });

  it('sorts values that differ only in the low bits of the mantissa', () => {
    const base = 1234567.25;
    const xs = [base + 2 ** -29, base, base + 2 ** -28, base - 2 ** -29];
    expect(ranks(xs)).toEqual(naive(xs));
  });
});

describe('percentileRank scratch', () => {
  it('one scratch serves several columns (and larger than needed) with the same result', () => {
    const scratch = rankScratch(10);
    const a = [5, 1, 5, Number.NaN, 3];
    const b = [-1, -2, -3];
    expect(Array.from(percentileRank(f(a), scratch))).toEqual(ranks(a));
    expect(Array.from(percentileRank(f(b), scratch))).toEqual(ranks(b));
    expect(Array.from(percentileRank(f(a), scratch))).toEqual(ranks(a));
  });

  it('rejects a scratch smaller than the column', () => {
    expect(() => percentileRank(f([1, 2, 3]), rankScratch(2))).toThrow(RangeError);
  });
});
