import { dayFromIso, grade, type FeatureMatrix, type GradeResult } from '@stratum/core';
import { extractFeatures, refreshActivity, type Database } from '@stratum/db';
import { assignModels, rowsOf, selectRows } from '../grading/segments.js';
import { publishedModels, type StoredModel } from '../models/modelStore.js';

/**
 * Grades a model's customers as of a past date, as a grading run would then have (point-in-time features,
 * the model's segment among the published models, this model in its family's place), but with nothing
 * decided after that date: no hysteresis against the current grades and no overrides (grading/evaluateModel
 * would apply both, and both were made later, so the backtest would see the future through them).
 */
export interface AsOfGrading {
  /** The customers this model grades (ascending ids) and their features as of the date. */
  features: FeatureMatrix;
  result: GradeResult;
}

export interface GradeAsOfOptions {
  database: Database;
  timezone: string;
  asOf: string;
  enterPhase?: (phase: 'extract' | 'grade') => Promise<void>;
  /** Fraction (0…1) of the current phase done. */
  onProgress?: (fraction: number) => void;
}

export async function gradeAsOf(stored: StoredModel, options: GradeAsOfOptions): Promise<AsOfGrading> {
  const { database, timezone } = options;
  await refreshActivity(database.pool, timezone);
  await options.enterPhase?.('extract');
  const { matrix: population, attributes } = await extractFeatures(database.pool, {
    timezone,
    asOfDay: dayFromIso(options.asOf),
    windowMonths: stored.model.windowMonths,
    onProgress: (read, total) => options.onProgress?.(total > 0 ? read / total : 1),
  });
  const models = [...(await publishedModels(database.db)).filter((m) => m.key !== stored.key), stored];
  const owner = assignModels(models, population, attributes);
  const features = selectRows(population, rowsOf(owner, models.indexOf(stored)));
  await options.enterPhase?.('grade');
  return { features, result: grade(stored.model, features) };
}
