import type { Database } from '@stratum/db';
import type { Jobs } from '../jobs/startJobs.js';
import { recoverInterruptedBacktests } from './backtestStore.js';
import { runBacktest } from './runBacktest.js';

export const BACKTEST_QUEUE = 'backtest.run';

export interface BacktestJob {
  backtestId: number;
}

/**
 * Runs queued backtests in this process. Backtests a stopped process left running are marked failed
 * first. A backtest another worker took is skipped; failures are recorded on the row, not retried.
 */
export async function registerBacktestWorker(
  jobs: Pick<Jobs, 'work'>,
  database: Database,
  timezone: string,
  log: (message: string) => void = () => undefined,
): Promise<void> {
  for (const id of await recoverInterruptedBacktests(database.pool)) {
    log(`backtest ${id} was interrupted by a stopped process; marked failed`);
  }
  await jobs.work<BacktestJob>(BACKTEST_QUEUE, async ({ backtestId }) => {
    try {
      const outcome = await runBacktest({ database, timezone }, backtestId);
      if (outcome) {
        log(
          `backtest ${backtestId}: ${outcome.report.population.customers} customers in ${(outcome.report.seconds.total ?? 0).toFixed(1)} s`,
        );
      }
    } catch (error) {
      log(`backtest ${backtestId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}
