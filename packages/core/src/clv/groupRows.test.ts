import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupRows } from './groupRows.js';

describe('groupRows', () => {
  it('groups identical rows and counts them', () => {
    const a = Float64Array.of(1, 2, 1, 1, 2, 3);
    const b = Float64Array.of(5, 5, 5, 6, 5, 5);
    const g = groupRows([a, b]);
    expect(g.size).toBe(4);
    expect(Array.from(g.groupOf)).toEqual([0, 1, 0, 2, 1, 3]);
    expect(Array.from(g.weight)).toEqual([2, 2, 1, 1]);
    expect(Array.from(g.first)).toEqual([0, 1, 3, 5]);
  });

  it('takes only the listed rows, and treats −0 as 0', () => {
    const a = Float64Array.of(0, -0, 7, 0);
    const g = groupRows([a], Uint32Array.of(1, 3, 2));
    expect(g.size).toBe(2);
    expect(Array.from(g.groupOf)).toEqual([0, 0, 1]);
    expect(Array.from(g.first)).toEqual([1, 2]);
  });

  it('handles no rows', () => {
    expect(groupRows([new Float64Array(0)]).size).toBe(0);
  });

  it('puts two rows in one group exactly when all their values are equal', () => {
    const small = fc.integer({ min: 0, max: 4 }).map((v) => v / 2);
    fc.assert(
      fc.property(fc.array(fc.tuple(small, small, small), { maxLength: 300 }), (rows) => {
        const cols = [0, 1, 2].map((k) => Float64Array.from(rows, (r) => r[k] ?? 0));
        const g = groupRows(cols);
        const weights = new Map<number, number>();
        for (let i = 0; i < rows.length; i++) {
          for (let j = 0; j < rows.length; j++) {
            const same = JSON.stringify(rows[i]) === JSON.stringify(rows[j]);
            if (same !== (g.groupOf[i] === g.groupOf[j])) return false;
          }
          const k = g.groupOf[i] ?? 0;
          weights.set(k, (weights.get(k) ?? 0) + 1);
        }
        return Array.from(weights).every(([k, w]) => g.weight[k] === w) && weights.size === g.size;
      }),
    );
  });
  it('numbers groups of small integers (direct table) as the hash numbers any values', () => {
    const int = fc.integer({ min: -3, max: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(int, int), { maxLength: 400 }), (rows) => {
        const cols = [0, 1].map((k) => Float64Array.from(rows, (r) => r[k] ?? 0));
        // Halving keeps which rows are equal but takes the hash path (fractions).
        const dense = groupRows(cols);
        const hashed = groupRows(cols.map((c) => c.map((v) => v + 0.5)));
        expect(dense).toEqual(hashed);
      }),
    );
  });
});
