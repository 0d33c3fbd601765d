import { z } from 'zod';
import { standardErrorResponses } from '../app/errorResponse.js';
import type { Feature } from '../app/routeTypes.js';
import { listSchedules } from './listSchedules.js';

const tickSchema = z
  .object({
    modelKey: z.string(),
    fireTime: z.string().describe('The cron fire time the tick stands for'),
    handledAt: z.string(),
    asOf: z.string(),
    outcome: z
      .enum(['started', 'skipped', 'failed', 'handling'])
      .describe(
        'skipped: a run of the model was still active; handling: being handled (or its process died)',
      ),
    modelId: z.number().int(),
    runId: z.number().int().nullable().describe('The run started, or the active run that made the tick skip'),
    reason: z.string().nullable(),
  })
  .describe('ScheduleTick');

const scheduleSchema = z
  .object({
    modelKey: z.string(),
    modelId: z.number().int(),
    version: z.number().int(),
    name: z.string(),
    cron: z.string().nullable().describe('5-field cron read in `timezone`; null: no scheduled runs'),
    timezone: z.string(),
    problem: z.string().nullable().describe('Why the stored cron is not used'),
    registered: z.boolean().describe('The job queue holds this schedule (false until the next sync)'),
    next: z
      .array(
        z.object({ at: z.string(), asOf: z.string().describe('The day the run grades (the day before)') }),
      )
      .describe('Next fire times'),
    lastTick: tickSchema.nullable(),
  })
  .describe('GradingSchedule');

export const schedulesFeature: Feature = {
  name: 'schedules',
  register(app, { config, database }) {
    app.get(
      '/grading/schedules',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags: ['grading'],
          summary:
            'Scheduled runs of each published model family: cron, timezone, next fire times and the last tick. ' +
            'A scheduled run grades as of the day before its fire time (the last complete day).',
          response: {
            200: z.object({ timezone: z.string(), items: z.array(scheduleSchema) }),
            ...standardErrorResponses,
          },
        },
      },
      async () => ({
        timezone: config.orgTimezone,
        items: await listSchedules(database, config.orgTimezone, new Date()),
      }),
    );
  },
};
