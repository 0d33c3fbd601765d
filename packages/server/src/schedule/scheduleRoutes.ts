import { z } from 'zod';
import { standardErrorResponses } from '../app/errorResponse.js';
import type { Feature } from '../app/routeTypes.js';
import { configSchema } from '../config/config.js';
import { listSchedules } from './listSchedules.js';
import { previewSchedule } from './schedulePreview.js';

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

const previewQuery = z.object({
  cron: z.string().max(200).describe('5-field cron (minute hour day-of-month month day-of-week)'),
  timezone: configSchema.shape.orgTimezone
    .optional()
    .describe('IANA timezone the cron is read in; default the organisation’s'),
  count: z.coerce.number().int().min(1).max(20).default(5),
});

const previewSchema = z
  .object({
    cron: z.string(),
    timezone: z.string(),
    next: z.array(z.object({ at: z.string(), asOf: z.string() })),
  })
  .describe('SchedulePreview');

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

    app.get(
      '/grading/schedules/preview',
      {
        config: { permission: 'grading:read' },
        schema: {
          tags: ['grading'],
          summary:
            'Check a cron expression before saving it on a model: the next fire times and the day each run grades. ' +
            'An invalid expression answers 400 SCHEDULE_INVALID with the reason in Chinese and English.',
          querystring: previewQuery,
          response: { 200: previewSchema, ...standardErrorResponses },
        },
      },
      (request) => {
        const { cron, timezone, count } = request.query;
        return previewSchedule(cron, timezone ?? config.orgTimezone, new Date(), count);
      },
    );
  },
};
