import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AbcConfigSchema } from './AbcConfig.js';
import { abcClassify } from './abcClassify.js';
import { ABC_CLASS_KEYS } from './abcLabels.js';

const defaults = AbcConfigSchema.parse({});

/** Classes as letters, rows in input order; ids default to 1..n. */
function classes(values: readonly number[], ids?: readonly number[], config = defaults): string {
  const result = abcClassify(
    Float64Array.from(values),
    Float64Array.from(ids ?? values.map((_, i) => i + 1)),
    config,
  );
  return Array.from(result.abcClass, (c) => ABC_CLASS_KEYS[c]).join('');
}

describe('abcClassify boundaries (A ≤ 80 %, B ≤ 95 %; the customer crossing a cut stays below it)', () => {
  it.each([
    ['cumulative exactly 80 % then 95 %', [80, 15, 5], 'ABC'],
    ['just under 80 %: the next customer crosses 80 % and is still A', [79, 16, 5], 'AAC'],
    ['just over 80 %: the next customer is B', [81, 14, 5], 'ABC'],
    ['just under 95 %: the crossing customer is still B', [80, 14, 6], 'ABB'],
    ['float shares that reach 80 % and 95 % up to rounding', [0.7, 0.1, 0.1, 0.05, 0.05], 'AABBC'],
    // 9.4857…/11.857… computes as 0.7999999999999999: still "reached 80 %", so the next one is B.
    [
      'a share of 80 % up to the last bit reaches 80 %',
      [9.485714285714286, 1.778571428571429, 0.592857142857143],
      'ABC',
    ],
    ['one customer holding everything', [1000, 0, 0], 'ACC'],
    ['the first customer is A even holding 99 %; the rest is past 95 %', [99, 1], 'AC'],
    ['zero, negative, NaN and Infinity are C', [100, 0, -50, NaN, Infinity], 'ACCCC'],
    ['all zero → all C', [0, 0, 0], 'CCC'],
    ['empty', [], ''],
    ['input order does not matter', [5, 15, 80], 'CBA'],
  ])('%s: %j → %s', (_, values, expected) => {
    expect(classes(values)).toBe(expected);
  });

  it.each([
    ['lower id first', [60, 20, 20], [1, 2, 3], 'AAB'],
    ['higher id listed first', [60, 20, 20], [1, 3, 2], 'ABA'],
    ['equal values straddling 95 %', [80, 15, 2.5, 2.5], [1, 2, 4, 3], 'ABCC'],
    ['equal values straddling 80 %', [70, 20, 10], [1, 2, 3], 'AAB'],
  ])('ties broken by id: %s', (_, values, ids, expected) => {
    expect(classes(values, ids)).toBe(expected);
  });

  it.each([
    [{ aMaxShare: 0.5, bMaxShare: 0.5 }, [50, 30, 20], 'ACC'],
    [{ aMaxShare: 0.5, bMaxShare: 1 }, [50, 30, 20, 1e-12], 'ABBB'],
    [{ aMaxShare: 1, bMaxShare: 1 }, [50, 30, 1e-12, 0], 'AAAC'],
  ])('configured cuts %j: %j → %s', (config, values, expected) => {
    expect(classes(values, undefined, AbcConfigSchema.parse(config))).toBe(expected);
  });

  it('gives the cumulative share curve and the chart order', () => {
    const r = abcClassify(Float64Array.from([15, 80, 0, 5]), Float64Array.from([1, 2, 3, 4]), defaults);
    expect(Array.from(r.order)).toEqual([1, 0, 3]);
    expect(r.total).toBe(100);
    expect(Array.from(r.cumulativeShare)).toEqual([0.95, 0.8, NaN, 1]);
  });
});

describe('AbcConfigSchema', () => {
  it('defaults to A ≤ 80 %, B ≤ 95 % on revenue', () => {
    expect(defaults).toEqual({ basis: 'revenue', aMaxShare: 0.8, bMaxShare: 0.95 });
  });

  it('rejects A above B and shares outside (0, 1]', () => {
    expect(AbcConfigSchema.safeParse({ aMaxShare: 0.9, bMaxShare: 0.8 }).error?.issues[0]?.message).toMatch(
      /aMaxShare must not exceed bMaxShare/,
    );
    expect(AbcConfigSchema.safeParse({ aMaxShare: 0 }).success).toBe(false);
    expect(AbcConfigSchema.safeParse({ bMaxShare: 1.1 }).success).toBe(false);
  });
});

describe('abcClassify properties', () => {
  const value = fc.oneof(
    fc.double({ min: -1e6, max: 1e9, noNaN: true }),
    fc.integer({ min: 0, max: 5 }),
    fc.constant(NaN),
  );
  const rows = fc
    .uniqueArray(fc.integer({ min: 1, max: 1e9 }), { minLength: 0, maxLength: 200 })
    .chain((ids) =>
      fc.tuple(fc.constant(ids), fc.array(value, { minLength: ids.length, maxLength: ids.length })),
    );

  it('gives every customer exactly one class, C for value ≤ 0 or missing, and is monotone in value', () => {
    fc.assert(
      fc.property(rows, ([ids, values]) => {
        const v = Float64Array.from(values);
        const { abcClass, cumulativeShare } = abcClassify(v, Float64Array.from(ids), defaults);
        expect(abcClass.length).toBe(ids.length);
        for (let i = 0; i < v.length; i++) {
          expect([0, 1, 2]).toContain(abcClass[i]);
          if (!(v[i]! > 0)) expect(abcClass[i]).toBe(2);
          if (v[i]! > 0) expect(cumulativeShare[i]).toBeGreaterThan(0);
          for (let j = 0; j < v.length; j++) {
            if (v[i]! > v[j]! || (v[i]! > 0 && !(v[j]! > 0)))
              expect(abcClass[i]).toBeLessThanOrEqual(abcClass[j]!);
          }
        }
      }),
    );
  });

  it('does not depend on the row order', () => {
    fc.assert(
      fc.property(rows, fc.nat(), ([ids, values], seed) => {
        const perm = ids
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 101) - ((b * 7919 + seed) % 101) || a - b);
        const a = abcClassify(Float64Array.from(values), Float64Array.from(ids), defaults).abcClass;
        const b = abcClassify(
          Float64Array.from(perm.map((p) => values[p]!)),
          Float64Array.from(perm.map((p) => ids[p]!)),
          defaults,
        ).abcClass;
        perm.forEach((p, k) => expect(b[k]).toBe(a[p]));
      }),
    );
  });
});
