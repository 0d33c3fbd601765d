import { dayFromIso, grade, type FeatureMatrix, type GradeResult, type TierOverride } from '@stratum/core';
import {
  alignById,
  extractFeatures,
  refreshActivity,
  type CustomerAttributes,
  type Database,
} from '@stratum/db';
import type pg from 'pg';
import { publishedModels, type StoredModel } from '../models/modelStore.js';
import {
  activeOverrides,
  previousForHysteresis,
  readFamilyRun,
  tierSinceDays,
  type PreviousRun,
} from './previousGrades.js';
import { assignModels, rowsOf, selectRows } from './segments.js';

/**
 * The grading pipeline up to (not including) any write: refresh the activity rollup, extract point-in-time
 * features as of the date, take the customers this model grades (segment precedence among the published
 * models, this model in its family's place), and grade them against the family's previous published grades
 * (hysteresis) and the active overrides. A grading run writes and publishes what this returns; a what-if
 * preview only summarises it.
 */
export interface Evaluation {
  /** Every customer that existed as of the date, and the attributes segments match on. */
  population: FeatureMatrix;
  attributes: CustomerAttributes;
  /** The models in play (priority order not guaranteed) and, per population row, the index of the one grading it (−1: none). */
  models: StoredModel[];
  owner: Int32Array;
  /** Population rows this model grades (ascending, so ids stay ascending) and their features. */
  rows: Uint32Array;
  features: FeatureMatrix;
  previous: PreviousRun | undefined;
  overrides: TierOverride[];
  result: GradeResult;
  /** Day each graded customer entered its computed tier. */
  tierSince: Float64Array;
}

export interface EvaluateOptions {
  database: Database;
  /** Connection the previous grades and overrides are read on (a run keeps using it to write). */
  client: pg.PoolClient;
  timezone: string;
  /** YYYY-MM-DD, through the end of that day in the org timezone. */
  asOf: string;
  /** Called as each phase after the refresh starts, so a run can report progress. */
  enterPhase?: (phase: 'extract' | 'grade') => Promise<void>;
  /** Fraction (0…1) of the current phase done. */
  onProgress?: (fraction: number) => void;
}

export async function evaluateModel(stored: StoredModel, options: EvaluateOptions): Promise<Evaluation> {
  const { database, client, timezone, asOf } = options;
  const { model } = stored;
  const asOfDay = dayFromIso(asOf);

  await refreshActivity(database.pool, timezone);
  await options.enterPhase?.('extract');

  // The family's current grades do not depend on the features: read them on `client` while the features
  // are extracted on another connection (about a second at 1M customers), and align them afterwards.
  const family = readFamilyRun(client, stored.key);
  const { matrix: population, attributes } = await extractFeatures(database.pool, {
    timezone,
    asOfDay,
    windowMonths: model.windowMonths,
    onProgress: (read, total) => options.onProgress?.(total > 0 ? read / total : 1),
  }).catch(async (error: unknown) => {
    // Settled before the error leaves: the caller then releases `client`, which must not be busy.
    await family.catch(() => undefined);
    throw error;
  });
  const models = withCandidate(await publishedModels(database.db), stored);
  const owner = assignModels(models, population, attributes);
  const rows = rowsOf(owner, models.indexOf(stored));
  const features = selectRows(population, rows);
  await options.enterPhase?.('grade');

  const familyRun = await family;
  const previous: PreviousRun | undefined = familyRun && {
    ...familyRun,
    rowOf: alignById(features.ids, familyRun.grades.ids),
  };
  const overrides = await activeOverrides(client, model, stored.key, features.ids, asOf);
  const result = grade(
    model,
    features,
    previousForHysteresis(model, previous, features.ids.length),
    overrides,
  );
  const tierSince = tierSinceDays(model, result.tiers.computedTier, previous, asOfDay);
  return { population, attributes, models, owner, rows, features, previous, overrides, result, tierSince };
}

/**
 * The published models with `candidate` taking its family's place: a run of a draft or an older version
 * (dry runs, what-if) is evaluated as if it were the published version of its family.
 */
function withCandidate(published: StoredModel[], candidate: StoredModel): StoredModel[] {
  const others = published.filter((m) => m.key !== candidate.key);
  return [...others, candidate];
}
