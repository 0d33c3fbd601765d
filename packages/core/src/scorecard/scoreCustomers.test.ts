import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureKey, FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { DEFAULT_MODEL } from '../model/defaultModel.js';
import type { GradingModel, GradingModelInput } from '../model/GradingModelSchema.js';
import { GradingModelSchema } from '../model/GradingModelSchema.js';
import { explainCustomer } from './explainCustomer.js';
import { scoreCustomers } from './scoreCustomers.js';

const NaN_ = Number.NaN;

function matrixOf(
  columns: Partial<Record<FeatureKey, number[]>>,
  n = Object.values(columns)[0]?.length ?? 0,
): FeatureMatrix {
  return {
    ids: Float64Array.from({ length: n }, (_, i) => i + 1),
    asOfDay: 20_000,
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
  };
}

function modelOf(groups: GradingModelInput['groups']): GradingModel {
  return GradingModelSchema.parse({
    name: 't',
    groups,
    tiers: [{ key: 'A', label: { zh: '甲', en: 'A' }, minScore: 0 }],
  });
}

/** Σ contributions in model order, the way the score is defined. */
const sumOf = (contributions: readonly Float64Array[], i: number): number =>
  contributions.reduce((s, c) => s + c[i]!, 0);

describe('scoreCustomers', () => {
  const model = modelOf([
    {
      key: 'financial',
      weight: 3,
      indicators: [{ key: 'revenue', weight: 1, normalize: { method: 'minmax' } }],
    },
    {
      key: 'relationship',
      weight: 1,
      indicators: [
        { key: 'csat_avg', weight: 1, missing: 'neutral' },
        { key: 'nps', weight: 1, normalize: { method: 'minmax', range: [0, 10] }, missing: 'exclude' },
      ],
    },
  ]);

  it('weights are group share × share within the group', () => {
    const { indicators } = scoreCustomers(model, matrixOf({ revenue: [0] }));
    expect(indicators.map((i) => i.weight)).toEqual([0.75, 0.125, 0.125]);
  });

  it.each([
    // revenue 0..100 min-max; csat 1–5 fixed range; nps 0–10 fixed range.
    { name: 'everything present', row: 0, expected: 0.75 * 100 + 0.125 * 100 + 0.125 * 100, coverage: 1 },
    { name: 'worst on everything', row: 1, expected: 0, coverage: 1 },
    {
      name: 'neutral fills a missing CSAT with 50',
      row: 2,
      expected: 0.75 * 50 + 0.125 * 50 + 0.125 * 50,
      coverage: 1,
    },
    {
      name: 'exclude drops NPS and renormalises the rest',
      row: 3,
      expected: (0.75 * 100 + 0.125 * 0) / 0.875,
      coverage: 0.875,
    },
  ])('$name', ({ row, expected, coverage }) => {
    const matrix = matrixOf({
      revenue: [100, 0, 50, 100],
      csat_avg: [5, 1, NaN_, 1],
      nps: [10, 0, 5, NaN_],
    });
    const result = scoreCustomers(model, matrix);
    expect(result.score[row]).toBeCloseTo(expected, 12);
    expect(result.coverage[row]).toBeCloseTo(coverage, 15);
    expect(result.score[row]).toBe(sumOf(result.contributions, row));
  });

  it('zero policy gives a missing value 0 points and keeps its weight', () => {
    const m = modelOf([
      {
        key: 'financial',
        weight: 1,
        indicators: [{ key: 'revenue', weight: 1, normalize: { method: 'minmax' }, missing: 'zero' }],
      },
      { key: 'relationship', weight: 1, indicators: [{ key: 'csat_avg', weight: 1 }] },
    ]);
    const result = scoreCustomers(m, matrixOf({ revenue: [NaN_, 10, 20], csat_avg: [5, 5, 5] }));
    expect(result.normalized[0]![0]).toBe(0);
    expect(result.score[0]).toBe(50);
    expect(result.coverage[0]).toBe(1);
  });

  it('a customer with every indicator excluded scores 0 with coverage 0 (never NaN)', () => {
    const m = modelOf([
      { key: 'potential', weight: 1, indicators: [{ key: 'p_alive', weight: 1, missing: 'exclude' }] },
    ]);
    const result = scoreCustomers(m, matrixOf({ p_alive: [NaN_, 0.5] }));
    expect(result.score[0]).toBe(0);
    expect(result.coverage[0]).toBe(0);
    expect(result.contributions[0]![0]).toBe(0);
    expect(result.score[1]).toBe(50);
  });

  it('an indicator the matrix lacks counts as missing for everyone', () => {
    const result = scoreCustomers(model, matrixOf({ revenue: [0, 100] }));
    expect(Array.from(result.raw[2]!).every(Number.isNaN)).toBe(true);
    expect(Array.from(result.coverage)).toEqual([0.875, 0.875]);
  });

  it('a single customer and an empty matrix are defined', () => {
    const one = scoreCustomers(DEFAULT_MODEL, matrixOf({ revenue: [1234] }));
    expect(Number.isFinite(one.score[0]!)).toBe(true);
    const none = scoreCustomers(DEFAULT_MODEL, matrixOf({}, 0));
    expect(none.score).toHaveLength(0);
  });

  it('a perfect customer scores at most 100 even when weights do not add up in binary', () => {
    const pairs = [
      ['financial', 'revenue', 'gross_margin'],
      ['behaviour', 'order_count', 'interaction_count'],
      ['potential', 'employees', 'company_revenue'],
    ] as const;
    const minmax = { method: 'minmax' } as const;
    const thirds = modelOf(
      pairs.map(([key, first, second]) => ({
        key,
        weight: 1,
        indicators: [
          { key: first, weight: 1, normalize: minmax },
          { key: second, weight: 0.7, normalize: minmax },
        ],
      })),
    );
    const cols = Object.fromEntries(
      ['revenue', 'order_count', 'employees', 'gross_margin', 'interaction_count', 'company_revenue'].map(
        (k) => [k, [0, 1]],
      ),
    );
    const result = scoreCustomers(thirds, matrixOf(cols));
    expect(result.score[1]).toBeLessThanOrEqual(100);
    expect(result.score[1]).toBeCloseTo(100, 12);
    expect(result.score[1]).toBe(sumOf(result.contributions, 1));
  });
});

describe('explainCustomer', () => {
  it('returns the waterfall of one customer in model order', () => {
    const matrix = matrixOf({ revenue: [10, 30], gross_margin: [NaN_, 5], csat_avg: [3, 4] });
    const result = scoreCustomers(DEFAULT_MODEL, matrix);
    const e = explainCustomer(result, 0);
    expect(e.id).toBe(1);
    expect(e.items.map((i) => i.indicator)).toEqual(result.indicators.map((i) => i.key));
    const margin = e.items.find((i) => i.indicator === 'gross_margin')!;
    expect(margin).toMatchObject({
      group: 'financial',
      raw: null,
      normalized: null,
      missing: true,
      policy: 'exclude',
      effectiveWeight: 0,
      contribution: 0,
    });
    const csat = e.items.find((i) => i.indicator === 'csat_avg')!;
    expect(csat).toMatchObject({ raw: 3, normalized: 50, missing: false });
    expect(csat.effectiveWeight).toBeCloseTo(csat.weight / e.coverage, 15);
    expect(e.items.reduce((s, i) => s + i.contribution, 0)).toBe(e.score);
    expect(e.items.reduce((s, i) => s + i.effectiveWeight, 0)).toBeCloseTo(1, 12);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('rejects a row outside the result', () => {
    const result = scoreCustomers(DEFAULT_MODEL, matrixOf({ revenue: [1] }));
    expect(() => explainCustomer(result, 1)).toThrow(RangeError);
  });
});

describe('scoreCustomers: laws', () => {
  const KEYS = [
    'revenue',
    'gross_margin',
    'csat_avg',
    'complaint_count',
    'p_alive',
    'market_position',
  ] as const;
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(NaN_, 0, 1, 2) },
  );
  const matrixArb = fc
    .integer({ min: 1, max: 25 })
    .chain((n) => fc.tuple(...KEYS.map(() => fc.array(value, { minLength: n, maxLength: n }))))
    .map((cols) => matrixOf(Object.fromEntries(KEYS.map((k, i) => [k, cols[i]!]))));
  const spec = fc.constantFrom(
    { method: 'percentile' } as const,
    { method: 'minmax' } as const,
    { method: 'minmax', floor: 0.1, cap: 0.9 } as const,
    { method: 'log_minmax', cap: 0.99 } as const,
    { method: 'zscore' } as const,
  );
  const modelArb = fc
    .tuple(
      fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), {
        minLength: KEYS.length,
        maxLength: KEYS.length,
      }),
      fc.array(spec, { minLength: KEYS.length, maxLength: KEYS.length }),
      fc.array(fc.constantFrom('zero', 'neutral', 'exclude' as const), {
        minLength: KEYS.length,
        maxLength: KEYS.length,
      }),
    )
    .map(([weights, specs, missing]) =>
      modelOf([
        {
          key: 'a',
          weight: weights[0]!,
          indicators: KEYS.slice(0, 3).map((key, i) => ({
            key,
            weight: weights[i]!,
            normalize: specs[i],
            missing: missing[i],
          })),
        },
        {
          key: 'b',
          weight: weights[5]!,
          indicators: KEYS.slice(3).map((key, i) => ({
            key,
            weight: weights[i + 3]!,
            missing: missing[i + 3],
          })),
        },
      ]),
    );

  it('score is in [0, 100] and equals the sum of its contributions', () => {
    fc.assert(
      fc.property(modelArb, matrixArb, (model, matrix) => {
        const result = scoreCustomers(model, matrix);
        for (let i = 0; i < result.score.length; i++) {
          const s = result.score[i]!;
          expect(s >= 0 && s <= 100).toBe(true);
          expect(Math.abs(sumOf(result.contributions, i) - s)).toBeLessThanOrEqual(1e-9);
          expect(sumOf(result.contributions, i)).toBe(s);
        }
      }),
    );
  });

  it('raising one higher-is-better indicator of one customer never lowers its score (percentile, minmax)', () => {
    const monotoneSpec = fc.constantFrom(
      { method: 'percentile' } as const,
      { method: 'minmax' } as const,
      { method: 'minmax', floor: 0.05, cap: 0.95 } as const,
    );
    fc.assert(
      fc.property(
        modelArb,
        monotoneSpec,
        matrixArb,
        fc.nat(),
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        (base, s, matrix, at, raise) => {
          // revenue (higher is better) with the chosen normaliser; the rest of the model as drawn.
          const model: GradingModel = {
            ...base,
            groups: base.groups.map((g, gi) => ({
              ...g,
              indicators: g.indicators.map((ind, ii) =>
                gi === 0 && ii === 0 ? { ...ind, normalize: s, direction: 'higher' } : ind,
              ),
            })),
          };
          const i = at % matrix.ids.length;
          const revenue = matrix.columns.revenue!;
          if (Number.isNaN(revenue[i]!)) return;
          const before = scoreCustomers(model, matrix).score[i]!;
          const raised = revenue.slice();
          raised[i] = revenue[i]! + raise;
          const after = scoreCustomers(model, { ...matrix, columns: { ...matrix.columns, revenue: raised } })
            .score[i]!;
          expect(after).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
    );
  });
});

describe('scoreCustomers coverage with many `exclude` indicators', () => {
  it('sums the weights present per customer in model order, tabulated (≤ 12) or not (more)', () => {
    const excludeAll = (limit: number): GradingModel =>
      GradingModelSchema.parse({
        ...DEFAULT_MODEL,
        groups: DEFAULT_MODEL.groups.map((g) => ({
          ...g,
          indicators: g.indicators.map((ind, k) => ({
            ...ind,
            missing: k < limit ? 'exclude' : ind.missing,
          })),
        })),
      });
    const n = 300;
    const keys = DEFAULT_MODEL.groups.flatMap((g) => g.indicators.map((ind) => ind.key));
    const matrix = matrixOf(
      Object.fromEntries(
        keys.map((key, k) => [
          key,
          Array.from({ length: n }, (_, i) => ((i * (k + 3)) % 7 === 0 ? NaN_ : (i * (k + 1)) % 97)),
        ]),
      ),
    );
    for (const model of [excludeAll(2), excludeAll(99)]) {
      const r = scoreCustomers(model, matrix);
      for (let i = 0; i < n; i++) {
        let coverage = 0;
        r.indicators.forEach((ind, k) => {
          if (!Number.isNaN(r.normalized[k]![i]!)) coverage += ind.weight;
        });
        expect(r.coverage[i]).toBe(coverage);
        expect(r.score[i]).toBe(sumOf(r.contributions, i));
      }
    }
  });
});
