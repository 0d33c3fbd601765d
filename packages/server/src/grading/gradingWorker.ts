import type { Database } from '@stratum/db';
import type { Jobs } from '../jobs/startJobs.js';
import { executeRun } from './executeRun.js';
import { getRun } from './runStore.js';

export const GRADING_QUEUE = 'grading.run';

export interface GradingJob {
  runId: number;
}

/**
 * Runs queued grading runs in this process. A run that was cancelled or already taken by another worker
 * is skipped; failures are recorded on the run itself (executeRun marks it failed), not retried.
 */
export async function registerGradingWorker(
  jobs: Pick<Jobs, 'work'>,
  database: Database,
  timezone: string,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  await jobs.work<GradingJob>(GRADING_QUEUE, async ({ runId }) => {
    const run = await getRun(database.db, runId).catch(() => undefined);
    if (!run || run.status !== 'queued') return;
    try {
      const outcome = await executeRun({ database, timezone, log }, runId);
      log(`grading run ${runId}: ${outcome.customers} customers in ${outcome.seconds.total.toFixed(1)} s`);
    } catch (error) {
      log(`grading run ${runId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
