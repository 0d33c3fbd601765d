import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';
import type { ObjectiveWithGradient } from './minimizeResult.js';
import { minimizeNelderMead } from './nelderMead.js';

/** Rosenbrock in n dimensions, minimum 0 at (1, …, 1). */
const rosenbrock: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] ?? 0;
    const b = x[i + 1] ?? 0;
    f += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    g[i] = (g[i] ?? 0) - 400 * a * (b - a * a) - 2 * (1 - a);
    g[i + 1] = (g[i + 1] ?? 0) + 200 * (b - a * a);
  }
  return f;
};

const valueOnly =
  (fg: ObjectiveWithGradient) =>
  (x: Float64Array): number =>
    fg(x, new Float64Array(x.length));

/** ½ Σ dᵢ (xᵢ − cᵢ)², minimum at c. */
const quadratic =
  (d: readonly number[], c: readonly number[]): ObjectiveWithGradient =>
  (x, g) => {
    let f = 0;
    for (let i = 0; i < x.length; i++) {
      const r = (x[i] ?? 0) - (c[i] ?? 0);
      f += 0.5 * (d[i] ?? 0) * r * r;
      g[i] = (d[i] ?? 0) * r;
    }
    return f;
  };

describe('minimizeLbfgs', () => {
  it.each([[[-1.2, 1]], [[-1.2, 1, -1.2, 1, 0.5]], [[3, 3, 3, 3, 3, 3, 3, 3, 3, 3]]])(
    'finds the Rosenbrock minimum from %j',
    (start) => {
      const result = minimizeLbfgs(rosenbrock, start, { maxIterations: 500, gradientTolerance: 1e-10 });
      expect(result.converged).toBe(true);
      for (const v of result.x) expect(v).toBeCloseTo(1, 6);
      expect(result.value).toBeLessThan(1e-12);
    },
  );

  it('solves an ill-conditioned quadratic exactly', () => {
    const result = minimizeLbfgs(quadratic([1, 1e4, 1e-2], [3, -2, 7]), [0, 0, 0], {
      gradientTolerance: 1e-12,
    });
    expect(result.converged).toBe(true);
    expect(Array.from(result.x).map((v) => Number(v.toFixed(6)))).toEqual([3, -2, 7]);
  });

  it('finds the minimiser of random convex quadratics', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-2, max: 1e2, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (d, c) => {
          const result = minimizeLbfgs(quadratic(d, c), new Float64Array(d.length), {
            gradientTolerance: 1e-9,
          });
          return result.converged && Array.from(result.x).every((v, i) => Math.abs(v - (c[i] ?? 0)) < 1e-6);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('reports an exhausted iteration budget as not converged, with the best point so far', () => {
    const result = minimizeLbfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result).toMatchObject({ converged: false, reason: 'maxIterations', iterations: 3 });
    expect(result.value).toBeLessThan(24.2); // f(−1.2, 1) = 24.2
  });

  it('reports a non-finite start without throwing', () => {
    const result = minimizeLbfgs(() => Number.NaN, [1, 2]);
    expect(result).toMatchObject({ converged: false, reason: 'nonFinite', iterations: 0 });
  });

  it('backs away from a region where the objective is undefined', () => {
    // log-barrier: undefined for x ≤ 0, minimum at x = 2
    const f: ObjectiveWithGradient = (x, g) => {
      const v = x[0] ?? 0;
      g[0] = 2 * (v - 2) - 1 / v;
      return v <= 0 ? Number.NaN : (v - 2) ** 2 - Math.log(v);
    };
    const result = minimizeLbfgs(f, [50]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1 + Math.sqrt(1.5), 8);
  });

  it('stops with reason lineSearch when the gradient points the wrong way', () => {
    const wrong: ObjectiveWithGradient = (x, g) => {
      g[0] = -2 * (x[0] ?? 0);
      return (x[0] ?? 0) ** 2;
    };
    const result = minimizeLbfgs(wrong, [1]);
    expect(result).toMatchObject({ converged: false, reason: 'lineSearch' });
  });
});

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum', () => {
    const result = minimizeNelderMead(valueOnly(rosenbrock), [-1.2, 1], { maxIterations: 5000 });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 5);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });

  it('finds the minimum of a quadratic in 4 dimensions', () => {
    const result = minimizeNelderMead(valueOnly(quadratic([1, 2, 3, 4], [1, -1, 2, 0.5])), [0, 0, 0, 0], {
      maxIterations: 5000,
    });
    expect(result.converged).toBe(true);
    [1, -1, 2, 0.5].forEach((c, i) => expect(result.x[i]).toBeCloseTo(c, 6));
  });

  it('reports an exhausted iteration budget as not converged', () => {
    const result = minimizeNelderMead(valueOnly(rosenbrock), [-1.2, 1], { maxIterations: 10 });
    expect(result).toMatchObject({ converged: false, reason: 'maxIterations', iterations: 10 });
  });

  it('treats NaN as +Infinity and reports a non-finite start', () => {
    const f = (x: Float64Array): number => ((x[0] ?? 0) < 0 ? Number.NaN : ((x[0] ?? 0) - 1) ** 2);
    expect(minimizeNelderMead(f, [3]).x[0]).toBeCloseTo(1, 6);
    expect(minimizeNelderMead(() => Number.POSITIVE_INFINITY, [0, 0])).toMatchObject({
      converged: false,
      reason: 'nonFinite',
    });
  });
});
