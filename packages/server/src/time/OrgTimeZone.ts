import { daysFromCivil, formatDayNumber, MS_PER_DAY, parseIsoDay } from '@stratum/core';

/**
 * The organisation's timezone (config.orgTimezone, IANA): it decides which calendar day an instant
 * belongs to, how a zone-less timestamp in an imported file is read, and where "as of day D" ends
 * (DESIGN §9).
 *
 * Conversions are hot (an import may convert 20M timestamps), and `Intl` costs microseconds per call, so
 * the offset is computed with `Intl` once per local day (or UTC hour, for the reverse direction) and
 * cached; days and hours that contain a transition fall back to the exact computation.
 *
 * Wall times that do not exist (the hour skipped when clocks go forward) are read with the offset in
 * force before the transition, i.e. they move forward by the gap, as PostgreSQL does; wall times that
 * occur twice (clocks go back) take the earlier instant.
 */
export class OrgTimeZone {
  readonly zone: string;
  private readonly utc: boolean;
  private readonly format: Intl.DateTimeFormat | undefined;
  /** Local day number → offset in ms valid for that whole day, or NaN when the day has a transition. */
  private readonly dayOffsets = new Map<number, number>();
  /** UTC hour number → offset in ms valid for that whole hour, or NaN when the hour has a transition. */
  private readonly hourOffsets = new Map<number, number>();

  constructor(zone: string) {
    this.zone = zone;
    this.utc = zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT';
    this.format = this.utc
      ? undefined
      : new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
          era: 'short',
        });
  }

  /** Offset (local − UTC) in ms at an instant. */
  offsetAt(epochMs: number): number {
    if (this.utc) return 0;
    const hour = Math.floor(epochMs / 3_600_000);
    let offset = this.hourOffsets.get(hour);
    if (offset === undefined) {
      const start = hour * 3_600_000;
      const first = this.exactOffsetAt(start);
      offset = first === this.exactOffsetAt(start + 3_599_999) ? first : NaN;
      this.hourOffsets.set(hour, offset);
    }
    return Number.isNaN(offset) ? this.exactOffsetAt(epochMs) : offset;
  }

  /**
   * The instant of a wall-clock time in this zone, in epoch ms. `wallMs` is the wall time written as if
   * it were UTC (Date.UTC of its fields); `dayNumber` is its local day (pass it when known, it saves a division).
   */
  wallToEpochMs(wallMs: number, dayNumber = Math.floor(wallMs / MS_PER_DAY)): number {
    if (this.utc) return wallMs;
    let offset = this.dayOffsets.get(dayNumber);
    if (offset === undefined) {
      const start = dayNumber * MS_PER_DAY;
      const first = this.exactWallOffset(start);
      offset = first === this.exactWallOffset(start + MS_PER_DAY - 1) ? first : NaN;
      this.dayOffsets.set(dayNumber, offset);
    }
    return wallMs - (Number.isNaN(offset) ? this.exactWallOffset(wallMs) : offset);
  }

  /** Wall time of calendar fields (month 1–12) → epoch ms. Fields must already be valid. */
  fieldsToEpochMs(
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
    ms = 0,
  ): number {
    const dayNumber = daysFromCivil(year, month, day);
    const wallMs = dayNumber * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
    return this.wallToEpochMs(wallMs, dayNumber);
  }

  /** The local calendar day of an instant, as a day number (days since 1970-01-01). */
  dayNumber(epochMs: number): number {
    return Math.floor((epochMs + this.offsetAt(epochMs)) / MS_PER_DAY);
  }

  /** The local calendar day of an instant, as `YYYY-MM-DD`. */
  localDate(epochMs: number): string {
    return formatDayNumber(this.dayNumber(epochMs));
  }

  /** First instant of local day D (a day number or `YYYY-MM-DD`), in epoch ms. */
  startOfDay(day: number | string): number {
    const dayNumber = typeof day === 'number' ? day : requireDay(day);
    return this.wallToEpochMs(dayNumber * MS_PER_DAY, dayNumber);
  }

  /**
   * End of local day D as an exclusive bound (the first instant of D + 1), in epoch ms: "as of D" means
   * `t < endOfDay(D)`, so orders dated D count whatever their time of day.
   */
  endOfDay(day: number | string): number {
    const dayNumber = typeof day === 'number' ? day : requireDay(day);
    return this.startOfDay(dayNumber + 1);
  }

  /** Offset of a wall time: the offset whose instant maps back to that wall time (see the class comment). */
  private exactWallOffset(wallMs: number): number {
    const before = this.exactOffsetAt(wallMs - MS_PER_DAY);
    const after = this.exactOffsetAt(wallMs + MS_PER_DAY);
    if (before === after) {
      const guess = this.exactOffsetAt(wallMs - before);
      if (guess === before) return before;
      // A transition within a day of the wall time but not at it: use what holds at the instant.
      return this.exactOffsetAt(wallMs - guess) === guess ? guess : before;
    }
    const validBefore = this.exactOffsetAt(wallMs - before) === before;
    const validAfter = this.exactOffsetAt(wallMs - after) === after;
    if (validBefore && validAfter) return Math.max(before, after); // twice: the earlier instant
    if (validBefore) return before;
    if (validAfter) return after;
    return Math.min(before, after); // skipped: read with the offset before the jump
  }

  private exactOffsetAt(epochMs: number): number {
    if (!this.format) return 0;
    const whole = Math.floor(epochMs / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const part of this.format.formatToParts(whole)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          bc = part.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    if (bc) year = 1 - year;
    const wall =
      daysFromCivil(year, month, day) * MS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000;
    return wall - whole;
  }
}

function requireDay(text: string): number {
  const day = parseIsoDay(text);
  if (day === undefined) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${text}`);
  return day;
}

const zones = new Map<string, OrgTimeZone>();

/** One shared instance per zone, so its caches serve every caller. */
export function orgTimeZone(zone: string): OrgTimeZone {
  let instance = zones.get(zone);
  if (!instance) {
    instance = new OrgTimeZone(zone);
    zones.set(zone, instance);
  }
  return instance;
}
