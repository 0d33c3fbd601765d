import type { Database } from '@stratum/db';
import type { Config } from '../config/config.js';
import { registerGradingWorker } from '../grading/gradingWorker.js';
import { registerBacktestWorker } from '../backtest/backtestWorker.js';
import { recoverInterruptedRuns } from '../grading/runStore.js';
import { registerImportWorker } from '../imports/importWorker.js';
import { startJobs, type Jobs } from '../jobs/startJobs.js';
import { registerOverrideExpiry } from '../overrides/overrideJobs.js';
import { startScheduler } from '../schedule/scheduler.js';
import { startWebhookDelivery } from '../webhooks/deliveryWorker.js';
import { buildApp } from './buildApp.js';
import type { App } from './routeTypes.js';

export interface RunningServer {
  readonly app: App;
  readonly jobs: Jobs;
  /** e.g. http://127.0.0.1:3000 */
  readonly url: string;
  /** Stops taking requests, lets running jobs finish (up to a timeout), closes the queue. */
  close(): Promise<void>;
}

/**
 * The whole server process: recovers work a crashed process left half-done, starts the job queue and its
 * workers, builds the app and listens. The database stays the caller's (it may stop an embedded server).
 */
export async function startServer(options: {
  config: Config;
  database: Database;
  log?: (message: string) => void;
}): Promise<RunningServer> {
  const { config, database } = options;
  const log = options.log ?? (() => undefined);
  for (const id of await recoverInterruptedRuns(database.pool)) {
    log(`grading run ${id} was interrupted by a stopped process; marked failed (published grades untouched)`);
  }
  const jobs = await startJobs(database, { log });
  await registerImportWorker(jobs, database, config);
  await registerGradingWorker(jobs, database, config.orgTimezone, log);
  await registerBacktestWorker(jobs, database, config.orgTimezone, log);
  // Overrides lapse daily, each published model runs on its cron (org timezone), webhooks go out.
  await registerOverrideExpiry(jobs, database, config.orgTimezone, log);
  const scheduler = await startScheduler({ database, jobs, timezone: config.orgTimezone, log });
  const webhookDelivery = startWebhookDelivery(database, { log });
  const stopBackground = async () => {
    await webhookDelivery.stop();
    await scheduler.stop();
  };
  const app = await buildApp({ config, database, jobs });
  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await stopBackground();
    await jobs.stop(5);
    throw error;
  }
  let closed = false;
  return {
    app,
    jobs,
    url: address,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await stopBackground();
      await jobs.stop(30);
    },
  };
}
