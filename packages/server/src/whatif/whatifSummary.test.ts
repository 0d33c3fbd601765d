import { DEFAULT_MODEL, type GradeResult } from '@stratum/core';
import { describe, expect, it } from 'vitest';
import type { CurrentTiers } from './currentTiers.js';
import { summarizeWhatIf } from './whatifSummary.js';

/** Five customers: previewed tiers S A B C C, revenue 100…500; current grades vary per case. */
function result(): Pick<GradeResult, 'ids' | 'features' | 'tiers' | 'scorecard'> {
  const ids = Float64Array.from([1, 2, 3, 4, 5]);
  const tier = Uint8Array.from([0, 1, 2, 3, 3]);
  return {
    ids,
    features: { ids, asOfDay: 0, columns: { revenue: Float64Array.from([100, 200, 300, 400, Number.NaN]) } },
    tiers: {
      tier,
      computedTier: tier,
      bandTier: tier,
      flags: new Uint32Array(5),
      ruleIndex: new Int32Array(5).fill(-1),
    },
    scorecard: { score: Float64Array.from([90, 70, 50, 20, 10]) } as GradeResult['scorecard'],
  };
}

const current = (keys: string[], keyIndex: number[]): CurrentTiers => ({
  keys,
  keyIndex: Int32Array.from(keyIndex),
  score: Float64Array.from(keyIndex.map((k) => (k < 0 ? Number.NaN : 50))),
});

describe('summarizeWhatIf', () => {
  it('counts moves from the current tier, puts customers without a grade in the none row', () => {
    // Current: 1 was A (promoted to S), 2 was A (same), 3 was C (promoted to B), 4 was B (demoted to C), 5 none.
    const summary = summarizeWhatIf(DEFAULT_MODEL, result(), current(['C', 'A', 'B'], [1, 1, 0, 2, -1]));
    expect(summary.matrix.from).toEqual(['S', 'A', 'B', 'C', 'none']);
    expect(summary.matrix.customers).toEqual([
      [0, 0, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
    expect(summary.matrix.revenue[1]).toEqual([100, 200, 0, 0]);
    expect(summary.changes).toEqual({ unchanged: 1, promoted: 2, demoted: 1, changed: 0, new: 1 });
    expect(summary.tiers.map((t) => [t.key, t.customers, t.share, t.revenue])).toEqual([
      ['S', 1, 0.2, 100],
      ['A', 1, 0.2, 200],
      ['B', 1, 0.2, 300],
      ['C', 2, 0.4, 400],
    ]);
    expect(summary.totalRevenue).toBe(1000);
    // Movers in customer order; the page query sorts them by rank.
    expect(Array.from(summary.movers.rows)).toEqual([0, 2, 3]);
    expect(summary.movers.direction).toEqual(['promoted', 'promoted', 'demoted']);
  });

  it('a tier the previewed model does not have is a change without an order', () => {
    const summary = summarizeWhatIf(DEFAULT_MODEL, result(), current(['X'], [0, 0, 0, 0, 0]));
    expect(summary.matrix.from).toEqual(['S', 'A', 'B', 'C', 'X', 'none']);
    expect(summary.changes).toEqual({ unchanged: 0, promoted: 0, demoted: 0, changed: 5, new: 0 });
    expect(summary.matrix.customers[4]).toEqual([1, 1, 1, 2]);
  });

  it('no customers: zero shares, no NaN', () => {
    const empty = result();
    const none = new Float64Array(0);
    const tiers = new Uint8Array(0);
    const summary = summarizeWhatIf(
      DEFAULT_MODEL,
      {
        ids: none,
        features: { ids: none, asOfDay: 0, columns: {} },
        tiers: { ...empty.tiers, tier: tiers, flags: new Uint32Array(0), ruleIndex: new Int32Array(0) },
        scorecard: { score: none } as GradeResult['scorecard'],
      },
      current([], []),
    );
    expect(summary.tiers.every((t) => t.share === 0 && t.revenueShare === 0)).toBe(true);
    expect(summary.customers).toBe(0);
  });
});
