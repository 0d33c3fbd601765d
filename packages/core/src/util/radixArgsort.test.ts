import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argsortByValueThenId, idOrder } from './argsortByValueThenId.js';
import { radixArgsort } from './radixArgsort.js';

/** Reference order: IEEE ascending with every NaN last, ties by position (a stable comparator sort). */
function reference(keys: Float64Array): number[] {
  const rank = (v: number): number => (Number.isNaN(v) ? Infinity : v);
  return Array.from(keys.keys()).sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return rank(x) - rank(y) || a - b;
  });
}

const anyDouble = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, Infinity, -Infinity, Number.NaN, 1, -1, 1e-300, -1e-300, 5e-324),
  fc.integer({ min: -3, max: 3 }),
);

describe('radixArgsort', () => {
  it('orders like a stable comparator sort, NaN last, −0 equal to +0', () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 300 }), (values) => {
        const keys = Float64Array.from(values);
        expect(Array.from(radixArgsort(keys))).toEqual(reference(keys));
      }),
    );
  });

  it('keeps the order of `start` among equal keys', () => {
    const keys = Float64Array.from([2, 1, 2, 1]);
    expect(Array.from(radixArgsort(keys, Uint32Array.from([3, 2, 1, 0])))).toEqual([3, 1, 2, 0]);
  });

  it('handles empty and single inputs', () => {
    expect(Array.from(radixArgsort(new Float64Array(0)))).toEqual([]);
    expect(Array.from(radixArgsort(Float64Array.from([Number.NaN])))).toEqual([0]);
  });
});

describe('argsortByValueThenId', () => {
  it.each([
    ['asc', [3, 1, 2, 1], [40, 30, 20, 10], [3, 1, 2, 0]],
    ['desc', [3, 1, 2, 1], [40, 30, 20, 10], [0, 2, 3, 1]],
    ['asc', [Number.NaN, 1, 1], [1, 3, 2], [2, 1, 0]],
    ['desc', [Number.NaN, 1, 5], [1, 2, 3], [2, 1, 0]],
  ] as const)('%s %j with ids %j → %j', (direction, values, ids, expected) => {
    const order = argsortByValueThenId(Float64Array.from(values), Float64Array.from(ids), direction);
    expect(Array.from(order)).toEqual(expected);
  });

  it('breaks ties by id whatever the row order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 100 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 100, maxLength: 100 }),
        (idList, valueList) => {
          const ids = Float64Array.from(idList);
          const values = Float64Array.from(idList.map((_, i) => valueList[i]!));
          const order = argsortByValueThenId(values, ids, 'desc');
          for (let j = 1; j < order.length; j++) {
            const a = order[j - 1]!;
            const b = order[j]!;
            expect(values[a]! > values[b]! || (values[a] === values[b] && ids[a]! < ids[b]!)).toBe(true);
          }
        },
      ),
    );
  });

  it('idOrder sorts ids ascending, and is the identity when they already are', () => {
    expect(Array.from(idOrder(Float64Array.from([30, 10, 20])))).toEqual([1, 2, 0]);
    expect(Array.from(idOrder(Float64Array.from([1, 2, 9])))).toEqual([0, 1, 2]);
    expect(Array.from(idOrder(Float64Array.from([2 ** 53 - 1, 0, 2 ** 40])))).toEqual([1, 2, 0]);
  });
});
