import { daysFromCivil, daysInMonth, MS_PER_DAY } from '@stratum/core';
import type { OrgTimeZone } from './OrgTimeZone.js';

/**
 * Reads a date or timestamp from an imported cell as an instant (epoch microseconds).
 *
 * Accepted (anything else is INVALID_DATE):
 * - `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.M.D`, `YYYYMMDD`, `2024年3月5日` (optionally 日 or 号)
 * - any of the separated forms followed by ` HH:mm`, ` HH:mm:ss` or ` HH:mm:ss.ffffff` (or `T` instead of
 *   the space: ISO 8601), optionally with a zone `Z`, `+08:00`, `+0800` or `+08`
 * - Excel serial day numbers: any number in an XLSX number cell; in CSV text only 5-digit serials
 *   (10000–99999, i.e. 1927–2173) so a bare year such as `2024` is never mistaken for one
 * - XLSX date cells (a Date whose UTC fields are the wall-clock time, as exceljs reads them)
 * A value without a zone is wall-clock time in the organisation's timezone. Years must lie in 1900–2199;
 * a date that does not exist (2023-02-30, 24:00) is IMPOSSIBLE_DATE with the reason.
 */
export type TemporalErrorCode = 'INVALID_DATE' | 'IMPOSSIBLE_DATE';

export interface TemporalError {
  readonly code: TemporalErrorCode;
  /** Why, in English and in Chinese (import reports speak the language of the file's headers). */
  readonly reason: string;
  readonly reasonZh: string;
}

export type TemporalResult = number | TemporalError;

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const SEPARATED =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:(?:[Tt]| +)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)? *([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const CHINESE = /^(\d{4}) *年 *(\d{1,2}) *月 *(\d{1,2}) *[日号](?: *(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

// Excel's day 0 is 1899-12-30 (for serials from 61 on; Excel's phantom 1900-02-29 is serial 60).
const EXCEL_EPOCH_DAY = daysFromCivil(1899, 12, 30);

export function parseTemporalText(input: string, zone: OrgTimeZone): TemporalResult {
  const fast = parseCanonical(input, zone);
  if (fast !== undefined) return fast;
  // Full-width digits and punctuation (２０２４－０３－０５) read as ASCII.
  const text = input.normalize('NFKC').trim();
  let match = SEPARATED.exec(text);
  if (match) {
    return fromFields(
      zone,
      Number(match[1]),
      Number(match[3]),
      Number(match[4]),
      match[5] === undefined ? 0 : Number(match[5]),
      match[6] === undefined ? 0 : Number(match[6]),
      match[7] === undefined ? 0 : Number(match[7]),
      match[8],
      match[9],
    );
  }
  match = COMPACT.exec(text);
  if (match) return fromFields(zone, Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, 0);
  match = CHINESE.exec(text);
  if (match) {
    return fromFields(
      zone,
      Number(match[1]),
      Number(match[2]),
      Number(match[3]),
      match[4] === undefined ? 0 : Number(match[4]),
      match[5] === undefined ? 0 : Number(match[5]),
      match[6] === undefined ? 0 : Number(match[6]),
    );
  }
  if (SERIAL_TEXT.test(text)) return fromExcelSerial(Number(text), zone);
  return {
    code: 'INVALID_DATE',
    reason:
      'not a date: expected YYYY-MM-DD, YYYY/M/D, YYYYMMDD, YYYY年M月D日 or ISO 8601, optionally with a time',
    reasonZh: '不是日期：应为 YYYY-MM-DD、YYYY/M/D、YYYYMMDD、YYYY年M月D日 或 ISO 8601，可带时间',
  };
}

/**
 * The forms machines write (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss]`, `T` instead of the space, no zone) read
 * with char codes: 20M rows of orders make the general regex path the importer's hottest code.
 */
function parseCanonical(text: string, zone: OrgTimeZone): TemporalResult | undefined {
  const length = text.length;
  if (length !== 10 && length !== 16 && length !== 19) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (length === 10) return fromFields(zone, year, month, day, 0, 0, 0);
  const separator = text.charCodeAt(10);
  if ((separator !== 32 && separator !== 84) || text.charCodeAt(13) !== 58) return undefined;
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  if (hour < 0 || minute < 0) return undefined;
  if (length === 16) return fromFields(zone, year, month, day, hour, minute, 0);
  const second = text.charCodeAt(16) === 58 ? digits(text, 17, 2) : -1;
  if (second < 0) return undefined;
  return fromFields(zone, year, month, day, hour, minute, second);
}

/** The decimal number in text[start, start + count), or −1 when a character is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

/** An XLSX number cell in a date column: an Excel serial day number (fraction = time of day). */
export function fromExcelSerial(serial: number, zone: OrgTimeZone): TemporalResult {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) {
    return {
      code: 'INVALID_DATE',
      reason: `${serial} is not an Excel date serial number`,
      reasonZh: `${serial} 不是 Excel 日期序列号`,
    };
  }
  if (Math.floor(serial) === 60) {
    return {
      code: 'IMPOSSIBLE_DATE',
      reason: 'Excel serial 60 is 1900-02-29, which does not exist',
      reasonZh: 'Excel 序列号 60 表示 1900-02-29，该日期不存在',
    };
  }
  const day = Math.floor(serial) + EXCEL_EPOCH_DAY + (serial < 60 ? 1 : 0);
  const wallMicros = Math.round(day * MS_PER_DAY * 1000 + (serial - Math.floor(serial)) * MS_PER_DAY * 1000);
  return fromWallMicros(wallMicros, zone);
}

/** An XLSX date cell: exceljs gives a Date whose UTC fields are the wall-clock time. */
export function fromDateCell(value: Date, zone: OrgTimeZone): TemporalResult {
  const ms = value.getTime();
  if (Number.isNaN(ms)) {
    return {
      code: 'INVALID_DATE',
      reason: 'the date cell holds no valid date',
      reasonZh: '日期单元格中没有有效日期',
    };
  }
  return fromWallMicros(ms * 1000, zone);
}

function fromWallMicros(wallMicros: number, zone: OrgTimeZone): TemporalResult {
  const wallMs = Math.floor(wallMicros / 1000);
  const year = new Date(wallMs).getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) return yearOutOfRange(year);
  return zone.wallToEpochMs(wallMs) * 1000 + (wallMicros - wallMs * 1000);
}

function fromFields(
  zone: OrgTimeZone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction?: string,
  offset?: string,
): TemporalResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return yearOutOfRange(year);
  if (month < 1 || month > 12) {
    return {
      code: 'IMPOSSIBLE_DATE',
      reason: `month ${month} does not exist`,
      reasonZh: `不存在 ${month} 月`,
    };
  }
  const monthDays = daysInMonth(year, month);
  if (day < 1 || day > monthDays) {
    return {
      code: 'IMPOSSIBLE_DATE',
      reason: `day ${day} does not exist: ${year}-${String(month).padStart(2, '0')} has ${monthDays} days`,
      reasonZh: `${year}年${month}月只有 ${monthDays} 天，没有 ${day} 日`,
    };
  }
  if (hour > 23 || minute > 59 || second > 59) {
    const time = `${hour}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`;
    return {
      code: 'IMPOSSIBLE_DATE',
      reason: `${time} is not a time of day`,
      reasonZh: `${time} 不是有效的时刻`,
    };
  }
  let micros = 0;
  if (fraction !== undefined) micros = Math.round(Number(`0.${fraction}`) * 1_000_000);
  const dayNumber = daysFromCivil(year, month, day);
  const wallMs = dayNumber * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000;
  if (offset === undefined) return zone.wallToEpochMs(wallMs, dayNumber) * 1000 + micros;
  const offsetMs = parseOffset(offset);
  if (offsetMs === undefined) {
    return {
      code: 'IMPOSSIBLE_DATE',
      reason: `${offset} is not a UTC offset`,
      reasonZh: `${offset} 不是有效的时区偏移`,
    };
  }
  return (wallMs - offsetMs) * 1000 + micros;
}

function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 15 || minutes > 59) return undefined;
  return sign * (hours * 3_600_000 + minutes * 60_000);
}

function yearOutOfRange(year: number): TemporalError {
  return {
    code: 'IMPOSSIBLE_DATE',
    reason: `year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`,
    reasonZh: `年份 ${year} 超出 ${MIN_YEAR}–${MAX_YEAR} 的范围`,
  };
}

export function isTemporalError(result: TemporalResult): result is TemporalError {
  return typeof result !== 'number';
}
