import { describe, expect, it } from 'vitest';
import type { GradingModelInput } from '../model/GradingModelSchema.js';
import { quotaLimit } from './applyQuotas.js';
import { assignTiers } from './assignTiers.js';
import { A, B, C, matrixOf, S, TIERS, tieringModel } from './testModel.js';
import { TIER_REASON } from './TierReason.js';

const withQuota = (quota: Record<string, number>, extra: Partial<GradingModelInput> = {}) =>
  tieringModel({ tiers: TIERS.map((t, i) => (i === 0 ? { ...t, ...quota } : t)), ...extra });

describe('quotaLimit: ⌊share · n⌋, the smaller of share and count', () => {
  it.each([
    [{ maxShare: 0.05 }, 100, 5],
    [{ maxShare: 0.05 }, 99, 4],
    [{ maxShare: 0.05 }, 19, 0],
    [{ maxShare: 0.05 }, 20, 1],
    [{ maxShare: 0.07 }, 100, 7],
    [{ maxShare: 0.29 }, 100, 29],
    [{ maxShare: 1 }, 37, 37],
    [{ maxCount: 3 }, 1000, 3],
    [{ maxShare: 0.5, maxCount: 3 }, 10, 3],
    [{ maxShare: 0.2, maxCount: 3 }, 10, 2],
    [{}, 10, Infinity],
  ])('%o of %d → %d', (quota, n, limit) => {
    expect(quotaLimit(quota, n)).toBe(limit);
  });
});

describe('quotas in assignTiers', () => {
  /** n customers, the first `top` scoring 90 − i (all in the S band), the rest 50 (B). */
  function run(n: number, top: number, quota: Record<string, number>, scores?: number[]) {
    const score = Float64Array.from(scores ?? Array.from({ length: n }, (_, i) => (i < top ? 90 - i : 50)));
    return assignTiers(withQuota(quota), score, matrixOf(score.length));
  }

  it.each([
    { name: 'exactly at the limit: nobody moves', top: 5, inS: 5 },
    { name: 'one over the limit: the lowest score moves to A', top: 6, inS: 5 },
    { name: 'below the limit', top: 4, inS: 4 },
  ])('maxShare 5 % of 100 — $name', ({ top, inS }) => {
    const { tier, flags } = run(100, top, { maxShare: 0.05 });
    expect(tier.filter((t) => t === S)).toHaveLength(inS);
    for (let i = 0; i < top; i++) {
      expect(tier[i]).toBe(i < 5 ? S : A);
      expect((flags[i]! & TIER_REASON.QUOTA_DEMOTED) !== 0).toBe(i >= 5);
    }
  });

  it('ties at the cut are broken by id, lower id first, whatever the row order', () => {
    // Three tied at 85 competing for the last of two places; ids deliberately out of row order.
    const score = Float64Array.of(90, 85, 85, 85, 10);
    const ids = [50, 40, 7, 30, 1];
    const { tier } = assignTiers(withQuota({ maxCount: 2 }), score, matrixOf(5, {}, 1000, ids));
    expect(Array.from(tier)).toEqual([S, A, S, A, C]);
  });

  it('overflow cascades through the next tier and its own quota', () => {
    const model = tieringModel({
      tiers: [{ ...TIERS[0]!, maxCount: 1 }, { ...TIERS[1]!, maxCount: 2 }, TIERS[2]!, TIERS[3]!],
    });
    // four S-band scores and one A-band score: S keeps 1, A keeps the best 2 of the other 4.
    const score = Float64Array.of(95, 90, 85, 81, 70);
    const { tier, flags } = assignTiers(model, score, matrixOf(5));
    expect(Array.from(tier)).toEqual([S, A, A, B, B]);
    expect(flags[3]! & TIER_REASON.QUOTA_DEMOTED).not.toBe(0);
    expect(flags[4]! & TIER_REASON.QUOTA_DEMOTED).not.toBe(0);
  });

  it('a rule floor beats the quota: floored customers stay and take places first', () => {
    const model = withQuota(
      { maxCount: 2 },
      { rules: [{ id: 'leader', when: { indicator: 'market_position', op: '=', value: 2 }, atLeast: 'S' }] },
    );
    // Rows 0–2 score into S; row 3 (score 30) is lifted to S by the rule; quota 2.
    const score = Float64Array.of(95, 90, 85, 30);
    const matrix = matrixOf(4, { market_position: [0, 0, 0, 2] });
    const { tier, flags, ruleIndex } = assignTiers(model, score, matrix);
    expect(Array.from(tier)).toEqual([S, A, A, S]);
    expect(flags[3]! & TIER_REASON.RULE_FLOOR).not.toBe(0);
    expect(flags[3]! & TIER_REASON.QUOTA_KEPT_BY_RULE).not.toBe(0);
    expect(ruleIndex[3]).toBe(0);
    expect(flags[0]! & TIER_REASON.QUOTA_DEMOTED).toBe(0);
  });

  it('floored customers alone may exceed the quota (reported, not moved)', () => {
    const model = withQuota(
      { maxCount: 1 },
      { rules: [{ id: 'big', when: { indicator: 'revenue', op: '>=', value: 100 }, atLeast: 'S' }] },
    );
    const score = Float64Array.of(95, 20, 10);
    const { tier, flags } = assignTiers(model, score, matrixOf(3, { revenue: [0, 500, 600] }));
    expect(Array.from(tier)).toEqual([A, S, S]);
    expect(flags[0]! & TIER_REASON.QUOTA_DEMOTED).not.toBe(0);
    expect(flags[1]! & TIER_REASON.QUOTA_KEPT_BY_RULE).not.toBe(0);
    expect(flags[2]! & TIER_REASON.QUOTA_KEPT_BY_RULE).not.toBe(0);
  });

  it('a quota of 0 places (5 % of 19) empties the tier', () => {
    const { tier } = run(19, 3, { maxShare: 0.05 });
    expect(tier.filter((t) => t === S)).toHaveLength(0);
    expect(Array.from(tier.slice(0, 3))).toEqual([A, A, A]);
  });

  it('the quota counts the customers graded, not the band', () => {
    const { tier } = run(40, 10, { maxShare: 0.1 });
    expect(tier.filter((t) => t === S)).toHaveLength(4);
  });
});
