import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateFilter } from './duplicateFilter.js';

describe('DuplicateFilter', () => {
  it('never misses a repeated key (candidates are confirmed against the stage later)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 300 }), (keys) => {
        const filter = new DuplicateFilter(keys.length);
        const seen = new Set<string>();
        for (const key of keys) {
          filter.add(key);
          if (seen.has(key)) expect(filter.candidates.has(key)).toBe(true);
          seen.add(key);
        }
      }),
    );
  });

  it('keeps false positives rare for a million distinct keys', () => {
    const filter = new DuplicateFilter(1_000_000);
    for (let i = 0; i < 1_000_000; i++) filter.add(`O${i}\u001f`);
    expect(filter.candidates.size).toBeLessThan(2_000);
    expect(filter.overflowed).toBe(false);
  });
});
