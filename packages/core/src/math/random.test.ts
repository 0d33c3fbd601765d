import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

function mean(draw: () => number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += draw();
  return s / n;
}

describe('createRandom', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const sa = Array.from({ length: 5 }, () => a.uniform());
    expect(Array.from({ length: 5 }, () => b.uniform())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uniform())).not.toEqual(sa);
  });

  it('draws uniforms strictly inside (0, 1) with mean ½', () => {
    const r = createRandom(1);
    let min = 1;
    let max = 0;
    const m = mean(() => {
      const u = r.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    }, 100_000);
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(m).toBeCloseTo(0.5, 2);
  });

  it.each([
    [0.25, 4],
    [1, 1],
    [6.5, 0.1],
  ])('gamma(shape %s, rate %s) has mean shape/rate', (shape, rate) => {
    const r = createRandom(7);
    expect(mean(() => r.gamma(shape, rate), 200_000) / (shape / rate)).toBeCloseTo(1, 1);
  });

  it('beta(a, b) has mean a/(a+b); exponential(rate) has mean 1/rate', () => {
    const r = createRandom(9);
    expect(mean(() => r.beta(0.8, 2.4), 200_000)).toBeCloseTo(0.25, 2);
    expect(mean(() => r.exponential(4), 200_000)).toBeCloseTo(0.25, 2);
  });
});
