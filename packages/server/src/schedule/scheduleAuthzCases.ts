import type { CaseProvider } from '../app/authz/authzTypes.js';

/** Authorisation cases of the schedule routes: reading schedules is reading grades. */
export const scheduleAuthzCases: CaseProvider = {
  cases: () => ({
    'GET /api/v1/grading/schedules': {
      permission: 'grading:read',
      build: () => ({ url: '/api/v1/grading/schedules' }),
    },
    'GET /api/v1/grading/schedules/preview': {
      permission: 'grading:read',
      build: () => ({ url: '/api/v1/grading/schedules/preview?cron=0%202%201%20*%20*' }),
    },
  }),
};
