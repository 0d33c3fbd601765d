import { describe, expect, it } from 'vitest';
import { CompensatedSum } from './compensatedSum.js';

describe('CompensatedSum', () => {
  it('keeps the small terms a plain sum loses', () => {
    const s = new CompensatedSum(1);
    let plain = 1;
    for (let i = 0; i < 1_000_000; i++) {
      s.add(1e-16);
      plain += 1e-16;
    }
    expect(plain).toBe(1);
    expect(s.value).toBeCloseTo(1 + 1e-10, 15);
  });

  it('is exact for cancelling large terms', () => {
    const s = new CompensatedSum();
    for (const v of [1e100, 1, -1e100]) s.add(v);
    expect(s.value).toBe(1);
  });
});
