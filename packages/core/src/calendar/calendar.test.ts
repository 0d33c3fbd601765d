import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayFromIso, isoFromDay, minusMonths } from './calendar.js';

describe('calendar', () => {
  it.each([
    ['1970-01-01', 0],
    ['1997-09-30', 10134],
    ['2000-02-29', 11016],
  ])('%s is day %i and back', (iso, day) => {
    expect(dayFromIso(iso)).toBe(day);
    expect(isoFromDay(day)).toBe(iso);
  });

  it.each(['2023-02-29', '2023-13-01', '2023-1-1', 'yesterday'])('rejects %s', (bad) => {
    expect(() => dayFromIso(bad)).toThrow();
  });

  it.each([
    ['2024-03-31', 1, '2024-02-29'],
    ['2023-03-31', 1, '2023-02-28'],
    ['2024-01-15', 12, '2023-01-15'],
    ['2024-01-31', 2, '2023-11-30'],
    ['2024-05-31', 24, '2022-05-31'],
  ])('%s minus %i months is %s', (from, months, expected) => {
    expect(isoFromDay(minusMonths(dayFromIso(from), months))).toBe(expected);
  });

  it('minusMonths moves back between 28·m and 31·m days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40000 }), fc.integer({ min: 0, max: 36 }), (day, months) => {
        const back = day - minusMonths(day, months);
        return back >= 28 * months && back <= 31 * months;
      }),
    );
  });
});
