import { desc, eq, inArray } from 'drizzle-orm';
import { gradingCurrent, gradingModels, gradingRuns, type RunKind, type RunStatus } from '@stratum/db';
import type { Queryable } from '../app/transaction.js';
import { gradingError } from '../grading/gradingErrors.js';
import { toStoredModel, type StoredModel } from '../models/modelStore.js';
import { gradeError } from './gradeErrors.js';

/** A grading run with the model version that graded it: what every reader of grades needs to decode codes. */
export interface GradedRun {
  readonly id: number;
  readonly asOf: string;
  readonly kind: RunKind;
  readonly dryRun: boolean;
  readonly status: RunStatus;
  readonly publishedAt: Date | null;
  /** grading_current points to it: its rows are the current grades of its model family. */
  readonly current: boolean;
  readonly model: StoredModel;
}

type RunJoin = {
  run: typeof gradingRuns.$inferSelect;
  model: typeof gradingModels.$inferSelect;
  currentRun: number | null;
};

function toGradedRuns(rows: RunJoin[]): GradedRun[] {
  const models = new Map<number, StoredModel>();
  return rows.map(({ run, model, currentRun }) => {
    let stored = models.get(model.id);
    if (!stored) models.set(model.id, (stored = toStoredModel(model)));
    return {
      id: run.id,
      asOf: run.asOf,
      kind: run.kind,
      dryRun: run.dryRun,
      status: run.status,
      publishedAt: run.publishedAt,
      current: currentRun !== null,
      model: stored,
    };
  });
}

const selection = { run: gradingRuns, model: gradingModels, currentRun: gradingCurrent.runId };

function runsQuery(db: Queryable) {
  return db
    .select(selection)
    .from(gradingRuns)
    .innerJoin(gradingModels, eq(gradingModels.id, gradingRuns.modelId))
    .leftJoin(gradingCurrent, eq(gradingCurrent.runId, gradingRuns.id));
}

/** The runs among `ids` that exist, by id. */
export async function loadGradedRuns(db: Queryable, ids: readonly number[]): Promise<Map<number, GradedRun>> {
  if (ids.length === 0) return new Map();
  const rows = await runsQuery(db).where(inArray(gradingRuns.id, [...new Set(ids)]));
  return new Map(toGradedRuns(rows).map((run) => [run.id, run]));
}

/** A run whose grades can be read: RUN_NOT_FOUND (404), or RUN_NOT_GRADED (409) while it has no grades. */
export async function requireGradedRun(db: Queryable, id: number): Promise<GradedRun> {
  const run = (await loadGradedRuns(db, [id])).get(id);
  if (!run) throw gradingError('RUN_NOT_FOUND', `Grading run ${id} does not exist`);
  if (run.status !== 'succeeded') {
    throw gradeError('RUN_NOT_GRADED', `Grading run ${id} is ${run.status}: it has no grades to read`, {
      runId: id,
      status: run.status,
    });
  }
  return run;
}

/**
 * The current run of every model family, latest published first. A customer's current grade is its row
 * in the first of these runs that graded it (see currentGrades.ts).
 */
export async function loadCurrentRuns(db: Queryable): Promise<GradedRun[]> {
  const rows = await db
    .select(selection)
    .from(gradingCurrent)
    .innerJoin(gradingRuns, eq(gradingRuns.id, gradingCurrent.runId))
    .innerJoin(gradingModels, eq(gradingModels.id, gradingRuns.modelId))
    .orderBy(desc(gradingCurrent.publishedAt), desc(gradingCurrent.runId));
  return toGradedRuns(rows);
}
