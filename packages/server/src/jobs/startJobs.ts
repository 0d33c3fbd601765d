import fs from 'node:fs/promises';
import PgBoss from 'pg-boss';
import type { Database } from '@stratum/db';
import { recoverInterruptedImports } from '../imports/importJobStore.js';

/**
 * The background job queue: a thin wrapper over pg-boss 10 (a PostgreSQL-backed queue in its own
 * `pgboss` schema of the app's database), so no other server is needed. HTTP requests enqueue work;
 * a worker in the same process, or in any other instance on the same database, runs it. A job runs
 * once (no automatic retry): handlers record their own outcome (e.g. in import_jobs).
 */
export interface Jobs {
  /** Declares a queue (idempotent). `enqueue` and `work` declare theirs with the defaults anyway. */
  queue(name: string, options?: QueueOptions): Promise<void>;
  /** Adds a job; returns its id (null when a singleton key already has one queued). */
  enqueue(name: string, data: object, options?: EnqueueOptions): Promise<string | null>;
  /** Runs `handler` for the queue's jobs, one at a time in this process. */
  work<Data>(name: string, handler: JobHandler<Data>): Promise<void>;
  /** Stops fetching, waits (up to `timeoutSeconds`) for running handlers, closes the connections. */
  stop(timeoutSeconds?: number): Promise<void>;
  /**
   * Creates or replaces the cron schedule of queue `name` (one per queue in pg-boss 10): at each fire time
   * (5-field cron read in `tz`) one job with `data` is sent to the queue. Cluster-safe: one instance at a
   * time evaluates the schedules and each fire time is sent once (see schedule/scheduler.ts).
   */
  schedule(name: string, cron: string, data: object, options: { tz: string }): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** Stops this process's worker of a queue (its jobs stay queued for other workers). */
  offWork(name: string): Promise<void>;
}

export interface QueueOptions {
  /** How long a started job may run before pg-boss gives up on it (default 23 h, the most pg-boss allows: imports can be long). */
  readonly expireInSeconds?: number;
  readonly retryLimit?: number;
}

export interface EnqueueOptions {
  /** At most one queued job per key. */
  readonly singletonKey?: string;
  readonly startAfterSeconds?: number;
}

export type JobHandler<Data> = (
  data: Data,
  job: { readonly id: string; readonly name: string },
) => Promise<void>;

export interface StartJobsOptions {
  /** How often an idle worker looks for jobs (default 2 s; tests use less). */
  readonly pollingIntervalSeconds?: number;
  readonly log?: (message: string) => void;
}

const SCHEMA = 'pgboss';
/** The queue's schema in the app database (its `schedule` table is read by schedule/registeredSchedules.ts). */
export const JOBS_SCHEMA = SCHEMA;
// pg-boss refuses expirations of 24 h or more.
const MAX_EXPIRY = 23 * 3600;

/**
 * Starts the queue on the app's database. First, imports left 'running' by a process that died are
 * marked failed (and their uploaded files removed), so no import stays "running" forever.
 */
export async function startJobs(database: Database, options: StartJobsOptions = {}): Promise<Jobs> {
  const log = options.log ?? (() => undefined);
  for (const job of await recoverInterruptedImports(database.pool)) {
    log(`import ${job.id} was interrupted (its process stopped) and is now marked failed`);
    if (job.filePath) await fs.rm(job.filePath, { force: true });
  }

  const boss = new PgBoss({
    connectionString: database.url,
    schema: SCHEMA,
    max: 4,
    application_name: 'stratum-jobs',
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  boss.on('error', (error) => log(`job queue error: ${error.message}`));
  await boss.start();

  const declared = new Map<string, Promise<void>>();
  const queue = (name: string, queueOptions: QueueOptions = {}): Promise<void> => {
    let created = declared.get(name);
    if (!created) {
      created = boss.createQueue(name, {
        name,
        expireInSeconds: queueOptions.expireInSeconds ?? MAX_EXPIRY,
        retryLimit: queueOptions.retryLimit ?? 0,
      });
      declared.set(name, created);
    }
    return created;
  };

  return {
    queue,
    async enqueue(name, data, enqueueOptions = {}) {
      await queue(name);
      return boss.send(name, data, {
        ...(enqueueOptions.singletonKey ? { singletonKey: enqueueOptions.singletonKey } : {}),
        ...(enqueueOptions.startAfterSeconds ? { startAfter: enqueueOptions.startAfterSeconds } : {}),
      });
    },
    async work<Data>(name: string, handler: JobHandler<Data>) {
      await queue(name);
      await boss.work<Data>(
        name,
        {
          batchSize: 1,
          ...(options.pollingIntervalSeconds
            ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
            : {}),
        },
        async (jobs) => {
          for (const job of jobs) await handler(job.data, { id: job.id, name: job.name });
        },
      );
    },
    async stop(timeoutSeconds = 30) {
      await boss.stop({ graceful: true, wait: true, timeout: timeoutSeconds * 1000 });
    },
    async schedule(name, cron, data, scheduleOptions) {
      // The schedule row references its queue.
      await queue(name);
      await boss.schedule(name, cron, data, { tz: scheduleOptions.tz });
    },
    async unschedule(name) {
      await boss.unschedule(name);
    },
    async offWork(name) {
      await boss.offWork(name);
    },
  };
}
