import { describe, expect, it } from 'vitest';
import { bandByScore } from './bandByScore.js';
import { A, B, C, S, tieringModel } from './testModel.js';

describe('bandByScore (S ≥ 80, A ≥ 65, B ≥ 45, C)', () => {
  const { tiers } = tieringModel();
  it.each([
    [100, S],
    [80.000001, S],
    [80, S],
    [79.99999999999999, S], // floating-point noise of a sum of contributions worth exactly 80
    [79.999999, A],
    [65, A],
    [64.999999, B],
    [45, B],
    [44.999999, C],
    [0, C],
    [-1, C],
    [Number.NaN, C],
  ])('score %d → tier %d', (score, tier) => {
    expect(bandByScore(tiers, Float64Array.of(score))[0]).toBe(tier);
  });

  it('a single tier takes everyone', () => {
    expect(Array.from(bandByScore([{ minScore: 0 }], Float64Array.of(0, 50, 100)))).toEqual([0, 0, 0]);
  });
});
