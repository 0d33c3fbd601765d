/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, in whatever timezone the day numbers were
 * made in). Pure: no clock.
 */
import { formatDayNumber, MS_PER_DAY, parseIsoDay } from './civilDays.js';

/** Day number of a `YYYY-MM-DD` date; throws on anything else (for dates a caller already validated). */
export function dayFromIso(date: string): number {
  const day = parseIsoDay(date);
  if (day === undefined) throw new Error(`not a YYYY-MM-DD calendar date: ${date}`);
  return day;
}

export const isoFromDay = formatDayNumber;

/**
 * The day `months` calendar months before `day` (same day of month, clamped to the month's end:
 * 31 March minus one month is 28/29 February).
 */
export function minusMonths(day: number, months: number): number {
  const date = new Date(day * MS_PER_DAY);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - months;
  const lastOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastOfTarget)) / MS_PER_DAY;
}
