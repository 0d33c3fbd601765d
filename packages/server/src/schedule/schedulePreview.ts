import { cronProblem, nextFireTimes, scheduledAsOf } from './cronSchedule.js';
import { scheduleError } from './scheduleErrors.js';

export interface SchedulePreview {
  cron: string;
  timezone: string;
  /** The next fire times and the as-of day each would grade. */
  next: { at: string; asOf: string }[];
}

/**
 * What a cron expression would do before anyone saves it on a model: its next fire times in `timezone`
 * and the day each run would grade. An invalid expression is a 400 whose message and details carry the
 * reason in 简体中文 and English (the model editor shows the reader's language).
 */
export function previewSchedule(cron: string, timezone: string, from: Date, count: number): SchedulePreview {
  const expression = cron.trim().replace(/\s+/g, ' ');
  const problem = cronProblem(expression);
  if (problem) {
    throw scheduleError('SCHEDULE_INVALID', `${problem.zh}；${problem.en}`, [
      { in: 'query', path: 'cron', message: problem },
    ]);
  }
  return {
    cron: expression,
    timezone,
    next: nextFireTimes(expression, timezone, from, count).map((at) => ({
      at: at.toISOString(),
      asOf: scheduledAsOf(at, timezone),
    })),
  };
}
