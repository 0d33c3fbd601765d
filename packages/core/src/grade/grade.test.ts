import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../model/defaultModel.js';
import { grade } from './grade.js';
import { syntheticFeatures } from './syntheticFeatures.js';

const features = syntheticFeatures(3000, 11);
const result = grade(DEFAULT_MODEL, features);

function finite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}

describe('grade', () => {
  it('gives every customer one score, tier, ABC class, RFM cell, stage, churn level and quadrant', () => {
    const n = features.ids.length;
    for (const column of [
      result.scorecard.score,
      result.tiers.tier,
      result.abc.abcClass,
      result.rfm.cell,
      result.lifecycle.stage,
      result.churn.risk,
      result.churn.level,
      result.classification.portfolioQuadrant,
    ]) {
      expect(column.length).toBe(n);
      expect(finite(column)).toBe(true);
    }
    expect(result.stats.tiers.reduce((sum, t) => sum + t.customers, 0)).toBe(n);
    expect(result.stats.abc.reduce((a, b) => a + b, 0)).toBe(n);
  });

  it('fits the CLV models on the purchase histories and feeds them to the scorecard', () => {
    expect(result.clvDiagnostics.status).toBe('ok');
    expect(result.stats.clv.bgnbd?.converged).toBe(true);
    expect(result.features.columns.p_alive).toBe(result.clv.pAlive);
    expect(result.features.columns.clv_predicted).toBe(result.clv.clvPredicted);
    const pAlive = result.scorecard.indicators.findIndex((ind) => ind.key === 'p_alive');
    if (pAlive >= 0) expect(result.scorecard.raw[pAlive]).toBe(result.clv.pAlive);
  });

  it('revenue shares of the tiers add up to 1 and the top tier respects its quota', () => {
    const shares = result.stats.tiers.reduce((sum, t) => sum + t.revenueShare, 0);
    expect(shares).toBeCloseTo(1, 9);
    const top = DEFAULT_MODEL.tiers[0]!;
    if (top.maxShare !== undefined) {
      const ruled = Array.from(result.tiers.tier).filter(
        (t, i) => t === 0 && result.tiers.ruleIndex[i]! >= 0,
      ).length;
      expect(result.stats.tiers[0]!.customers - ruled).toBeLessThanOrEqual(
        Math.floor(top.maxShare * features.ids.length),
      );
    }
  });

  it('is deterministic', () => {
    const again = grade(DEFAULT_MODEL, syntheticFeatures(3000, 11));
    expect(Array.from(again.scorecard.score)).toEqual(Array.from(result.scorecard.score));
    expect(Array.from(again.tiers.tier)).toEqual(Array.from(result.tiers.tier));
    expect(again.stats).toEqual(result.stats);
  });

  it('an active override sets the final tier but not the computed one', () => {
    const row = Array.from(result.tiers.tier).findIndex((t) => t === DEFAULT_MODEL.tiers.length - 1);
    const overridden = grade(DEFAULT_MODEL, features, undefined, [{ row, tier: 0 }]);
    expect(overridden.tiers.tier[row]).toBe(0);
    expect(overridden.tiers.computedTier[row]).toBe(result.tiers.computedTier[row]);
    expect(overridden.stats.tiers[0]!.overridden).toBe(1);
  });

  it('handles a handful of customers without NaN in any class output', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 1000 }), (n, seed) => {
        const small = grade(DEFAULT_MODEL, syntheticFeatures(n, seed));
        return (
          finite(small.scorecard.score) &&
          finite(small.tiers.tier) &&
          finite(small.churn.risk) &&
          finite(small.rfm.cell) &&
          small.stats.customers === n
        );
      }),
      { numRuns: 25 },
    );
  });
});
