import { dayFromIso, gradeTiers, type TierGrade } from '@stratum/core';
import { alignById, extractFeatures, refreshActivity, type Database } from '@stratum/db';
import type pg from 'pg';
import {
  activeOverrides,
  previousForHysteresis,
  readFamilyRun,
  type PreviousRun,
} from '../grading/previousGrades.js';
import { assignModels, rowsOf, selectRows } from '../grading/segments.js';
import { publishedModels, type StoredModel } from '../models/modelStore.js';

/**
 * The preview's evaluation: grading/evaluateModel.ts's inputs (refresh, point-in-time features, segment
 * precedence with the candidate in its family's place, previous grades, overrides), graded only as far as
 * the tiers with core's gradeTiers: a preview shows tiers and scores, so ABC, RFM, lifecycle, churn and
 * classification (about 40 % of grade() at 100k customers) would be computed for nothing. It reads the
 * family's current grades while the features are extracted, which evaluateModel does not need to.
 * whatif.db.test.ts holds the preview equal to a dry run of the same model.
 */
export type PreviewResult = TierGrade;

export interface PreviewEvaluation {
  /** Customers that existed as of the date. */
  population: number;
  previous: PreviousRun | undefined;
  result: PreviewResult;
}

export interface PreviewOptions {
  database: Database;
  client: pg.PoolClient;
  timezone: string;
  asOf: string;
  enterPhase?: (phase: 'extract' | 'grade') => void;
}

export async function evaluatePreview(
  stored: StoredModel,
  options: PreviewOptions,
): Promise<PreviewEvaluation> {
  const { database, client, timezone, asOf } = options;
  const { model } = stored;
  await refreshActivity(database.pool, timezone);
  options.enterPhase?.('extract');
  // The family's current grades do not depend on the features: read them (on `client`) while the
  // features are extracted (on another connection), and align them afterwards.
  const family = readFamilyRun(client, stored.key);
  const [{ matrix: population, attributes }, published] = await Promise.all([
    extractFeatures(database.pool, { timezone, asOfDay: dayFromIso(asOf), windowMonths: model.windowMonths }),
    publishedModels(database.db),
  ]).catch(async (error: unknown) => {
    // Settled before the error leaves: the caller then releases `client`, which must not be busy.
    await family.catch(() => undefined);
    throw error;
  });
  const models = [...published.filter((m) => m.key !== stored.key), stored];
  const owner = assignModels(models, population, attributes);
  const features = selectRows(population, rowsOf(owner, models.length - 1));
  options.enterPhase?.('grade');

  const run = await family;
  const previous: PreviousRun | undefined = run && { ...run, rowOf: alignById(features.ids, run.grades.ids) };
  const overrides = await activeOverrides(client, model, stored.key, features.ids, asOf);
  const hysteresis = previousForHysteresis(model, previous, features.ids.length);
  return {
    population: population.ids.length,
    previous,
    result: gradeTiers(model, features, hysteresis, overrides),
  };
}
