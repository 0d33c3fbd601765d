import { gradingModels, type Database } from '@stratum/db';
import { and, eq } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { isAppError } from '../errors/appError.js';
import { GRADING_QUEUE, type GradingJob } from '../grading/gradingWorker.js';
import { requestRuns } from '../grading/requestRuns.js';
import { failRun } from '../grading/runStore.js';
import type { Jobs } from '../jobs/startJobs.js';
import { cronProblem, fireTimeAt, scheduledAsOf } from './cronSchedule.js';
import { claimTick, recordTick, type ScheduleTickJob, type TickRecord } from './scheduleStore.js';

export interface TickContext {
  database: Database;
  jobs: Pick<Jobs, 'enqueue'>;
  timezone: string;
  log?: (message: string) => void;
}

/** What a tick did: its record, or why it did nothing ('duplicate': that fire time was handled already). */
export type TickResult =
  | { readonly handled: true; readonly record: TickRecord }
  | { readonly handled: false; readonly reason: 'duplicate' | 'unscheduled'; readonly modelKey: string };

/**
 * Handles one scheduled tick of a model family: queues a 'scheduled' run of the family's published model
 * as of the last complete day (see scheduledAsOf) on the grading queue, where the grading worker runs it
 * like any other run. Never throws: a tick while a run of the model is queued or running is *skipped*
 * (logged as `run.skipped` and recorded, see GET /grading/schedules; the active run grades the customers
 * anyway, and the next fire time runs as usual); any other failure is recorded as failed.
 *
 * `at` is when the tick is handled (default: the database clock, which pg-boss fires schedules by).
 */
export async function runScheduledTick(
  context: TickContext,
  job: ScheduleTickJob,
  at?: Date,
): Promise<TickResult> {
  const { database, timezone } = context;
  const log = context.log ?? (() => undefined);
  const [model] = await database.db
    .select({ id: gradingModels.id, version: gradingModels.version, cron: gradingModels.schedule })
    .from(gradingModels)
    .where(and(eq(gradingModels.key, job.modelKey), eq(gradingModels.status, 'published')));
  if (!model?.cron || cronProblem(model.cron) !== null) {
    // The family was archived or its schedule cleared after pg-boss sent the tick; the next sync removes it.
    log(`scheduled tick of model ${job.modelKey} ignored: it has no published version with a schedule`);
    return { handled: false, reason: 'unscheduled', modelKey: job.modelKey };
  }
  const handledAt = at ?? (await databaseNow(database));
  const fireTime = fireTimeAt(model.cron, timezone, handledAt);
  const record: TickRecord = {
    modelKey: job.modelKey,
    fireTime: fireTime.toISOString(),
    handledAt: handledAt.toISOString(),
    asOf: scheduledAsOf(fireTime, timezone),
    outcome: 'handling',
    modelId: model.id,
    runId: null,
    reason: null,
  };
  if (!(await claimTick(database.pool, record))) {
    log(`scheduled tick of model ${job.modelKey} at ${record.fireTime} was already handled`);
    return { handled: false, reason: 'duplicate', modelKey: job.modelKey };
  }
  const done = await startRun(context, record, log);
  await recordTick(database.pool, done);
  return { handled: true, record: done };
}

async function startRun(
  context: TickContext,
  record: TickRecord,
  log: (message: string) => void,
): Promise<TickRecord> {
  const { database, timezone, jobs } = context;
  const what = `scheduled run of model ${record.modelKey} as of ${record.asOf}`;
  let runId: number;
  try {
    const [run] = await requestRuns(database.db, SYSTEM_ACTOR, timezone, {
      modelId: record.modelId,
      asOf: record.asOf,
      kind: 'scheduled',
    });
    runId = run!.id;
  } catch (error) {
    if (isAppError(error) && error.code === 'RUN_IN_PROGRESS') {
      const active = (error.details as { runId?: number } | undefined)?.runId ?? null;
      log(`run.skipped: ${what} skipped, run ${active ?? '?'} of this model is still active`);
      return { ...record, outcome: 'skipped', runId: active, reason: error.message };
    }
    const reason = error instanceof Error ? error.message : String(error);
    log(`${what} could not start: ${reason}`);
    return { ...record, outcome: 'failed', reason };
  }
  try {
    await jobs.enqueue(GRADING_QUEUE, { runId } satisfies GradingJob);
  } catch (error) {
    // Never leave a queued run no worker will take: it would block the model's next runs.
    await failRun(database.pool, runId, 'could not be queued');
    const reason = error instanceof Error ? error.message : String(error);
    log(`${what} could not be queued: ${reason}`);
    return { ...record, outcome: 'failed', runId, reason };
  }
  log(`${what}: run ${runId} queued`);
  return { ...record, outcome: 'started', runId };
}

async function databaseNow(database: Database): Promise<Date> {
  const { rows } = await database.pool.query<{ now: Date }>('SELECT now() AS now');
  return rows[0]!.now;
}
