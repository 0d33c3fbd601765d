import { CHURN_SIGNAL_KEYS, type GradeResult } from '@stratum/core';
import type pg from 'pg';
import { writeBinaryCopy, type BinaryRowEncoder } from '../copy/binaryCopyWriter.js';
import { explainBlobSize, writeExplainBlob } from './explainBlob.js';
import { partitionName } from './gradesPartition.js';

export const GRADE_COLUMNS = 30;

/**
 * COPYs a run's grades into its (not yet attached) partition. `tierSince` is the day each customer entered
 * its computed tier (carried over from the previous grade when the tier did not change).
 */
export async function writeGrades(
  client: pg.PoolClient | pg.Client,
  runId: number,
  result: GradeResult,
  tierSince: Float64Array,
  onProgress?: (written: number, total: number) => void,
): Promise<void> {
  const n = result.ids.length;
  const { scorecard, tiers, abc, rfm, clv, lifecycle, churn, classification } = result;
  const revenue = result.features.columns.revenue;
  const evidence = CHURN_SIGNAL_KEYS.map((key) => churn.evidence[key]);
  const blobSize = explainBlobSize(scorecard.raw.length, evidence.length);
  const cents = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) : Number.NaN);
  const encode = (e: BinaryRowEncoder, i: number) => {
    e.row(GRADE_COLUMNS)
      .int8(runId)
      .int8(result.ids[i]!)
      .float4(scorecard.score[i]!)
      .int2(tiers.tier[i]!)
      .int2(tiers.computedTier[i]!)
      .date(tierSince[i]!)
      .int4(tiers.flags[i]!)
      .int2(tiers.ruleIndex[i]!)
      .int2(abc.abcClass[i]!)
      .int2(rfm.r[i]!)
      .int2(rfm.f[i]!)
      .int2(rfm.m[i]!)
      .int2(rfm.segment[i]!)
      .int2(lifecycle.stage[i]!)
      .int2(lifecycle.phase[i]!)
      .float4(clv.pAlive[i]!)
      .float4(clv.expectedPurchases[i]!)
      .int8(cents(clv.clvHistorical[i]!))
      .int8(cents(clv.clvPredicted[i]!))
      .int8(revenue ? cents(revenue[i]!) || 0 : 0)
      .float4(churn.risk[i]!)
      .int2(churn.level[i]!)
      .int4(churn.flags[i]!)
      .int2(classification.importance[i]!)
      .int2(classification.demand[i]!)
      .int2(classification.contribution[i]!)
      .int2(classification.growthPotential[i]!)
      .int2(classification.industryPosition[i]!)
      .int2(classification.portfolioQuadrant[i]!);
    const offset = e.reserveBytes(blobSize);
    writeExplainBlob(e.dataView, offset, i, scorecard.raw, scorecard.contributions, evidence);
  };
  await writeBinaryCopy(
    client,
    `COPY ${partitionName(runId)} FROM STDIN (FORMAT binary)`,
    n,
    encode,
    onProgress && ((written) => onProgress(written, n)),
  );
}
