import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyp2f1, logHyp2f1 } from './hyp2f1.js';
import { hypergeometricSeries } from './hypergeometricSeries.js';
import { logGamma } from './logGamma.js';
import { relativeError } from './relativeError.js';

describe('hyp2f1 against closed forms', () => {
  it.each([-1e6, -50, -0.9, -1e-3, 1e-8, 0.3, 0.9, 0.95, 0.999, 0.999999, 1 - 1e-12])(
    '₂F₁(1, 1; 2; %s) = −ln(1−z)/z',
    (z) => {
      expect(relativeError(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
    },
  );

  it.each([
    [0.3, 1.3, -5],
    [2.5, 1.3, 0.5],
    [-1.7, 0.4, 0.97],
    [7.25, 3.5, 0.999],
    [0.6, 2.5, -400],
  ])('₂F₁(a=%s, b; b=%s; z=%s) = (1−z)^−a', (a, b, z) => {
    expect(relativeError(hyp2f1(a, b, b, z), Math.pow(1 - z, -a))).toBeLessThan(1e-13);
  });

  it.each([0.1, 0.7, 3, 40])('₂F₁(½, 1; 3/2; −x²) = arctan(x)/x at x = %s', (x) => {
    expect(relativeError(hyp2f1(0.5, 1, 1.5, -x * x), Math.atan(x) / x)).toBeLessThan(1e-13);
  });

  it.each([0.1, 0.7, 0.99, 0.99999])('₂F₁(½, ½; 3/2; x²) = arcsin(x)/x at x = %s', (x) => {
    expect(relativeError(hyp2f1(0.5, 0.5, 1.5, x * x), Math.asin(x) / x)).toBeLessThan(1e-12);
  });

  it.each([0.2, 0.9, 0.999])('₂F₁(1, ½; 3/2; x²) = atanh(x)/x at x = %s', (x) => {
    expect(relativeError(hyp2f1(1, 0.5, 1.5, x * x), Math.atanh(x) / x)).toBeLessThan(1e-12);
  });

  it.each([
    [0.3, 0.4, 1.9],
    [2.2, -1.3, 3.05],
    [1, 1, 3.5],
  ])(
    "Gauss's theorem: ₂F₁(%s, %s; %s; 1) = Γ(c)Γ(c−a−b)/(Γ(c−a)Γ(c−b)), and z → 1⁻ tends to it",
    (a, b, c) => {
      const gauss = Math.exp(logGamma(c) + logGamma(c - a - b) - logGamma(c - a) - logGamma(c - b));
      expect(relativeError(hyp2f1(a, b, c, 1), gauss)).toBeLessThan(1e-13);
      expect(relativeError(hyp2f1(a, b, c, 1 - 1e-10), gauss)).toBeLessThan(1e-8);
    },
  );

  it('diverges at z = 1 when c − a − b ≤ 0', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(hyp2f1(1.5, 1, 2, 1)).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    [0.5, 1 - 1.2 * 0.5 + 0.6 * 0.25 - (144 / 1260) * 0.125],
    [1, 1 - 1.2 + 0.6 - 144 / 1260],
    [2.5, 1 - 1.2 * 2.5 + 0.6 * 6.25 - (144 / 1260) * 15.625],
    [-3, 1 + 1.2 * 3 + 0.6 * 9 + (144 / 1260) * 27],
  ])('is the polynomial ₂F₁(−3, 2; 5; z) for any real z = %s', (z, expected) => {
    expect(relativeError(hyp2f1(-3, 2, 5, z), expected)).toBeLessThan(1e-14);
  });
});

describe('hyp2f1 against tabulated values (mpmath 1.3, 40 digits)', () => {
  it.each([
    // c − a − b an integer, z near 1: the limiting formulas (m = 0, 1, −2)
    [2.3, 1.7, 4, 0.99999, 54.052303605328127, 1e-14],
    [2.3, 1.7, 5, 0.99999, 5.787857045409383, 1e-14],
    [2.3, 1.7, 2, 0.99999, 9432906196.235502, 1e-14],
    // c − a − b near an integer: the slow series (z ≤ 0.9995) …
    [2.3, 1.7, 1.0000002, 0.99, 1877989.5045167147, 1e-13],
    // … and beyond it the interpolation between the integer case and the connection formula
    [2.3, 1.7, 4.0000001, 0.9999, 41.03613268222441, 2e-11],
    [2.3, 1.7, 4.00001, 0.99999, 54.04961483591604, 5e-11],
    [2.3, 1.7, 3.999999997, 0.999999, 67.08228892348305, 2e-11],
    [2.3, 1.7, 1.0000002, 0.9999, 1886489660674.6528, 2e-11],
    // the 1−z connection formula
    [102.2, 104.4, 105.9, 0.95, 1.0863337571314646e131, 1e-12],
    [0.7, 0.3, 0.1, 0.999, 1309.0265520537444, 1e-13],
    // Pfaff for large negative z, including the polynomial case
    [1.5, -2.5, 3.3, -1000, 6736742.0428147065, 3e-13],
    [5, 7, 3, -1e6, 9.999883334033331e-43, 1e-13],
    // plain series
    [0.25, 0.35, 3.5, 0.93, 1.029477386652996, 1e-14],
    [-0.4, 2.2, 0.6, 0.6, -0.585763338557083, 1e-14],
    [1.2, 3.4, 5.6, -0.8, 0.6309948811601898, 1e-14],
  ])('₂F₁(%s, %s; %s; %s) = %s', (a, b, c, z, expected, tolerance) => {
    expect(relativeError(hyp2f1(a, b, c, z), expected)).toBeLessThan(tolerance);
  });

  it.each([
    [200, 183.6689830337633],
    [1000, 916.7025426064918],
  ])('returns the log for the BG/NBD arguments at x = %s, where the value overflows', (x, expected) => {
    const [r, a, b] = [0.2426, 0.7929, 2.4258];
    const v = logHyp2f1(r + x, b + x, a + b + x - 1, 0.6);
    expect(v.sign).toBe(1);
    expect(relativeError(v.log, expected)).toBeLessThan(1e-13);
  });
});

describe('hyp2f1 identities (exercise the different evaluation paths)', () => {
  const positive = fc.double({ min: 0.05, max: 6, noNaN: true });

  it("Euler's transformation ₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a,c−b;c;z)", () => {
    fc.assert(
      fc.property(
        positive,
        positive,
        positive,
        fc.double({ min: -30, max: 0.995, noNaN: true }),
        (a, b, c, z) => {
          const lhs = hyp2f1(a, b, c, z);
          const rhs = Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z);
          return relativeError(lhs, rhs) < 1e-9;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('Pfaff: ₂F₁(a,b;c;z) = (1−z)^−b ₂F₁(c−a,b;c;z/(z−1)) across z = ½ (series ↔ Pfaff)', () => {
    fc.assert(
      fc.property(
        positive,
        positive,
        positive,
        fc.double({ min: -0.999, max: 0.49, noNaN: true }),
        (a, b, c, z) => {
          const lhs = hyp2f1(a, b, c, z);
          const rhs = Math.pow(1 - z, -b) * hyp2f1(c - a, b, c, z / (z - 1));
          return relativeError(lhs, rhs) < 1e-9;
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is continuous across the switch from series to connection formula at z = 0.9', () => {
    fc.assert(
      fc.property(positive, positive, positive, (a, b, c) => {
        const below = hyp2f1(a, b, c, 0.9);
        const above = hyp2f1(a, b, c, 0.9 + 1e-12);
        return relativeError(above, below) < 1e-9;
      }),
      { numRuns: 300 },
    );
  });
});

describe('hyp2f1 outside its domain', () => {
  it.each([
    [1, 1, 2, 1.5],
    [1, 1, -2, 0.5],
    [1, 1, 0, 0.5],
    [Number.NaN, 1, 2, 0.5],
    [1, 1, 2, Number.NaN],
  ])('₂F₁(%s, %s; %s; %s) is NaN', (a, b, c, z) => expect(hyp2f1(a, b, c, z)).toBeNaN());

  it('is 1 at z = 0 and for a or b = 0', () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(hyp2f1(0, 4, 5, 0.9)).toBe(1);
  });
});

describe('hypergeometricSeries', () => {
  it('sums ₃F₂(1, 1, 1; 2, 2; z) = Li₂(z)/z', () => {
    // Li₂(½) = π²/12 − ln²2 / 2
    const li2Half = (Math.PI * Math.PI) / 12 - (Math.LN2 * Math.LN2) / 2;
    const v = hypergeometricSeries(1, 1, 1, 2, 2, 0.5);
    expect(relativeError(Math.exp(v.log) * v.sign, li2Half / 0.5)).toBeLessThan(1e-14);
  });

  it('reports NaN when it cannot converge or hits a pole', () => {
    expect(hypergeometricSeries(1, 1, 1, 2, 1, 1).sign).toBeNaN();
    expect(hypergeometricSeries(1, 1, 1, -1, 1, 0.5).sign).toBeNaN();
    expect(hypergeometricSeries(1, 1, 1, 2, 1, 0.99999, 1e-16, 100).sign).toBeNaN();
  });
});
