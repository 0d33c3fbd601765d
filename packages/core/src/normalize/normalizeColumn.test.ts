import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMissingPolicy, normalizeColumn } from './normalizeColumn.js';
import type { NormalizeSpec } from './NormalizeSpec.js';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);

const CONTINUOUS: NormalizeSpec[] = [
  { method: 'percentile' },
  { method: 'minmax' },
  { method: 'minmax', floor: 0.05, cap: 0.95 },
  { method: 'log_minmax', cap: 0.99 },
  { method: 'zscore' },
];
const ALL: NormalizeSpec[] = [
  ...CONTINUOUS,
  { method: 'minmax', range: [0, 10] },
  { method: 'bands', steps: [{ atLeast: 1, points: 40 }], base: 0 },
  { method: 'enum', map: { '1': 80 }, fallback: 10 },
];

describe('normalizeColumn: direction', () => {
  it.each(CONTINUOUS.map((spec) => ({ spec })))('lower flips $spec.method to 100 − points', ({ spec }) => {
    const xs = f([3, 1, 4, 1, 5, 9, 2, 6, Number.NaN]);
    const higher = normalizeColumn(xs, spec, 'higher');
    const lower = normalizeColumn(xs, spec, 'lower');
    higher.forEach((h, i) =>
      Number.isNaN(h) ? expect(lower[i]).toBeNaN() : expect(lower[i]).toBeCloseTo(100 - h, 12),
    );
  });

  it('does not flip bands and enum (their points already say what is better)', () => {
    const bands: NormalizeSpec = { method: 'bands', steps: [{ atLeast: 1, points: 30 }], base: 100 };
    expect(Array.from(normalizeColumn(f([0, 2]), bands, 'lower'))).toEqual([100, 30]);
    const enumSpec: NormalizeSpec = { method: 'enum', map: { '0': 90 } };
    expect(Array.from(normalizeColumn(f([0]), enumSpec, 'lower'))).toEqual([90]);
  });

  it('the best customer scores highest for lower-is-better (fewest recency days)', () => {
    const points = normalizeColumn(f([5, 300, 40]), { method: 'percentile' }, 'lower');
    expect(Array.from(points)).toEqual([100, 0, 50]);
  });
});

describe('normalizeColumn: degenerate columns never give NaN or Infinity', () => {
  const cases = [
    { name: 'all equal', xs: [4, 4, 4] },
    { name: 'single customer', xs: [4] },
    { name: 'all missing', xs: [Number.NaN, Number.NaN] },
    { name: 'empty', xs: [] },
    { name: 'huge spread', xs: [-1.7e308, 1.7e308, 0] },
  ];
  for (const spec of ALL) {
    for (const direction of ['higher', 'lower'] as const) {
      it.each(cases)(`${spec.method} ${direction}: $name`, ({ xs }) => {
        const points = normalizeColumn(f(xs), spec, direction);
        for (let i = 0; i < xs.length; i++) {
          if (Number.isNaN(xs[i]!)) expect(points[i]).toBeNaN();
          else {
            expect(points[i]).toBeGreaterThanOrEqual(0);
            expect(points[i]).toBeLessThanOrEqual(100);
          }
        }
      });
    }
  }

  it.each(CONTINUOUS.map((spec) => ({ spec })))(
    '$spec.method gives 50 to all-equal and single columns',
    ({ spec }) => {
      expect(Array.from(normalizeColumn(f([7, 7]), spec))).toEqual([50, 50]);
      expect(Array.from(normalizeColumn(f([7]), spec, 'lower'))).toEqual([50]);
    },
  );
});

describe('applyMissingPolicy', () => {
  it.each([
    { policy: 'zero', expected: [80, 0, 20] },
    { policy: 'neutral', expected: [80, 50, 20] },
    { policy: 'exclude', expected: [80, Number.NaN, 20] },
  ] as const)('$policy', ({ policy, expected }) => {
    expect(Array.from(applyMissingPolicy(f([80, Number.NaN, 20]), policy))).toEqual(expected);
  });
});

describe('normalizeColumn: laws', () => {
  const column = fc.array(
    fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(Number.NaN)),
    {
      minLength: 1,
      maxLength: 40,
    },
  );

  it('every method stays within [0, 100] or NaN exactly where the input is missing', () => {
    fc.assert(
      fc.property(
        column,
        fc.constantFrom(...ALL),
        fc.constantFrom('higher', 'lower'),
        (xs, spec, direction) => {
          const points = normalizeColumn(f(xs), spec, direction);
          xs.forEach((x, i) => {
            const p = points[i]!;
            if (Number.isNaN(x)) expect(p).toBeNaN();
            else if (spec.method !== 'enum') expect(p >= 0 && p <= 100).toBe(true);
          });
        },
      ),
    );
  });

  it('percentile and minmax: raising one value never lowers its own points (others fixed)', () => {
    const monotone: NormalizeSpec[] = [
      { method: 'percentile' },
      { method: 'minmax' },
      { method: 'minmax', floor: 0.1, cap: 0.9 },
      { method: 'log_minmax', cap: 0.95 },
    ];
    fc.assert(
      fc.property(
        column,
        fc.nat(),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom(...monotone),
        (xs, at, raise, spec) => {
          const i = at % xs.length;
          if (Number.isNaN(xs[i]!)) return;
          const before = normalizeColumn(f(xs), spec)[i]!;
          const raised = [...xs];
          raised[i] = xs[i]! + raise;
          expect(normalizeColumn(f(raised), spec)[i]).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
    );
  });
});
