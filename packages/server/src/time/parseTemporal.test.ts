import { describe, expect, it } from 'vitest';
import { fromDateCell, fromExcelSerial, isTemporalError, parseTemporalText } from './parseTemporal.js';
import { OrgTimeZone } from './OrgTimeZone.js';

const shanghai = new OrgTimeZone('Asia/Shanghai');
const utc = new OrgTimeZone('UTC');
const iso = (micros: number) => new Date(micros / 1000).toISOString();

describe('parseTemporalText', () => {
  it.each([
    ['2024-03-05', '2024-03-04T16:00:00.000Z'],
    ['2024/3/5', '2024-03-04T16:00:00.000Z'],
    ['2024.03.05', '2024-03-04T16:00:00.000Z'],
    ['20240305', '2024-03-04T16:00:00.000Z'],
    ['2024年3月5日', '2024-03-04T16:00:00.000Z'],
    ['2024 年 3 月 5 号', '2024-03-04T16:00:00.000Z'],
    ['2024年3月5日 10:30', '2024-03-05T02:30:00.000Z'],
    ['２０２４－０３－０５', '2024-03-04T16:00:00.000Z'],
    ['2024-03-05 10:30', '2024-03-05T02:30:00.000Z'],
    ['2024-03-05 10:30:15', '2024-03-05T02:30:15.000Z'],
    ['2024-03-05T10:30:15.250', '2024-03-05T02:30:15.250Z'],
    ['2024-03-05T10:30:15Z', '2024-03-05T10:30:15.000Z'],
    ['2024-03-05T10:30:15+02:00', '2024-03-05T08:30:15.000Z'],
    ['2024-03-05T10:30:15-0530', '2024-03-05T16:00:15.000Z'],
    ['2024-03-05 10:30:15 +08', '2024-03-05T02:30:15.000Z'],
    ['45356', '2024-03-04T16:00:00.000Z'],
    ['45356.5', '2024-03-05T04:00:00.000Z'],
  ])('reads %s in Asia/Shanghai', (text, expected) => {
    const result = parseTemporalText(text, shanghai);
    if (isTemporalError(result)) throw new Error(result.reason);
    expect(iso(result)).toBe(expected);
  });

  it('keeps microseconds', () => {
    expect(parseTemporalText('2024-03-05T10:30:15.123456Z', utc)).toBe(
      Date.UTC(2024, 2, 5, 10, 30, 15) * 1000 + 123_456,
    );
  });

  it.each([
    ['2023-02-30', 'IMPOSSIBLE_DATE', 'has 28 days'],
    ['2024-02-30', 'IMPOSSIBLE_DATE', 'has 29 days'],
    ['2023-13-01', 'IMPOSSIBLE_DATE', 'month 13'],
    ['20230230', 'IMPOSSIBLE_DATE', 'has 28 days'],
    ['2023年2月29日', 'IMPOSSIBLE_DATE', 'has 28 days'],
    ['2024-03-05 24:00', 'IMPOSSIBLE_DATE', 'time of day'],
    ['2024-03-05 10:61', 'IMPOSSIBLE_DATE', 'time of day'],
    ['1024-03-05', 'IMPOSSIBLE_DATE', 'year 1024'],
    ['2024-03-05T10:00+16:00', 'IMPOSSIBLE_DATE', 'UTC offset'],
    ['yesterday', 'INVALID_DATE', 'not a date'],
    ['03/05/2024', 'INVALID_DATE', 'not a date'],
    ['2024', 'INVALID_DATE', 'not a date'],
    ['2024-3', 'INVALID_DATE', 'not a date'],
    ['', 'INVALID_DATE', 'not a date'],
  ])('rejects %s', (text, code, reason) => {
    const result = parseTemporalText(text, utc);
    expect(isTemporalError(result) && result.code).toBe(code);
    expect(isTemporalError(result) && result.reason).toContain(reason);
  });
});

describe('Excel cells', () => {
  it('reads serials and date cells as wall-clock time in the zone', () => {
    expect(iso(fromExcelSerial(45356, shanghai) as number)).toBe('2024-03-04T16:00:00.000Z');
    expect(iso(fromExcelSerial(61, utc) as number)).toBe('1900-03-01T00:00:00.000Z');
    expect(iso(fromExcelSerial(1, utc) as number)).toBe('1900-01-01T00:00:00.000Z');
    expect(isTemporalError(fromExcelSerial(60, utc))).toBe(true);
    expect(isTemporalError(fromExcelSerial(-3, utc))).toBe(true);
    expect(iso(fromDateCell(new Date(Date.UTC(2024, 2, 5, 9, 0)), shanghai) as number)).toBe(
      '2024-03-05T01:00:00.000Z',
    );
  });
});
