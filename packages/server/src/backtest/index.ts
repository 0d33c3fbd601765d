export { requestBacktest, MAX_HORIZON_DAYS, type BacktestRequest } from './requestBacktest.js';
export { runBacktest, type BacktestContext, type BacktestOutcome } from './runBacktest.js';
export { recoverInterruptedBacktests, type BacktestRow } from './backtestStore.js';
export { registerBacktestWorker, BACKTEST_QUEUE, type BacktestJob } from './backtestWorker.js';
export type { BacktestPhase } from './backtestProgress.js';
export { backtestReportSchema, type BacktestReport } from './backtestReportSchema.js';
