import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digamma } from './digamma.js';
import { logBeta } from './logBeta.js';
import { gammaSign, logGamma, sinPi } from './logGamma.js';
import { relativeError } from './relativeError.js';

const SQRT_PI = Math.sqrt(Math.PI);
const EULER_GAMMA = 0.5772156649015329;

describe('logGamma', () => {
  it.each([
    // exact: integers and half-integers
    [1, 0],
    [2, 0],
    [3, Math.log(2)],
    [11, Math.log(3628800)],
    [21, Math.log(2432902008176640000)],
    [0.5, Math.log(SQRT_PI)],
    [1.5, Math.log(SQRT_PI / 2)],
    [2.5, Math.log((3 * SQRT_PI) / 4)],
    [-0.5, Math.log(2 * SQRT_PI)],
    [-1.5, Math.log((4 * SQRT_PI) / 3)],
    // mpmath 1.3 at 40 digits
    [1e-10, 23.025850929882736],
    [0.1, 2.252712651734206],
    [3.7, 1.4280723266653881],
    [9.999, 12.799575780077413],
    [10.5, 13.940625219403763],
    [100, 359.1342053695754],
    [1234.5, 7550.550901077895],
    [1e6, 12815504.569147613],
    [-2.7, -0.07140708531564569],
    [-10.3, -14.457515440024208],
  ])('logGamma(%s) = %s', (x, expected) => {
    const actual = logGamma(x);
    // Relative where the value is away from the zeros at 1 and 2, absolute near them.
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(expected)));
  });

  it.each([0, -1, -2, -30])('is +Infinity at the pole %s', (x) => {
    expect(logGamma(x)).toBe(Number.POSITIVE_INFINITY);
    expect(gammaSign(x)).toBeNaN();
  });

  it('is NaN for NaN', () => expect(logGamma(Number.NaN)).toBeNaN());

  it.each([
    [0.3, 1],
    [-0.5, -1],
    [-1.5, 1],
    [-2.7, -1],
    [-3.2, 1],
  ])('gammaSign(%s) = %s', (x, sign) => expect(gammaSign(x)).toBe(sign));

  it('satisfies log Γ(x+1) = log Γ(x) + log x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e5, noNaN: true }), (x) => {
        const lhs = logGamma(x + 1);
        const rhs = logGamma(x) + Math.log(x);
        return Math.abs(lhs - rhs) <= 1e-13 * Math.max(1, Math.abs(lhs), Math.abs(logGamma(x)));
      }),
    );
  });

  it('sinPi is exactly zero at integers', () => {
    for (const n of [-3, -1, 0, 2, 1e6]) expect(sinPi(n)).toBe(0);
    expect(sinPi(0.5)).toBe(1);
  });
});

describe('digamma', () => {
  it.each([
    [1, -EULER_GAMMA],
    [0.5, -EULER_GAMMA - 2 * Math.LN2],
    [0.25, -EULER_GAMMA - Math.PI / 2 - 3 * Math.LN2],
    [2, 1 - EULER_GAMMA],
    [5, 1 + 1 / 2 + 1 / 3 + 1 / 4 - EULER_GAMMA],
    // mpmath 1.3
    [1e-10, -10000000000.577215],
    [3.7, 1.1671535393615113],
    [9.999, 2.2516474172057355],
    [10.5, 2.3030010342976865],
    [1e6, 13.815510057964191],
    [-0.5, 0.03648997397857652],
    [-2.7, -1.1153471291406896],
  ])('digamma(%s) = %s', (x, expected) => {
    expect(Math.abs(digamma(x) - expected)).toBeLessThanOrEqual(4e-15 * Math.max(1, Math.abs(expected)));
  });

  it('is ~0 at its positive root', () => expect(Math.abs(digamma(1.4616321449683622))).toBeLessThan(1e-15));

  it.each([0, -1, -7])('is NaN at the pole %s', (x) => expect(digamma(x)).toBeNaN());

  it('satisfies ψ(x+1) = ψ(x) + 1/x and matches the slope of log Γ', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-2, max: 1e4, noNaN: true }), (x) => {
        const recurrence = Math.abs(digamma(x + 1) - digamma(x) - 1 / x) <= 1e-13 * Math.max(1, 1 / x);
        const h = 1e-5 * Math.max(1, x);
        const slope = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
        return recurrence && Math.abs(slope - digamma(x)) <= 1e-6 * Math.max(1, Math.abs(digamma(x)));
      }),
    );
  });
});

describe('logBeta', () => {
  it.each([
    [2, 3, Math.log(1 / 12)],
    [0.5, 0.5, Math.log(Math.PI)],
    [7.5, 1, -Math.log(7.5)],
    [1, 1, 0],
  ])('logBeta(%s, %s) = %s', (a, b, expected) => {
    expect(Math.abs(logBeta(a, b) - expected)).toBeLessThan(1e-14 * Math.max(1, Math.abs(expected)));
  });

  it('is symmetric', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (a, b) =>
          relativeError(logBeta(a, b), logBeta(b, a)) < 1e-14 ||
          Math.abs(logBeta(a, b) - logBeta(b, a)) < 1e-13,
      ),
    );
  });
});
