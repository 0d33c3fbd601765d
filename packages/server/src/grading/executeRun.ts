import type { GradeResult } from '@stratum/core';
import { attachRunPartition, writeGrades, type Database } from '@stratum/db';
import { SYSTEM_ACTOR } from '../access/actor.js';
import { loadModel } from '../models/modelStore.js';
import { evaluateModel } from './evaluateModel.js';
import { publishRun } from './publishRun.js';
import { requestRuns, type RunRequest } from './requestRuns.js';
import { writeRunChanges, type RunChanges } from './runChanges.js';
import { failRun, finishRun, getRun, RunProgress, type RunPhase } from './runStore.js';

export interface RunContext {
  database: Database;
  timezone: string;
  log?: (message: string) => void;
  onProgress?: (phase: RunPhase, progress: number) => void;
}

export interface RunOutcome {
  runId: number;
  customers: number;
  published: boolean;
  changes: RunChanges;
  seconds: Record<RunPhase | 'total', number>;
  result: GradeResult;
}

/**
 * Executes a queued run end to end: refresh the activity rollup, extract point-in-time features as of the
 * run's date, take the customers this model grades (segment precedence among published models), grade
 * them against the previous published grades and the active overrides, write the run's own partition,
 * record what changed, then publish (unless a dry run). Any failure marks the run failed and removes what
 * it wrote; the published grades stay as they were.
 */
export async function executeRun(context: RunContext, runId: number): Promise<RunOutcome> {
  const { database } = context;
  const run = await getRun(database.db, runId);
  const progress = new RunProgress(database.pool, runId, context.onProgress);
  const seconds = {} as RunOutcome['seconds'];
  const started = performance.now();
  let phaseStart = started;
  const lap = async (next: RunPhase | 'total', previous: RunPhase) => {
    const now = performance.now();
    seconds[previous] = (now - phaseStart) / 1000;
    phaseStart = now;
    if (next !== 'total') await progress.phase(next);
  };
  await progress.start();
  const client = await database.pool.connect();
  try {
    const stored = await loadModel(database.db, run.modelId);
    const { model } = stored;
    const { result, tierSince, previous } = await evaluateModel(stored, {
      database,
      client,
      timezone: context.timezone,
      asOf: run.asOf,
      enterPhase: (phase) => lap(phase, phase === 'extract' ? 'refresh' : 'extract'),
      onProgress: (fraction) => progress.report(fraction),
    });
    await lap('write', 'grade');

    await writeGrades(client, runId, result, tierSince, (written, total) => progress.report(written / total));
    await attachRunPartition(client, runId);
    const changes = await writeRunChanges(client, runId, model, result, previous);
    await lap('publish', 'write');

    const summary = {
      modelId: stored.id,
      modelKey: stored.key,
      modelVersion: stored.version,
      asOf: run.asOf,
      customers: result.ids.length,
      tierChanges: changes.tierChanges,
      promoted: changes.promoted,
      demoted: changes.demoted,
      newHighChurn: changes.newHighChurn.ids.length,
    };
    if (!run.dryRun) {
      await publishRun(client, {
        runId,
        modelId: stored.id,
        modelKey: stored.key,
        asOf: run.asOf,
        changes,
        summary,
      });
    }
    await lap('total', 'publish');
    seconds.total = (performance.now() - started) / 1000;
    await finishRun(database.pool, runId, result.ids.length, { ...result.stats, changes: summary, seconds });
    return { runId, customers: result.ids.length, published: !run.dryRun, changes, seconds, result };
  } catch (error) {
    await failRun(database.pool, runId, error instanceof Error ? error.message : String(error)).catch(
      () => undefined,
    );
    throw error;
  } finally {
    progress.stop();
    client.release();
  }
}

/**
 * Requests runs as the system and executes them here, one after another, without the job queue: for the
 * first start's demo grading, tests and benchmarks. (The CLI's `grade` does the same with a progress bar
 * per run; the API queues runs for a worker.)
 */
export async function gradeInProcess(context: RunContext, request: RunRequest = {}): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (const run of await requestRuns(context.database.db, SYSTEM_ACTOR, context.timezone, request)) {
    outcomes.push(await executeRun(context, run.id));
  }
  return outcomes;
}
