import { CHURN_SIGNAL_KEYS, type GradeResult } from '@stratum/core';
import type pg from 'pg';
import {
  putBytesLength,
  putDate,
  putFloat4,
  putInt2,
  putInt4,
  putInt8,
  putRow,
  writeBinaryCopy,
  type BinaryRowEncoder,
} from '../copy/binaryCopyWriter.js';
import { ExplainBlobWriter, explainBlobMaxSize } from './explainBlob.js';
import { inTransaction } from '../transaction.js';
import { createRunPartition, partitionName } from './gradesPartition.js';

export const GRADE_COLUMNS = 30;

/**
 * Creates a run's (not yet attached) partition and COPYs its grades into it, in one transaction: the rows
 * go in frozen (COPY FREEZE, allowed on a table created in the same transaction), so the first readers do
 * not have to set every row's hint bits and write the pages again, and a failure leaves no table behind.
 * `tierSince` is the day each customer entered its computed tier (carried over from the previous grade
 * when the tier did not change).
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
  const blobMaxSize = explainBlobMaxSize(scorecard.raw.length, evidence.length);
  const blobs = new ExplainBlobWriter(scorecard.raw, scorecard.contributions, evidence);
  const cents = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) : Number.NaN);
  const { score } = scorecard;
  const revenueCents = (i: number) => (revenue ? cents(revenue[i]!) || 0 : 0);
  // Widest encoding of a row: every field 4 + 8 bytes, then the blob.
  const maxRowBytes = 2 + GRADE_COLUMNS * 12 + blobMaxSize;
  const encode = (e: BinaryRowEncoder, i: number) => {
    let p = e.begin(maxRowBytes);
    const v = e.dataView;
    p = putRow(v, p, GRADE_COLUMNS);
    p = putInt8(v, p, runId);
    p = putInt8(v, p, result.ids[i]!);
    p = putFloat4(v, p, score[i]!);
    p = putInt2(v, p, tiers.tier[i]!);
    p = putInt2(v, p, tiers.computedTier[i]!);
    p = putDate(v, p, tierSince[i]!);
    p = putInt4(v, p, tiers.flags[i]!);
    p = putInt2(v, p, tiers.ruleIndex[i]!);
    p = putInt2(v, p, abc.abcClass[i]!);
    p = putInt2(v, p, rfm.r[i]!);
    p = putInt2(v, p, rfm.f[i]!);
    p = putInt2(v, p, rfm.m[i]!);
    p = putInt2(v, p, rfm.segment[i]!);
    p = putInt2(v, p, lifecycle.stage[i]!);
    p = putInt2(v, p, lifecycle.phase[i]!);
    p = putFloat4(v, p, clv.pAlive[i]!);
    p = putFloat4(v, p, clv.expectedPurchases[i]!);
    p = putInt8(v, p, cents(clv.clvHistorical[i]!));
    p = putInt8(v, p, cents(clv.clvPredicted[i]!));
    p = putInt8(v, p, revenueCents(i));
    p = putFloat4(v, p, churn.risk[i]!);
    p = putInt2(v, p, churn.level[i]!);
    p = putInt4(v, p, churn.flags[i]!);
    p = putInt2(v, p, classification.importance[i]!);
    p = putInt2(v, p, classification.demand[i]!);
    p = putInt2(v, p, classification.contribution[i]!);
    p = putInt2(v, p, classification.growthPotential[i]!);
    p = putInt2(v, p, classification.industryPosition[i]!);
    p = putInt2(v, p, classification.portfolioQuadrant[i]!);
    // The blob's length is known once it is written: write it, then its length in front.
    const blob = putBytesLength(v, p, 0);
    const end = blobs.write(v, blob, i);
    putBytesLength(v, p, end - blob);
    e.end(end);
  };
  await inTransaction(client, async () => {
    await createRunPartition(client, runId);
    await writeBinaryCopy(
      client,
      `COPY ${partitionName(runId)} FROM STDIN (FORMAT binary, FREEZE)`,
      n,
      encode,
      onProgress && ((written) => onProgress(written, n)),
    );
  });
}
