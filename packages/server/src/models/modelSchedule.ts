import cronParser from 'cron-parser';
import { modelError } from './modelErrors.js';

/**
 * A model's schedule: a standard 5-field cron expression (minute hour day-of-month month day-of-week) read
 * in the organisation's timezone by the scheduler, or null for no scheduled runs. Validated here so a
 * stored schedule always parses; seconds fields and @-aliases are refused to keep one notation.
 */
export function checkSchedule(schedule: string | null): string | null {
  if (schedule === null) return null;
  const expression = schedule.trim().replace(/\s+/g, ' ');
  const fields = expression === '' ? 0 : expression.split(' ').length;
  if (fields !== 5) {
    throw scheduleError(
      expression,
      `需要 5 个字段（分 时 日 月 周），当前为 ${fields} 个`,
      `needs 5 fields (minute hour day-of-month month day-of-week), got ${fields}`,
    );
  }
  try {
    cronParser.parseExpression(expression);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw scheduleError(expression, `无法解析：${reason}`, `does not parse: ${reason}`);
  }
  return expression;
}

function scheduleError(expression: string, zh: string, en: string) {
  return modelError('SCHEDULE_INVALID', `schedule "${expression}" ${en}`, [
    {
      path: 'schedule',
      message: { zh: `运行计划“${expression}”${zh}`, en: `schedule "${expression}" ${en}` },
    },
  ]);
}
