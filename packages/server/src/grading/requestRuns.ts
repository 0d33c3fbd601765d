import { dayFromIso, isoFromDay } from '@stratum/core';
import type { Db, RunKind } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import { orgTimeZone } from '../time/OrgTimeZone.js';
import { gradingError } from './gradingErrors.js';
import { ensureDefaultModel, loadModel, publishedModels } from '../models/modelStore.js';
import { createRun, type RunRow } from './runStore.js';

export interface RunRequest {
  /** One model; without it, every published model gets a run (each customer is graded by exactly one). */
  modelId?: number | undefined;
  /** YYYY-MM-DD in the org timezone, through the end of that day; default today. */
  asOf?: string | undefined;
  dryRun?: boolean | undefined;
  kind?: RunKind | undefined;
}

/** Validates a request and records the queued run(s); executing them is the caller's (CLI or job worker). */
export async function requestRuns(
  db: Db,
  actor: Actor,
  timezone: string,
  request: RunRequest,
): Promise<RunRow[]> {
  const asOf = resolveAsOf(request.asOf, timezone);
  const dryRun = request.dryRun ?? false;
  const kind = request.kind ?? 'manual';
  let modelIds: number[];
  if (request.modelId !== undefined) {
    const model = await loadModel(db, request.modelId);
    if (model.status !== 'published' && !dryRun) {
      throw gradingError(
        'MODEL_NOT_PUBLISHED',
        `Model ${model.key} v${model.version} is ${model.status}: publish it first, or run it with --dry-run`,
      );
    }
    modelIds = [model.id];
  } else {
    await ensureDefaultModel(db, actor);
    modelIds = (await publishedModels(db)).map((m) => m.id);
    if (modelIds.length === 0) throw gradingError('NO_PUBLISHED_MODEL', 'No grading model is published');
  }
  const runs: RunRow[] = [];
  for (const modelId of modelIds) {
    runs.push(await createRun(db, { modelId, asOf, kind, dryRun, requestedBy: actor.userId }));
  }
  return runs;
}

/** Today in the org timezone by default; a future date is refused (nothing is knowable about it yet). */
export function resolveAsOf(asOf: string | undefined, timezone: string, now = Date.now()): string {
  const today = orgTimeZone(timezone).dayNumber(now);
  if (asOf === undefined) return isoFromDay(today);
  let day: number;
  try {
    day = dayFromIso(asOf);
  } catch {
    throw gradingError('BAD_AS_OF', `--as-of must be a calendar date YYYY-MM-DD, not "${asOf}"`);
  }
  if (day > today)
    throw gradingError('BAD_AS_OF', `--as-of ${asOf} is in the future (today is ${isoFromDay(today)})`);
  return asOf;
}
