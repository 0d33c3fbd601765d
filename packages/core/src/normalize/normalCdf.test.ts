import { describe, expect, it } from 'vitest';
import { erf, normalCdf } from './normalCdf.js';
import { zScoreCdf } from './zScoreCdf.js';

/** Reference values from mpmath at 40 significant digits, rounded to double. */
const PHI: [number, number][] = [
  [-38, 2.88542835e-316],
  [-30, 4.906713927148187e-198],
  [-20, 2.7536241186062337e-89],
  [-10, 7.619853024160525e-24],
  [-8, 6.220960574271784e-16],
  [-7.5, 3.1908916729108963e-14],
  [-5, 2.866515718791939e-7],
  [-3.5, 0.00023262907903552504],
  [-3, 0.0013498980316300946],
  [-2.999, 0.0013543365337271062],
  [-2.5, 0.006209665325776135],
  [-2.4999, 0.0062114183749445865],
  [-2, 0.02275013194817921],
  [-1, 0.15865525393145705],
  [-0.5, 0.3085375387259869],
  [-1e-8, 0.4999999960105772],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1, 0.8413447460685429],
  [1.96, 0.9750021048517795],
  [2, 0.9772498680518208],
  [3, 0.9986501019683699],
  [5, 0.9999997133484281],
  [8, 0.9999999999999993],
];

const ERF: [number, number][] = [
  [-6, -1],
  [-3, -0.9999779095030014],
  [-1.5, -0.9661051464753108],
  [-1, -0.8427007929497149],
  [-0.5, -0.5204998778130465],
  [-0.4999, -0.5204119951613866],
  [-0.1, -0.1124629160182849],
  [-1e-10, -1.1283791670955126e-10],
  [0, 0],
  [1e-10, 1.1283791670955126e-10],
  [0.001, 0.0011283787909692365],
  [0.25, 0.27632639016823696],
  [0.4999, 0.5204119951613866],
  [0.5, 0.5204998778130465],
  [0.75, 0.7111556336535151],
  [1, 0.8427007929497149],
  [2, 0.9953222650189527],
  [3, 0.9999779095030014],
  [5.9, 0.9999999999999999],
  [6.5, 1],
];

const relativeError = (got: number, want: number): number =>
  want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);

describe('normalCdf', () => {
  it.each(PHI)('Φ(%d) to 1e-14 relative (tails included)', (x, want) => {
    // Φ(−38) is subnormal: only a few significant bits exist there.
    expect(relativeError(normalCdf(x), want)).toBeLessThan(x === -38 ? 1e-6 : 1e-14);
  });

  it('is symmetric, monotone and 0/1 beyond the range of doubles', () => {
    for (let x = -9; x <= 9; x += 0.25) {
      expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
      expect(normalCdf(x + 0.25)).toBeGreaterThanOrEqual(normalCdf(x));
    }
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-50)).toBe(0);
    expect(normalCdf(Number.NaN)).toBeNaN();
  });
});

describe('erf', () => {
  it.each(ERF)('erf(%d) to 1e-15 relative', (x, want) => {
    expect(relativeError(erf(x), want)).toBeLessThan(1e-15);
  });

  it('is odd and NaN-safe', () => {
    expect(erf(-0.3)).toBe(-erf(0.3));
    expect(erf(Number.NaN)).toBeNaN();
  });
});

describe('zScoreCdf', () => {
  it('maps the mean to 50 and ±1 sd to Φ(±1)', () => {
    // mean 10, population sd 1
    const points = zScoreCdf(Float64Array.from([9, 11, 9, 11]));
    expect(points[1]).toBeCloseTo(100 * 0.8413447460685429, 12);
    expect(points[0]).toBeCloseTo(100 * 0.15865525393145705, 12);
    expect(zScoreCdf(Float64Array.from([-1, 0, 1]))[1]).toBe(50);
  });

  it.each([
    { name: 'all equal → 50', input: [3, 3, 3], expected: [50, 50, 50] },
    { name: 'single customer → 50', input: [42], expected: [50] },
    { name: 'all missing → missing', input: [Number.NaN], expected: [Number.NaN] },
    {
      name: 'missing and infinite values are skipped',
      input: [Number.NaN, 2, Infinity, 2],
      expected: [Number.NaN, 50, Number.NaN, 50],
    },
  ])('$name', ({ input, expected }) => {
    const got = Array.from(zScoreCdf(Float64Array.from(input)));
    expect(got).toEqual(expected);
  });

  it('is stable for large, tightly clustered values', () => {
    const points = zScoreCdf(Float64Array.from([1e12 - 1, 1e12 + 1]));
    expect(points[0]).toBeCloseTo(100 * 0.15865525393145705, 9);
    expect(points[1]).toBeCloseTo(100 * 0.8413447460685429, 9);
  });
});
