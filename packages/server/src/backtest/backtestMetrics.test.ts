import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calibrationTable,
  errorSummary,
  precisionRecall,
  rocAuc,
  shareOf,
  sumByGroup,
} from './backtestMetrics.js';

/** The definition itself: over all (positive, negative) pairs, 1 if the positive scores higher, ½ if equal. */
function pairwiseAuc(scores: number[], labels: number[]): number | null {
  let wins = 0;
  let pairs = 0;
  scores.forEach((p, i) => {
    if (!labels[i] || Number.isNaN(p)) return;
    scores.forEach((n, j) => {
      if (labels[j] || Number.isNaN(n)) return;
      pairs++;
      wins += p > n ? 1 : p === n ? 0.5 : 0;
    });
  });
  return pairs > 0 ? wins / pairs : null;
}

describe('rocAuc', () => {
  const cases: { name: string; scores: number[]; labels: number[]; auc: number | null }[] = [
    { name: 'perfect ranking', scores: [0.1, 0.2, 0.8, 0.9], labels: [0, 0, 1, 1], auc: 1 },
    { name: 'inverted ranking', scores: [0.9, 0.8, 0.2, 0.1], labels: [0, 0, 1, 1], auc: 0 },
    { name: 'all tied', scores: [5, 5, 5, 5, 5], labels: [1, 0, 1, 0, 0], auc: 0.5 },
    // Pairs (p, n): (3 vs 1) 1, (3 vs 3) ½, (2 vs 1) 1, (2 vs 3) 0 → 2.5 / 4.
    { name: 'ties across classes count one half', scores: [3, 2, 1, 3], labels: [1, 1, 0, 0], auc: 0.625 },
    { name: 'one class only', scores: [1, 2, 3], labels: [1, 1, 1], auc: null },
    { name: 'no rows', scores: [], labels: [], auc: null },
    { name: 'NaN scores are left out', scores: [Number.NaN, 0.1, 0.9], labels: [0, 0, 1], auc: 1 },
    { name: 'negative and zero scores', scores: [-2, 0, -1, 3], labels: [0, 1, 0, 1], auc: 1 },
  ];
  it.each(cases)('$name', ({ scores, labels, auc }) => {
    expect(rocAuc(scores, labels).auc).toBe(auc);
  });

  it('counts the rows it used', () => {
    expect(rocAuc([Number.NaN, 1, 2, 3], [1, 1, 0, 0])).toEqual({ auc: 0, positives: 1, negatives: 2 });
  });

  it('a random ranking scores about one half', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const n = 20_000;
    const scores = Array.from({ length: n }, next);
    const labels = Array.from({ length: n }, () => (next() < 0.3 ? 1 : 0));
    expect(Math.abs(rocAuc(scores, labels).auc! - 0.5)).toBeLessThan(0.02);
  });

  it('equals the pairwise definition on any scores with ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 40 }),
        (rows) => {
          const scores = rows.map(([s]) => s);
          const labels = rows.map(([, l]) => (l ? 1 : 0));
          const fast = rocAuc(scores, labels).auc;
          const slow = pairwiseAuc(scores, labels);
          if (slow === null) expect(fast).toBeNull();
          else expect(fast).toBeCloseTo(slow, 12);
        },
      ),
    );
  });

  it('refuses columns of different lengths', () => {
    expect(() => rocAuc([1, 2], [1])).toThrow(RangeError);
  });
});

describe('precisionRecall', () => {
  it.each([
    { name: 'mixed', flagged: [1, 1, 0, 0, 1], positive: [1, 0, 1, 0, 1], want: [3, 2, 3, 2 / 3, 2 / 3] },
    { name: 'nothing flagged', flagged: [0, 0], positive: [1, 0], want: [0, 0, 1, null, 0] },
    { name: 'no positives', flagged: [1, 0], positive: [0, 0], want: [1, 0, 0, 0, null] },
    { name: 'perfect', flagged: [1, 0, 1], positive: [1, 0, 1], want: [2, 2, 2, 1, 1] },
  ])('$name', ({ flagged, positive, want }) => {
    const r = precisionRecall(flagged, positive);
    expect([r.flagged, r.truePositives, r.positives, r.precision, r.recall]).toEqual(want);
  });
});

describe('calibrationTable', () => {
  it('cuts sorted predictions into equal groups with their mean predicted and actual values', () => {
    const predicted = [0.9, 0.1, 0.5, 0.3, 0.7];
    const actual = [1, 0, 1, 0, 2];
    expect(calibrationTable(predicted, actual, 2)).toEqual([
      { bin: 1, customers: 2, predictedFrom: 0.1, predictedTo: 0.3, predictedMean: 0.2, actualMean: 0 },
      {
        bin: 2,
        customers: 3,
        predictedFrom: 0.5,
        predictedTo: 0.9,
        predictedMean: expect.closeTo(0.7, 12) as number,
        actualMean: 4 / 3,
      },
    ]);
  });

  it('has fewer groups than asked for when there are fewer rows, and none without rows', () => {
    expect(calibrationTable([1, 2, 3], [1, 2, 3], 10).map((b) => b.customers)).toEqual([1, 1, 1]);
    expect(calibrationTable([], [], 10)).toEqual([]);
  });

  it('deciles of 95 rows differ in size by at most one and cover every row', () => {
    const predicted = Array.from({ length: 95 }, (_, i) => (i * 37) % 95);
    const table = calibrationTable(predicted, predicted, 10);
    const sizes = table.map((b) => b.customers);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(95);
    for (const bin of table) expect(bin.actualMean).toBeCloseTo(bin.predictedMean, 12);
  });
});

describe('errorSummary, sumByGroup, shareOf', () => {
  it('totals and mean errors', () => {
    expect(errorSummary([1, 2, 0.5], [0, 2, 3])).toEqual({
      predictedTotal: 3.5,
      actualTotal: 5,
      meanAbsoluteError: 3.5 / 3,
      meanError: -0.5,
    });
    expect(errorSummary([], [])).toEqual({
      predictedTotal: 0,
      actualTotal: 0,
      meanAbsoluteError: null,
      meanError: null,
    });
  });

  it('sums by group code, ignoring codes outside and NaN values', () => {
    expect(sumByGroup([0, 1, 0, 2, 5], 3, [10, 5, Number.NaN, -3, 100])).toEqual({
      customers: [2, 1, 1],
      sums: [10, 5, -3],
      total: 12,
    });
  });

  it('a share of a non-positive whole is null', () => {
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(1, 0)).toBeNull();
    expect(shareOf(1, -5)).toBeNull();
  });
});
