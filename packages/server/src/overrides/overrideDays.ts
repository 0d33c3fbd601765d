import { formatDayNumber, orgTimeZone, parseIsoDay } from '../time/index.js';
import { overrideError } from './overrideErrors.js';

/**
 * How long an override may last: at most a year ahead, so every manual tier is reviewed at least yearly
 * (a longer-lived exception should become a model rule instead). The last day is inclusive and in the org
 * timezone, like a run's as-of day: an override ending on D applies to runs as of D and not after.
 */
export const MAX_OVERRIDE_DAYS = 365;

/** Today (YYYY-MM-DD) in the organisation's timezone. */
export function todayIn(timezone: string, now = Date.now()): string {
  return orgTimeZone(timezone).localDate(now);
}

/** An override's last day must be a calendar date after today and at most MAX_OVERRIDE_DAYS ahead. */
export function checkExpiry(expiresOn: string, today: string): void {
  const day = parseIsoDay(expiresOn);
  const todayNumber = parseIsoDay(today)!;
  const fail = (message: string) =>
    overrideError('OVERRIDE_EXPIRY_INVALID', `expiresOn ${message}`, [
      { in: 'body', path: 'expiresOn', message },
    ]);
  if (day === undefined) throw fail(`must be a calendar date YYYY-MM-DD, not "${expiresOn}"`);
  if (day <= todayNumber) throw fail(`must be after today (${today})`);
  if (day > todayNumber + MAX_OVERRIDE_DAYS) {
    throw fail(
      `must be at most ${MAX_OVERRIDE_DAYS} days ahead (${formatDayNumber(todayNumber + MAX_OVERRIDE_DAYS)})`,
    );
  }
}
