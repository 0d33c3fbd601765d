import { describe, expect, it } from 'vitest';
import { applyHysteresis } from './applyHysteresis.js';
import { bandByScore } from './bandByScore.js';
import { A, B, C, S, tieringModel } from './testModel.js';
import { TIER_REASON } from './TierReason.js';

const AS_OF = 1000;
const { tiers } = tieringModel();
const hysteresis = { scoreMargin: 3, minDaysInTier: 90 };

function hold(score: number, previous: number, sinceDay: number): { tier: number; held: boolean } {
  const s = Float64Array.of(score);
  const tier = bandByScore(tiers, s);
  const flags = new Uint32Array(1);
  applyHysteresis(
    tier,
    s,
    tiers,
    hysteresis,
    { tier: Int32Array.of(previous), sinceDay: Float64Array.of(sinceDay) },
    AS_OF,
    flags,
  );
  return { tier: tier[0]!, held: (flags[0]! & TIER_REASON.HELD_BY_HYSTERESIS) !== 0 };
}

describe('applyHysteresis (margin 3, 90 days; S ≥ 80, A ≥ 65, B ≥ 45)', () => {
  const longAgo = AS_OF - 365;
  it.each([
    // promotion: needs band min + 3
    {
      name: 'promotion inside the margin is held',
      score: 67.999,
      previous: B,
      since: longAgo,
      tier: B,
      held: true,
    },
    {
      name: 'promotion at exactly min + margin',
      score: 68,
      previous: B,
      since: longAgo,
      tier: A,
      held: false,
    },
    { name: 'promotion beyond the margin', score: 70, previous: B, since: longAgo, tier: A, held: false },
    { name: 'promotion ignores days in tier', score: 70, previous: B, since: AS_OF, tier: A, held: false },
    {
      name: 'two-step jump stops where the margin is cleared',
      score: 82,
      previous: B,
      since: longAgo,
      tier: A,
      held: true,
    },
    {
      name: 'two-step jump clearing the top margin',
      score: 83,
      previous: B,
      since: longAgo,
      tier: S,
      held: false,
    },
    {
      name: 'from C into B exactly at the margin',
      score: 48,
      previous: C,
      since: longAgo,
      tier: B,
      held: false,
    },
    // demotion: needs score < band min − 3 and ≥ 90 days
    {
      name: 'demotion inside the margin is held',
      score: 62,
      previous: A,
      since: longAgo,
      tier: A,
      held: true,
    },
    {
      name: 'demotion just beyond the margin',
      score: 61.999,
      previous: A,
      since: longAgo,
      tier: B,
      held: false,
    },
    {
      name: 'demotion beyond the margin but only 89 days in tier',
      score: 50,
      previous: A,
      since: AS_OF - 89,
      tier: A,
      held: true,
    },
    {
      name: 'demotion beyond the margin after exactly 90 days',
      score: 50,
      previous: A,
      since: AS_OF - 90,
      tier: B,
      held: false,
    },
    {
      name: 'unknown entry day counts as long enough',
      score: 50,
      previous: A,
      since: Number.NaN,
      tier: B,
      held: false,
    },
    {
      name: 'two-step fall stops within the margin of the tier above',
      score: 43,
      previous: A,
      since: longAgo,
      tier: B,
      held: true,
    },
    {
      name: 'two-step fall beyond every margin',
      score: 41.9,
      previous: A,
      since: longAgo,
      tier: C,
      held: false,
    },
    {
      name: 'a large fall before the minimum days is held',
      score: 5,
      previous: S,
      since: AS_OF - 10,
      tier: S,
      held: true,
    },
    // no change
    { name: 'same band: nothing to hold', score: 70, previous: A, since: AS_OF, tier: A, held: false },
  ])('$name', ({ score, previous, since, tier, held }) => {
    expect(hold(score, previous, since)).toEqual({ tier, held });
  });

  it.each([
    ['no previous grade (−1)', -1],
    ['previous tier the model no longer has', 7],
  ])('%s: the band stands', (_name, previous) => {
    expect(hold(66, previous, AS_OF)).toEqual({ tier: A, held: false });
    expect(hold(44, previous, AS_OF)).toEqual({ tier: C, held: false });
  });

  it('margin 0 and 0 days is no hysteresis at all', () => {
    const s = Float64Array.of(65, 64.999);
    const tier = bandByScore(tiers, s);
    const flags = new Uint32Array(2);
    const previous = { tier: Int32Array.of(B, A), sinceDay: Float64Array.of(AS_OF, AS_OF) };
    applyHysteresis(tier, s, tiers, { scoreMargin: 0, minDaysInTier: 0 }, previous, AS_OF, flags);
    expect(Array.from(tier)).toEqual([A, B]);
    expect(Array.from(flags)).toEqual([0, 0]);
  });
});
