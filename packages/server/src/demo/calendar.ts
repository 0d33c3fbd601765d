import { civilFromDays, formatDayNumber, parseIsoDay } from '../time/index.js';
import { wordBytes, type ByteWriter } from './byteWriter.js';

/**
 * Calendar days as integers (days since 1970-01-01) and their text. The demo writes local timestamps
 * without a zone ("2024-03-05 10:23:00"); the loader's COPY session runs in the organisation's timezone,
 * so PostgreSQL reads them as that zone's wall-clock time and the generated text never depends on it.
 */

/** Spring Festival (春节) dates: orders dip for about two weeks around them. */
const SPRING_FESTIVAL: Readonly<Record<number, string>> = {
  2010: '02-14', 2011: '02-03', 2012: '01-23', 2013: '02-10', 2014: '01-31', 2015: '02-19', 2016: '02-08',
  2017: '01-28', 2018: '02-16', 2019: '02-05', 2020: '01-25', 2021: '02-12', 2022: '02-01', 2023: '01-22',
  2024: '02-10', 2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13', 2030: '02-03',
  2031: '01-23', 2032: '02-11', 2033: '01-31', 2034: '02-19', 2035: '02-08', 2036: '01-28', 2037: '02-15',
  2038: '02-04', 2039: '01-24', 2040: '02-12',
}; // prettier-ignore

/** Jan … Dec: a half-year push in June, budget flush in Q4 (peak in December), a summer lull. */
const MONTH_FACTOR = [0.95, 0.9, 1.05, 1.0, 0.98, 1.08, 0.9, 0.9, 1.05, 1.0, 1.22, 1.45];
/** Sun … Sat: B2B buyers order on working days. */
const WEEKDAY_FACTOR = [0.15, 1.15, 1.15, 1.15, 1.15, 1.12, 0.35];
const FESTIVAL_DIP = 0.2;

/** Precomputed text and seasonality for every day of the demo's range. */
export class DemoCalendar {
  private readonly dates: Buffer[] = [];
  private readonly times: Buffer[] = [];
  /** Relative order intensity of each day; averages 1 over the range. */
  readonly season: Float64Array;
  readonly seasonMax: number;

  constructor(
    readonly firstDay: number,
    readonly lastDay: number,
  ) {
    const length = lastDay - firstDay + 1;
    this.season = new Float64Array(length);
    let sum = 0;
    for (let offset = 0; offset < length; offset++) {
      const day = firstDay + offset;
      const { year, month } = civilFromDays(day);
      this.dates.push(Buffer.from(formatDayNumber(day)));
      const factor =
        (MONTH_FACTOR[month - 1] ?? 1) *
        (WEEKDAY_FACTOR[this.weekday(day)] ?? 1) *
        (nearSpringFestival(day, year) ? FESTIVAL_DIP : 1);
      this.season[offset] = factor;
      sum += factor;
    }
    let max = 0;
    for (let offset = 0; offset < length; offset++) {
      const value = ((this.season[offset] ?? 0) * length) / sum;
      this.season[offset] = value;
      if (value > max) max = value;
    }
    this.seasonMax = max;
    for (let minute = 0; minute < 1440; minute++) {
      this.times.push(Buffer.from(` ${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:00`));
    }
  }

  /** Seasonal intensity of a day inside the range. */
  seasonOf(day: number): number {
    return this.season[day - this.firstDay] ?? 0;
  }

  /** "YYYY-MM-DD HH:MM:00" for a day of the range and a minute of that day. */
  writeTimestamp(writer: ByteWriter, day: number, minute: number): void {
    writer.bytes(this.dates[day - this.firstDay] ?? wordBytes(formatDayNumber(day)));
    writer.bytes(this.times[minute] ?? wordBytes(' 09:00:00'));
  }

  /** Day of week, 0 = Sunday. */
  weekday(day: number): number {
    return (((day + 4) % 7) + 7) % 7;
  }
}

function nearSpringFestival(day: number, year: number): boolean {
  for (const y of [year, year + 1]) {
    const festival = parseIsoDay(`${y}-${SPRING_FESTIVAL[y] ?? '02-05'}`) ?? 0;
    // Factories close the week before and restart about ten days after.
    if (day >= festival - 7 && day <= festival + 10) return true;
  }
  return false;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
