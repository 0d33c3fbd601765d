import type { Database } from '@stratum/db';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { ensureDefaultModel } from '../models/modelStore.js';
import type { Jobs } from '../jobs/startJobs.js';
import { runScheduledTick } from './scheduledTick.js';
import { registeredSchedules, type ScheduleTickJob } from './scheduleStore.js';
import { syncSchedules, type SyncResult } from './syncSchedules.js';

/** Queue of "the models changed, re-sync the schedules" requests (routes can only enqueue). */
export const SCHEDULE_SYNC_QUEUE = 'grading.schedules.sync';

export interface SchedulerOptions {
  database: Database;
  jobs: Pick<Jobs, 'enqueue' | 'work' | 'offWork' | 'schedule' | 'unschedule'>;
  timezone: string;
  log?: (message: string) => void;
  /** How often each instance re-syncs and picks up schedules other instances added (default 60 s; 0 = never). */
  reconcileSeconds?: number;
}

export interface Scheduler {
  /** Syncs the schedules with the published models now, and works the tick queues of every schedule. */
  sync(): Promise<SyncResult>;
  stop(): Promise<void>;
}

/**
 * Scheduled grading runs for `stratum serve` (start it after the job queue, in every instance).
 *
 * Each published model family with a cron gets a pg-boss schedule on its own queue
 * (`grading.schedule.<key>`; pg-boss 10 allows one schedule per queue). Several instances are safe:
 * pg-boss lets one instance per ~30 s evaluate the schedules (an UPDATE of `pgboss.version.cron_on`
 * guarded by the elapsed time) and sends each fire time with a singleton key per minute, and every tick
 * is claimed once more in our own table before it starts a run (runScheduledTick), so a fire time runs at
 * most once even if pg-boss delivered its job twice.
 *
 * The schedules follow the models: on start, whenever a sync is requested (requestScheduleSync, e.g.
 * after a model is published or archived), and every `reconcileSeconds`, which also catches models
 * changed by another process (the CLI) and makes this instance work tick queues other instances created.
 */
export async function startScheduler(options: SchedulerOptions): Promise<Scheduler> {
  const { database, jobs, timezone } = options;
  const log = options.log ?? (() => undefined);
  const working = new Set<string>();
  const tickContext = { database, jobs, timezone, log };

  const workTickQueues = async () => {
    for (const schedule of await registeredSchedules(database.pool)) {
      if (working.has(schedule.name)) continue;
      working.add(schedule.name);
      await jobs.work<ScheduleTickJob>(schedule.name, async (data) => {
        await runScheduledTick(tickContext, data);
      });
    }
  };
  let syncing: Promise<SyncResult> | undefined;
  const sync = (): Promise<SyncResult> => {
    // One sync at a time in this process; callers during a sync share its result.
    syncing ??= (async () => {
      try {
        const result = await syncSchedules(jobs, database, timezone, log);
        await workTickQueues();
        return result;
      } finally {
        syncing = undefined;
      }
    })();
    return syncing;
  };

  // A new installation grades with the default model, monthly, until someone publishes another.
  await ensureDefaultModel(database.db, SYSTEM_ACTOR);
  await sync();
  await jobs.work(SCHEDULE_SYNC_QUEUE, async () => {
    await sync();
  });

  const seconds = options.reconcileSeconds ?? 60;
  const timer =
    seconds > 0
      ? setInterval(() => {
          sync().catch((error: unknown) =>
            log(`schedule sync failed: ${error instanceof Error ? error.message : String(error)}`),
          );
        }, seconds * 1000)
      : undefined;
  timer?.unref();

  return {
    sync,
    async stop() {
      if (timer) clearInterval(timer);
      await syncing?.catch(() => undefined);
      for (const name of [...working, SCHEDULE_SYNC_QUEUE]) await jobs.offWork(name).catch(() => undefined);
      working.clear();
    },
  };
}

/**
 * Asks the running scheduler (any instance) to re-sync the schedules: for code that only has the queue's
 * `enqueue`, such as HTTP routes that publish, archive or reschedule a model. Without a running scheduler
 * the request waits in the queue; the next scheduler start syncs anyway.
 */
export async function requestScheduleSync(jobs: Pick<Jobs, 'enqueue'>): Promise<void> {
  // Repeated requests are harmless: a sync that finds nothing to change writes nothing.
  await jobs.enqueue(SCHEDULE_SYNC_QUEUE, {});
}
