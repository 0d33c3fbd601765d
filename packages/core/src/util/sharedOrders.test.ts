import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abcClassify } from '../abc/abcClassify.js';
import { AbcConfigSchema } from '../abc/AbcConfig.js';
import { percentileRank } from '../normalize/percentileRank.js';
import { RfmConfigSchema } from '../rfm/RfmConfig.js';
import { rfmScore } from '../rfm/rfmScore.js';
import { idOrder } from './argsortByValueThenId.js';
import { ColumnOrders } from './columnOrder.js';
import { radixArgsort } from './radixArgsort.js';
import { positiveTopShareCutoff, topShareCutoff } from './topShareCutoff.js';

/**
 * The fast paths must give exactly what the general ones give: integer columns (counting sort) and
 * orders shared between models (util/columnOrder). Reference: a stable comparator sort, NaN last.
 */
function reference(keys: Float64Array, start: number[] = Array.from(keys.keys())): number[] {
  const rank = (v: number): number => (Number.isNaN(v) ? Infinity : v);
  const position = new Map(start.map((row, j) => [row, j]));
  return [...start].sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      const byNaN = Number(Number.isNaN(x)) - Number(Number.isNaN(y));
      if (byNaN !== 0) return byNaN;
    } else if (rank(x) !== rank(y)) {
      return rank(x) - rank(y);
    }
    return position.get(a)! - position.get(b)!;
  });
}

const integerOrSpecial = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.constantFrom(-0, Infinity, -Infinity, Number.NaN, 1e6),
);
const anyValue = fc.oneof(integerOrSpecial, fc.double({ min: -1e6, max: 1e6 }));

/** ids: a shuffled 1..n scaled, so that id order differs from row order. */
const withIds = (values: number[]): { values: Float64Array; ids: Float64Array } => ({
  values: Float64Array.from(values),
  ids: Float64Array.from(values, (_, i) => ((i * 7 + 3) % values.length) * 10 + 1),
});

describe('integer fast paths', () => {
  it('radixArgsort orders integer columns (with ±Infinity, NaN, −0) like a stable sort', () => {
    fc.assert(
      fc.property(fc.array(integerOrSpecial, { maxLength: 200 }), (values) => {
        const keys = Float64Array.from(values);
        expect(Array.from(radixArgsort(keys))).toEqual(reference(keys));
        const start = Array.from(keys.keys()).reverse();
        expect(Array.from(radixArgsort(keys, Uint32Array.from(start)))).toEqual(reference(keys, start));
      }),
    );
  });

  it('percentileRank gives integer columns the same points as a non-integer column of that order', () => {
    fc.assert(
      fc.property(fc.array(integerOrSpecial, { minLength: 1, maxLength: 200 }), (values) => {
        const keys = Float64Array.from(values);
        // Adding 0.5 keeps order and ties but leaves the integer path: the radix path is the reference.
        const shifted = keys.map((v) => v + 0.5);
        expect(Array.from(percentileRank(keys))).toEqual(Array.from(percentileRank(shifted)));
      }),
    );
  });
});

describe('radix sort by high word, then runs by low word', () => {
  // Keys that differ only below 2⁻³² of their magnitude share the high word (sign, exponent and 20
  // mantissa bits): groups of such keys are the runs ordered by the low word.
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  it.each([
    ['one long run (radix by low word)', () => 1 + (next() % 2 ** 20) * 2 ** -52],
    ['long runs with duplicates', (i: number) => (i % 3) + 1 + (next() % 40) * 2 ** -52],
    ['short runs (insertion)', (i: number) => Math.floor(i / 10) + 0.5 + (next() % 8) * 2 ** -40],
  ])('orders %s like a stable sort', (_, key) => {
    const keys = Float64Array.from({ length: 4000 }, (_, i) => key(i));
    expect(Array.from(radixArgsort(keys))).toEqual(reference(keys));
  });
});

describe('shared column orders', () => {
  it('percentileRank with shared orders equals percentileRank on its own', () => {
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 200 }), (list) => {
        const { values, ids } = withIds(list);
        const orders = new ColumnOrders(idOrder(ids));
        expect(Array.from(percentileRank(values, undefined, orders))).toEqual(
          Array.from(percentileRank(values)),
        );
      }),
    );
  });

  it('abcClassify with the shared order equals abcClassify sorting for itself', () => {
    const config = AbcConfigSchema.parse({});
    fc.assert(
      fc.property(fc.array(anyValue, { minLength: 1, maxLength: 200 }), (list) => {
        const { values, ids } = withIds(list);
        const byId = idOrder(ids);
        const shared = new ColumnOrders(byId).of(values);
        expect(abcClassify(values, ids, config, byId, shared)).toEqual(
          abcClassify(values, ids, config, byId),
        );
      }),
    );
  });

  it('rfmScore with shared orders equals rfmScore sorting for itself', () => {
    const config = RfmConfigSchema.parse({});
    const count = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(Number.NaN));
    fc.assert(
      fc.property(fc.array(fc.tuple(anyValue, count, anyValue), { minLength: 1, maxLength: 200 }), (rows) => {
        const { ids } = withIds(rows.map(() => 0));
        const input = {
          ids,
          recencyDays: Float64Array.from(rows, (r) => Math.abs(r[0])),
          frequency: Float64Array.from(rows, (r) => r[1]),
          monetary: Float64Array.from(rows, (r) => r[2]),
        };
        const byId = idOrder(ids);
        expect(rfmScore(input, config, byId, new ColumnOrders(byId))).toEqual(rfmScore(input, config, byId));
      }),
    );
  });

  it('the top-share cut read off a shared order equals the selected one', () => {
    fc.assert(
      fc.property(
        fc.array(anyValue, { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1.2, noNaN: true }),
        (list, share) => {
          const { values, ids } = withIds(list);
          const order = new ColumnOrders(idOrder(ids)).of(values);
          expect(positiveTopShareCutoff(order, share)).toBe(topShareCutoff(values, share, (v) => v > 0));
        },
      ),
    );
  });
});
