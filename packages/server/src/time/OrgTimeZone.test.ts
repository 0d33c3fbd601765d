import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, formatDayNumber } from '@stratum/core';
import { OrgTimeZone } from './OrgTimeZone.js';

const at = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString();

/** Reference: the wall-clock fields of an instant in a zone, straight from Intl (no caches). */
const formats = new Map<string, Intl.DateTimeFormat>();
function wallOf(ms: number, zone: string): number {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (
    Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) +
    (((ms % 1000) + 1000) % 1000)
  );
}

describe('civil days', () => {
  it('round-trips day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => {
        const { year, month, day } = civilFromDays(n);
        expect(daysFromCivil(year, month, day)).toBe(n);
        expect(formatDayNumber(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });
});

describe('OrgTimeZone', () => {
  it.each([
    ['UTC', '2024-03-05', '2024-03-05T00:00:00.000Z', '2024-03-06T00:00:00.000Z'],
    ['Asia/Shanghai', '2024-03-05', '2024-03-04T16:00:00.000Z', '2024-03-05T16:00:00.000Z'],
    // A day 23 hours long (clocks go forward) and one 25 hours long (clocks go back).
    ['Europe/Berlin', '2024-03-31', '2024-03-30T23:00:00.000Z', '2024-03-31T22:00:00.000Z'],
    ['Europe/Berlin', '2024-10-27', '2024-10-26T22:00:00.000Z', '2024-10-27T23:00:00.000Z'],
  ])('bounds day %s %s', (zone, day, start, end) => {
    const tz = new OrgTimeZone(zone);
    expect(iso(tz.startOfDay(day))).toBe(start);
    expect(iso(tz.endOfDay(day))).toBe(end);
    expect(tz.localDate(tz.endOfDay(day) - 1)).toBe(day);
    expect(tz.localDate(tz.endOfDay(day))).not.toBe(day);
  });

  it('reads a skipped wall time forward and a repeated one as the earlier instant', () => {
    const berlin = new OrgTimeZone('Europe/Berlin');
    expect(iso(berlin.fieldsToEpochMs(2024, 3, 31, 2, 30))).toBe('2024-03-31T01:30:00.000Z');
    expect(iso(berlin.fieldsToEpochMs(2024, 10, 27, 2, 30))).toBe('2024-10-27T00:30:00.000Z');
    const newYork = new OrgTimeZone('America/New_York');
    expect(iso(newYork.fieldsToEpochMs(2024, 11, 3, 1, 30))).toBe('2024-11-03T05:30:00.000Z');
  });

  it.each(['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC'])(
    'agrees with Intl on random instants in %s',
    (zone) => {
      const tz = new OrgTimeZone(zone);
      fc.assert(
        fc.property(fc.integer({ min: at('1950-01-01'), max: at('2100-01-01') }), (ms) => {
          const wall = wallOf(ms, zone);
          expect(tz.offsetAt(ms)).toBe(wall - ms);
          expect(tz.dayNumber(ms)).toBe(Math.floor(wall / 86_400_000));
          // Wall → instant → wall is the identity (the instant may differ only where the wall time repeats).
          expect(wallOf(tz.wallToEpochMs(wall), zone)).toBe(wall);
        }),
        { numRuns: 1000 },
      );
    },
  );
});
