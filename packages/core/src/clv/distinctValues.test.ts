import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupPurchaseHistories } from './bgnbdGroups.js';
import { distinctValues } from './distinctValues.js';

describe('distinctValues', () => {
  it.each([
    ['small integers (lookup table)', [3, 1, 3, 0, 1]],
    ['fractions (hashed)', [0.5, 1.25, 0.5, 7, 1.25]],
    ['a wide integer range (hashed)', [0, 2 ** 40, 0, 5, 2 ** 40]],
  ])('numbers %s in order of first occurrence, column by column', (_, list) => {
    const a = Float64Array.from(list);
    const b = Float64Array.from(list, (v) => v + 1);
    const rows = Uint32Array.from([4, 0, 1, 2]);
    const d = distinctValues([a, b], rows);
    const seen = [...new Set([...rows].map((r) => a[r]!).concat([...rows].map((r) => b[r]!)))];
    expect(Array.from(d.values)).toEqual(seen);
    rows.forEach((row, k) => {
      expect(d.values[d.index[0]![k]!]).toBe(a[row]);
      expect(d.values[d.index[1]![k]!]).toBe(b[row]);
    });
  });

  it('handles no rows', () => {
    const d = distinctValues([Float64Array.of(1)], new Uint32Array(0));
    expect(d.values.length).toBe(0);
    expect(d.index[0]!.length).toBe(0);
  });
});

describe('groupPurchaseHistories', () => {
  it('keeps every customer: x = 0 customers merged by T, repeat buyers one entry each', () => {
    const history = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(fc.array(history, { minLength: 1, maxLength: 100 }), (list) => {
        const x = Float64Array.from(list, ([xi]) => xi);
        const T = Float64Array.from(list, ([, t]) => t + 5);
        const tx = Float64Array.from(list, ([xi, t]) => (xi === 0 ? 0 : t));
        const rows = Uint32Array.from(list.keys());
        const g = groupPurchaseHistories(x, tx, T, rows, 7);
        const zeroTs = new Set(list.filter(([xi]) => xi === 0).map(([, t]) => t));
        const repeat = list.filter(([xi]) => xi > 0).length;
        expect(g.size).toBe(zeroTs.size + repeat);
        expect(g.weight.reduce((s, w) => s + w, 0)).toBe(list.length);
        expect(g.xWeight.reduce((s, w) => s + w, 0)).toBe(list.length);
        for (let e = 0; e < g.size; e++) {
          expect(g.times[g.txIndex[e]!]! <= g.times[g.tIndex[e]!]!).toBe(true);
          if (g.xValues[g.xIndex[e]!] === 0) expect(g.times[g.txIndex[e]!]).toBe(0);
        }
      }),
    );
  });
});
