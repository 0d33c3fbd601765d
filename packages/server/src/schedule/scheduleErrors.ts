import { errorFactory } from '../app/featureErrors.js';

export type ScheduleErrorCode = 'SCHEDULE_INVALID';

export function scheduleErrorStatus(code: ScheduleErrorCode): number {
  switch (code) {
    case 'SCHEDULE_INVALID':
      return 400;
  }
}

export const scheduleError = errorFactory(scheduleErrorStatus);
