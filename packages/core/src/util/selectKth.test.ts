import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finiteMedian } from './finiteMedian.js';
import { finiteValues, selectKth } from './selectKth.js';
import { topShareCutoff } from './topShareCutoff.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });

describe('selectKth', () => {
  it('returns the k-th smallest, like sorting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(finite, fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 200 }),
        fc.nat(),
        (xs, seed) => {
          const k = seed % xs.length;
          const sorted = Float64Array.from(xs).sort();
          // Compared with ===: selection, like <, does not tell −0 from 0, while the sort puts −0 first
          // (toBe's Object.is made the property fail whenever both turned up).
          expect(selectKth(Float64Array.from(xs), k) === sorted[k]).toBe(true);
        },
      ),
    );
  });

  it('rejects k outside the array', () => {
    expect(() => selectKth(new Float64Array(2), 2)).toThrow(RangeError);
  });

  it('finiteValues drops NaN and ±Infinity and applies the filter', () => {
    expect(Array.from(finiteValues([1, Number.NaN, Infinity, -2, 0], (v) => v >= 0))).toEqual([1, 0]);
  });
});

describe('finiteMedian', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[Number.NaN, 5, Infinity], 5],
    [[], Number.NaN],
    [[7, 7, 7, 7], 7],
  ])('%j → %d', (xs, expected) => {
    expect(finiteMedian(xs)).toBe(expected);
  });
});

describe('topShareCutoff', () => {
  it.each([
    ['top 30 % of 10', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.3, 8],
    ['share × n rounds up', [1, 2, 3, 4, 5, 6, 7], 0.3, 5],
    ['ties at the cut all qualify', [10, 9, 8, 8, 7], 0.6, 8],
    ['everyone at share 1', [3, 1, 2], 1, 1],
    ['no candidates → NaN (nobody)', [Number.NaN], 0.5, Number.NaN],
  ])('%s', (_, xs, share, expected) => {
    expect(topShareCutoff(xs, share)).toBe(expected);
  });

  it('considers only values passing the filter', () => {
    // Half of the two positive values is one customer; counting the zeros it would be three (cut 0).
    expect(topShareCutoff([0, 0, 0, 5, 10], 0.5, (v) => v > 0)).toBe(10);
    expect(topShareCutoff([0, 0, 0, 5, 10], 0.5)).toBe(0);
  });
});
