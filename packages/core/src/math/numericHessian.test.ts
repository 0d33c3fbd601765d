import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';
import type { ObjectiveWithGradient } from './minimizeResult.js';
import { invertSpd, numericHessian } from './numericHessian.js';

/** f(x) = ½ xᵀAx − bᵀx with A = [[4, 1], [1, 3]]. */
const A = [4, 1, 1, 3];
const quadratic: ObjectiveWithGradient = (x, g) => {
  const [x0, x1] = [x[0] ?? 0, x[1] ?? 0];
  g[0] = 4 * x0 + x1 - 1;
  g[1] = x0 + 3 * x1 - 2;
  return 0.5 * (4 * x0 * x0 + 2 * x0 * x1 + 3 * x1 * x1) - x0 - 2 * x1;
};

describe('numericHessian', () => {
  it('recovers the Hessian of a quadratic from its gradient', () => {
    const H = numericHessian(quadratic, [0.3, -2]);
    A.forEach((v, i) => expect(H[i]).toBeCloseTo(v, 8));
  });

  it('is symmetric for a non-quadratic function', () => {
    const f: ObjectiveWithGradient = (x, g) => {
      const [u, v] = [x[0] ?? 0, x[1] ?? 0];
      g[0] = Math.exp(u) * v * v;
      g[1] = 2 * Math.exp(u) * v;
      return Math.exp(u) * v * v;
    };
    const H = numericHessian(f, [0.5, 2]);
    expect(H[1]).toBe(H[2]);
    expect(H[1]).toBeCloseTo(2 * Math.exp(0.5) * 2, 6);
  });
});

describe('invertSpd', () => {
  it('inverts a symmetric positive-definite matrix', () => {
    const inv = invertSpd(Float64Array.from(A), 2);
    // A⁻¹ = 1/11 · [[3, −1], [−1, 4]]
    [3 / 11, -1 / 11, -1 / 11, 4 / 11].forEach((v, i) => expect(inv?.[i]).toBeCloseTo(v, 14));
  });

  it.each([
    ['indefinite', [1, 2, 2, 1]],
    ['singular', [1, 1, 1, 1]],
    ['not finite', [1, 0, 0, Number.NaN]],
  ])('returns null for a %s matrix', (_, m) => {
    expect(invertSpd(Float64Array.from(m), 2)).toBeNull();
  });
});

describe('minimizeLbfgs with an initial inverse Hessian', () => {
  it('takes a Newton step: one iteration on a quadratic', () => {
    const inv = invertSpd(Float64Array.from(A), 2) ?? undefined;
    const result = minimizeLbfgs(quadratic, [10, -10], {
      initialInverseHessian: inv,
      gradientTolerance: 1e-10,
    });
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThanOrEqual(2);
    expect(result.x[0]).toBeCloseTo(1 / 11, 10);
    expect(result.x[1]).toBeCloseTo(7 / 11, 10);
  });
});
