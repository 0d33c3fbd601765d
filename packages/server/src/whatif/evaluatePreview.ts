import {
  assignTiers,
  clvInputFromMatrix,
  dayFromIso,
  fitClv,
  predictClv,
  scoreCustomers,
  type FeatureMatrix,
  type GradeResult,
  type GradingModel,
  type PreviousGrades,
  type TierOverride,
} from '@stratum/core';
import { alignById, extractFeatures, readRunGrades, refreshActivity, type Database } from '@stratum/db';
import type pg from 'pg';
import { activeOverrides, previousForHysteresis, type PreviousRun } from '../grading/previousGrades.js';
import { assignModels, rowsOf, selectRows } from '../grading/segments.js';
import { publishedModels, type StoredModel } from '../models/modelStore.js';

/**
 * The preview's evaluation: grading/evaluateModel.ts step for step (refresh, point-in-time features,
 * segment precedence with the candidate in its family's place, previous grades, overrides), but grading
 * only as far as the tiers. A preview shows tiers and scores, so core's grade() steps after the tiers
 * (ABC, RFM, lifecycle, churn, classification, statistics: about 40 % of grade() at 100k customers) would
 * be computed for nothing; the CLV fit stays, because the scorecard may weigh P(alive) and predicted CLV.
 * whatif.db.test.ts holds the preview equal to a dry run of the same model.
 */
export type PreviewResult = Pick<GradeResult, 'ids' | 'features' | 'scorecard' | 'tiers'>;

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

/** core's grade() up to and including the tiers, in the same order and with the same inputs. */
export function gradeTiers(
  model: GradingModel,
  features: FeatureMatrix,
  previous: PreviousGrades | undefined,
  overrides: readonly TierOverride[],
): PreviewResult {
  const clvInput = clvInputFromMatrix(features);
  const clv = predictClv(fitClv(clvInput, model.clv), clvInput, model.clv);
  const matrix: FeatureMatrix = {
    ...features,
    columns: {
      ...features.columns,
      p_alive: clv.pAlive,
      expected_purchases: clv.expectedPurchases,
      clv_predicted: clv.clvPredicted,
    },
  };
  const scorecard = scoreCustomers(model, matrix);
  const tiers = assignTiers(model, scorecard.score, matrix, previous, overrides);
  return { ids: matrix.ids, features: matrix, scorecard, tiers };
}

/** grading/previousGrades.ts's loadPreviousRun before the alignment: the family's current run and grades. */
async function readFamilyRun(
  client: pg.PoolClient,
  modelKey: string,
): Promise<Omit<PreviousRun, 'rowOf'> | undefined> {
  const current = await client.query<{ run_id: string; document: { tiers: { key: string }[] } }>(
    `SELECT c.run_id, m.document
     FROM grading_current c JOIN grading_runs r ON r.id = c.run_id JOIN grading_models m ON m.id = r.model_id
     WHERE c.model_key = $1`,
    [modelKey],
  );
  const row = current.rows[0];
  if (!row) return undefined;
  const runId = Number(row.run_id);
  return {
    runId,
    tierKeys: row.document.tiers.map((t) => t.key),
    grades: await readRunGrades(client, runId),
  };
}
