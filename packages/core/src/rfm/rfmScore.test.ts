import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RfmConfigSchema } from './RfmConfig.js';
import { rfmScore, type RfmInput } from './rfmScore.js';

const defaults = RfmConfigSchema.parse({});

function input(rows: { id?: number; recency: number; frequency: number; monetary: number }[]): RfmInput {
  return {
    ids: Float64Array.from(rows.map((r, i) => r.id ?? i + 1)),
    recencyDays: Float64Array.from(rows.map((r) => r.recency)),
    frequency: Float64Array.from(rows.map((r) => r.frequency)),
    monetary: Float64Array.from(rows.map((r) => r.monetary)),
  };
}

const segmentKey = (result: ReturnType<typeof rfmScore>, i: number): string =>
  result.segments[result.segment[i]!]!.key;

describe('rfmScore quintiles', () => {
  it('scores 10 distinct customers two per quintile; R rewards recent, F and M reward more', () => {
    const rows = Array.from({ length: 10 }, (_, k) => ({
      recency: k + 1,
      frequency: k + 1,
      monetary: (k + 1) * 100,
    }));
    const r = rfmScore(input(rows), defaults);
    expect(Array.from(r.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(Array.from(r.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(r.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(r.cell)).toEqual([511, 511, 422, 422, 333, 333, 244, 244, 155, 155]);
  });

  it.each([
    [1, [3]],
    [2, [1, 5]],
    [3, [1, 3, 5]],
    [4, [1, 2, 4, 5]],
    [6, [1, 1, 2, 3, 4, 5]],
    [7, [1, 1, 2, 3, 4, 5, 5]],
    [11, [1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]],
  ])('bins ranks like pd.qcut(rank, 5) (n = %i → %j)', (n, expected) => {
    const rows = Array.from({ length: n }, (_, k) => ({ recency: 1, frequency: k + 1, monetary: 1 }));
    expect(Array.from(rfmScore(input(rows), defaults).f)).toEqual(expected);
  });

  it('splits equal values at a quintile edge by id (rank method "first")', () => {
    // Ten customers with the same F and M: ids decide, lower id ranks first.
    const rows = [5, 3, 9, 1, 7, 2, 10, 4, 8, 6].map((id) => ({
      id,
      recency: 30,
      frequency: 4,
      monetary: 50,
    }));
    const r = rfmScore(input(rows), defaults);
    const byId = (scores: Uint8Array): number[] =>
      rows
        .map((row, i) => [row.id, scores[i]!] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, s]) => s);
    expect(byId(r.f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(byId(r.m)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // R is reversed: among equal recency the lower id ranks first and so scores higher.
    expect(byId(r.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('ties inside a quintile share the score', () => {
    const rows = [1, 1, 2, 2, 3, 3, 4, 4, 5, 5].map((f) => ({ recency: 1, frequency: f, monetary: 1 }));
    expect(Array.from(rfmScore(input(rows), defaults).f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('gives customers without a purchase in the window cell 111 and the no_purchase segment, unranked', () => {
    const rows = [
      { recency: 400, frequency: 0, monetary: 0 },
      { recency: NaN, frequency: NaN, monetary: NaN },
      { recency: 10, frequency: 5, monetary: 500 },
      { recency: 20, frequency: -1, monetary: -30 },
    ];
    const r = rfmScore(input(rows), defaults);
    expect(Array.from(r.cell)).toEqual([111, 111, 333, 111]);
    expect([0, 1, 2, 3].map((i) => segmentKey(r, i))).toEqual([
      'no_purchase',
      'no_purchase',
      'need_attention',
      'no_purchase',
    ]);
  });

  it('treats a buyer with missing recency as least recent and missing spend as lowest', () => {
    const rows = [
      { recency: NaN, frequency: 1, monetary: NaN },
      { recency: 500, frequency: 1, monetary: -10 },
      { recency: 1, frequency: 1, monetary: 1 },
      { recency: 2, frequency: 1, monetary: 2 },
      { recency: 3, frequency: 1, monetary: 3 },
    ];
    const r = rfmScore(input(rows), defaults);
    expect(Array.from(r.r)).toEqual([1, 2, 5, 4, 3]);
    expect(Array.from(r.m)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(r.f)).toEqual([1, 2, 3, 4, 5]);
  });

  it('handles no customers', () => {
    const r = rfmScore(input([]), defaults);
    expect(r.cell.length).toBe(0);
  });
});

describe('rfmScore segments on the default R–F grid', () => {
  // Rows R 5..1, columns F 1..5.
  const GRID = [
    ['new', 'potential_loyalists', 'potential_loyalists', 'champions', 'champions'],
    ['promising', 'potential_loyalists', 'potential_loyalists', 'loyal', 'loyal'],
    ['about_to_sleep', 'about_to_sleep', 'need_attention', 'loyal', 'loyal'],
    ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
    ['hibernating', 'hibernating', 'at_risk', 'at_risk', 'cant_lose'],
  ];
  const cases = GRID.flatMap((row, ri) => row.map((segment, fi) => [5 - ri, fi + 1, segment] as const));

  // Five buyers, one per quintile: customer k has the k-th best recency and the (k + shift)-th frequency.
  function scoredWithShift(shift: number): ReturnType<typeof rfmScore> {
    const rows = Array.from({ length: 5 }, (_, k) => ({
      recency: k + 1,
      frequency: ((k + shift) % 5) + 1,
      monetary: 1,
    }));
    return rfmScore(input(rows), defaults);
  }

  it.each(cases)('R=%i F=%i → %s', (r, f, segment) => {
    const k = 5 - r;
    const result = scoredWithShift((f - 1 - k + 5) % 5);
    expect([result.r[k], result.f[k]]).toEqual([r, f]);
    expect(segmentKey(result, k)).toBe(segment);
  });

  it('labels every segment in zh and en', () => {
    const r = scoredWithShift(0);
    expect(r.segments.map((s) => s.key)).toEqual([
      'champions',
      'loyal',
      'potential_loyalists',
      'new',
      'promising',
      'need_attention',
      'about_to_sleep',
      'at_risk',
      'cant_lose',
      'hibernating',
      'no_purchase',
    ]);
    expect(r.segments.find((s) => s.key === 'champions')?.label).toEqual({ zh: '冠军客户', en: 'Champions' });
    for (const s of r.segments) expect(s.label.zh.length * s.label.en.length).toBeGreaterThan(0);
  });
});

describe('RfmConfigSchema grid validation', () => {
  const base = defaults.grid;
  const messages = (grid: unknown): string[] =>
    RfmConfigSchema.safeParse({ grid }).error?.issues.map((i) => i.message) ?? [];

  it('accepts the default grid and a custom one with labels', () => {
    expect(messages(base)).toEqual([]);
    const custom = [
      { segment: 'top', rRange: [3, 5], fRange: [3, 5], label: { zh: '优质', en: 'Top' } },
      { segment: 'hibernating', rRange: [1, 2], fRange: [1, 5] },
      { segment: 'rest', rRange: [3, 5], fRange: [1, 2], label: { zh: '其他', en: 'Rest' } },
    ];
    expect(messages(custom)).toEqual([]);
    const r = rfmScore(
      input([{ recency: 1, frequency: 1, monetary: 1 }]),
      RfmConfigSchema.parse({ grid: custom }),
    );
    expect(segmentKey(r, 0)).toBe('top');
  });

  it('names a cell nobody covers', () => {
    expect(messages(base.filter((e) => e.segment !== 'cant_lose'))).toEqual([
      'RFM grid: cell R=2,F=5 is not covered by any segment',
      'RFM grid: cell R=1,F=5 is not covered by any segment',
    ]);
  });

  it('names a cell covered twice and by whom', () => {
    expect(messages([...base, { segment: 'loyal', rRange: [3, 3], fRange: [3, 3] }])).toEqual([
      'RFM grid: cell R=3,F=3 is covered by several segments: need_attention, loyal',
    ]);
  });

  it('requires a label for an unknown segment and reserves no_purchase', () => {
    const renamed = base.map((e) => (e.segment === 'new' ? { ...e, segment: 'fresh' } : e));
    expect(messages(renamed)).toEqual(["RFM grid: segment 'fresh' needs a label { zh, en }"]);
    const reserved = base.map((e) => (e.segment === 'new' ? { ...e, segment: 'no_purchase' } : e));
    expect(messages(reserved)).toEqual([
      "RFM grid: segment key 'no_purchase' is reserved for customers without purchases",
    ]);
  });

  it('rejects ranges outside 1–5 or reversed', () => {
    expect(
      RfmConfigSchema.safeParse({ grid: [{ segment: 'x', rRange: [0, 5], fRange: [1, 5] }] }).success,
    ).toBe(false);
    expect(
      RfmConfigSchema.safeParse({ grid: [{ segment: 'x', rRange: [5, 1], fRange: [1, 5] }] }).success,
    ).toBe(false);
  });
});

describe('rfmScore properties', () => {
  const rows = fc.uniqueArray(fc.integer({ min: 1, max: 1e9 }), { maxLength: 300 }).chain((ids) =>
    fc.tuple(
      fc.constant(ids),
      fc.array(
        fc.record({
          recency: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(NaN)),
          frequency: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(NaN)),
          monetary: fc.oneof(fc.double({ min: -1e3, max: 1e6, noNaN: true }), fc.constant(NaN)),
        }),
        { minLength: ids.length, maxLength: ids.length },
      ),
    ),
  );

  it('gives every customer one valid cell; among buyers each score holds ⌊n/5⌋ or ⌈n/5⌉ customers', () => {
    fc.assert(
      fc.property(rows, ([ids, data]) => {
        const r = rfmScore(input(data.map((d, i) => ({ ...d, id: ids[i]! }))), defaults);
        const buyers = data.map((d) => d.frequency > 0);
        const n = buyers.filter(Boolean).length;
        for (const scores of [r.r, r.f, r.m]) {
          const counts = [0, 0, 0, 0, 0];
          scores.forEach((s, i) => {
            expect(s).toBeGreaterThanOrEqual(1);
            expect(s).toBeLessThanOrEqual(5);
            if (buyers[i]) counts[s - 1]!++;
          });
          for (const c of counts) expect(Math.abs(c - n / 5)).toBeLessThan(1);
        }
        r.cell.forEach((cell, i) => {
          expect(cell).toBe(r.r[i]! * 100 + r.f[i]! * 10 + r.m[i]!);
          expect(r.segment[i]).toBeLessThan(r.segments.length);
          if (!buyers[i]) expect(cell).toBe(111);
        });
      }),
    );
  });

  it('scores are monotone in value among buyers', () => {
    fc.assert(
      fc.property(rows, ([ids, data]) => {
        const r = rfmScore(input(data.map((d, i) => ({ ...d, id: ids[i]! }))), defaults);
        for (let i = 0; i < data.length; i++) {
          for (let j = 0; j < data.length; j++) {
            const a = data[i]!;
            const b = data[j]!;
            if (!(a.frequency > 0 && b.frequency > 0)) continue;
            if (a.frequency > b.frequency) expect(r.f[i]).toBeGreaterThanOrEqual(r.f[j]!);
            if (a.recency < b.recency) expect(r.r[i]).toBeGreaterThanOrEqual(r.r[j]!);
            if (a.monetary > b.monetary) expect(r.m[i]).toBeGreaterThanOrEqual(r.m[j]!);
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});
