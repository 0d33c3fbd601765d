import { isoFromDay } from '@stratum/core';
import cronParser from 'cron-parser';
import { orgTimeZone } from '../time/OrgTimeZone.js';

/*
 * Cron expressions of scheduled grading runs (grading_models.schedule), read in the organisation's
 * timezone. pg-boss fires the schedules with the same parser (cron-parser, its dependency), so the next
 * fire times shown here are the ones pg-boss acts on.
 */

/** The default: 02:00 on the 1st of every month (a month-end grading, see scheduledAsOf). */
export const DEFAULT_SCHEDULE = '0 2 1 * *';

/**
 * Why a cron expression is refused (zh and en), or null when it is a valid 5-field expression. Seconds
 * (6 fields) and macros such as @monthly are refused: pg-boss checks its schedules about twice a minute,
 * so only minute precision is honoured, and one plain notation is easier to read in a model's history.
 */
export function cronProblem(expression: string): { zh: string; en: string } | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 || fields.some((f) => f.startsWith('@'))) {
    return {
      zh: `计划须为 5 段 cron 表达式（分 时 日 月 周），例如 "${DEFAULT_SCHEDULE}"，而不是 "${expression}"`,
      en: `a schedule is a 5-field cron expression (minute hour day month weekday), e.g. "${DEFAULT_SCHEDULE}", not "${expression}"`,
    };
  }
  try {
    cronParser.parseExpression(expression, { tz: 'UTC' });
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      zh: `cron 表达式 "${expression}" 无效：${reason}`,
      en: `cron expression "${expression}" is not valid: ${reason}`,
    };
  }
}

/** The next `count` fire times after `from`, in `timezone`. The expression must be valid (see cronProblem). */
export function nextFireTimes(expression: string, timezone: string, from: Date, count: number): Date[] {
  const interval = cronParser.parseExpression(expression, { tz: timezone, currentDate: from });
  const times: Date[] = [];
  for (let i = 0; i < count; i++) times.push(interval.next().toDate());
  return times;
}

/**
 * The fire time a tick handled at `at` belongs to: the latest one at or before it. pg-boss sends a tick
 * within a minute of its fire time; a worker may take it later, and the tick still means that fire time.
 */
export function fireTimeAt(expression: string, timezone: string, at: Date): Date {
  // cron-parser's prev() is strictly before currentDate; a tick handled exactly on its minute still counts.
  const interval = cronParser.parseExpression(expression, {
    tz: timezone,
    currentDate: new Date(at.getTime() + 1),
  });
  return interval.prev().toDate();
}

/**
 * The as-of date of a scheduled run fired at `fireTime`: the last *complete* local day, i.e. the day
 * before the fire time's local date. A 02:00 tick on 1 July grades as of 30 June: 1 July has only two
 * hours of data, and grading "today" would count a partial day as a whole one (recency, monthly windows)
 * and could not be reproduced later. As of the previous day, the scheduled run is exactly what a manual
 * `stratum grade --as-of 2025-06-30` gives at any later time, and the monthly default grades whole months.
 * (Data of that day that arrives after the tick — e.g. a nightly import at 03:00 — is missed: schedule
 * the run after the imports.)
 */
export function scheduledAsOf(fireTime: Date, timezone: string): string {
  return isoFromDay(orgTimeZone(timezone).dayNumber(fireTime.getTime()) - 1);
}
