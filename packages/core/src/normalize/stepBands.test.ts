import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKET_POSITION_CODE } from '../matrix/FeatureMatrix.js';
import { enumMap, resolveCode } from './enumMap.js';
import { stepBands } from './stepBands.js';

const steps = [
  { atLeast: 1, points: 60 },
  { atLeast: 3, points: 100 },
];

describe('stepBands (referrals: ≥1 → 60, ≥3 → 100, else 0)', () => {
  it.each([
    { value: -1, expected: 0 },
    { value: 0, expected: 0 },
    { value: 0.999, expected: 0 },
    { value: 1, expected: 60 },
    { value: 1.001, expected: 60 },
    { value: 2.999, expected: 60 },
    { value: 3, expected: 100 },
    { value: 3.001, expected: 100 },
    { value: 1e9, expected: 100 },
  ])('$value → $expected', ({ value, expected }) => {
    expect(stepBands(Float64Array.of(value), steps, 0)[0]).toBe(expected);
  });

  it('keeps missing missing (NaN, ±Infinity) and uses base below the first step', () => {
    expect(Array.from(stepBands(Float64Array.of(Number.NaN, Infinity, -Infinity, 0), steps, 25))).toEqual([
      Number.NaN,
      Number.NaN,
      Number.NaN,
      25,
    ]);
  });

  it('expresses lower-is-better by falling points (complaints: 0 → 100, ≥1 → 70, ≥3 → 30)', () => {
    const complaints = [
      { atLeast: 1, points: 70 },
      { atLeast: 3, points: 30 },
    ];
    expect(Array.from(stepBands(Float64Array.of(0, 1, 2, 3, 8), complaints, 100))).toEqual([
      100, 70, 70, 30, 30,
    ]);
  });

  it('a single customer or equal values are no special case', () => {
    expect(Array.from(stepBands(Float64Array.of(2, 2), steps, 0))).toEqual([60, 60]);
  });
});

describe('enumMap (market position leader → 100, major → 60, sme → 20)', () => {
  const spec = { map: { leader: 100, major: 60, sme: 20 } };
  it.each([
    { code: MARKET_POSITION_CODE.leader, expected: 100 },
    { code: MARKET_POSITION_CODE.major, expected: 60 },
    { code: MARKET_POSITION_CODE.sme, expected: 20 },
    { code: 7, expected: Number.NaN },
    { code: Number.NaN, expected: Number.NaN },
  ])('code $code → $expected', ({ code, expected }) => {
    expect(enumMap(Float64Array.of(code), spec, MARKET_POSITION_CODE)[0]).toEqual(expected);
  });

  it('gives unknown codes the fallback, but missing stays missing', () => {
    const points = enumMap(
      Float64Array.of(7, Number.NaN, Infinity, 1.5),
      { ...spec, fallback: 10 },
      MARKET_POSITION_CODE,
    );
    expect(Array.from(points)).toEqual([10, Number.NaN, Number.NaN, 10]);
  });

  it('accepts numeric code keys', () => {
    expect(Array.from(enumMap(Float64Array.of(0, 2), { map: { '0': 5, '2': 95 } }))).toEqual([5, 95]);
  });

  it.each([
    { key: 'leader', codes: MARKET_POSITION_CODE, expected: 2 },
    { key: '2', codes: undefined, expected: 2 },
    { key: '-1.5', codes: undefined, expected: -1.5 },
    { key: 'leadr', codes: MARKET_POSITION_CODE, expected: undefined },
    { key: '', codes: undefined, expected: undefined },
    { key: 'toString', codes: MARKET_POSITION_CODE, expected: undefined },
  ])('resolveCode($key) = $expected', ({ key, codes, expected }) => {
    expect(resolveCode(key, codes)).toBe(expected);
  });
});

describe('stepBands on integer columns (points looked up per value)', () => {
  it('gives the points of the step walk, NaN for missing', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 12 }), fc.constantFrom(Number.NaN, Infinity));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 200 }), (xs) => {
        const got = stepBands(Float64Array.from(xs), steps, 10);
        xs.forEach((v, i) => {
          const expected = !Number.isFinite(v) ? Number.NaN : v >= 3 ? 100 : v >= 1 ? 60 : 10;
          expect(got[i]).toBe(expected);
        });
      }),
    );
  });
});
