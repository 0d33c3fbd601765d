import { column, type GradeResult, type GradingModel, type Label } from '@stratum/core';
import { tierLabel } from '../models/diffWording.js';
import type { CurrentTiers } from './currentTiers.js';

/**
 * What a preview tells a director, computed from a grade result and the current grades (pure): the share
 * and revenue of each tier, the migration matrix from the current tier (or none) to the previewed tier,
 * and who moves. Revenue is the model's window revenue as of the date, as in the run statistics.
 */
export const NO_GRADE = 'none';

export type MoveDirection = 'promoted' | 'demoted' | 'changed';

export interface TierShare {
  key: string;
  label: Label;
  customers: number;
  share: number;
  revenue: number;
  revenueShare: number;
}

export interface MigrationMatrix {
  /** Row keys: the model's tiers, then tiers of other families' current grades, then 'none'. */
  from: string[];
  /** Column keys: the previewed model's tiers. */
  to: string[];
  customers: number[][];
  revenue: number[][];
}

/** Customers whose previewed tier differs from a current one; rows of the result, best move first. */
export interface Movers {
  rows: Uint32Array;
  direction: MoveDirection[];
  /** Sort key: tiers jumped (×1000) plus the score change, larger first. */
  rank: Float64Array;
}

export interface WhatIfSummary {
  customers: number;
  totalRevenue: number;
  tiers: TierShare[];
  matrix: MigrationMatrix;
  changes: { unchanged: number; promoted: number; demoted: number; changed: number; new: number };
  movers: Movers;
}

export function summarizeWhatIf(
  model: Pick<GradingModel, 'tiers'>,
  result: Pick<GradeResult, 'ids' | 'features' | 'tiers' | 'scorecard'>,
  current: CurrentTiers,
): WhatIfSummary {
  const n = result.ids.length;
  const to = model.tiers.map((tier) => tier.key);
  const from = [...to, ...current.keys.filter((key) => !to.includes(key)), NO_GRADE];
  const rowOfKey = current.keys.map((key) => from.indexOf(key));
  const none = from.length - 1;
  const customers = from.map(() => to.map(() => 0));
  const revenueCells = from.map(() => to.map(() => 0));
  const revenue = column(result.features, 'revenue');
  const tierCustomers = to.map(() => 0);
  const tierRevenue = to.map(() => 0);
  const changes = { unchanged: 0, promoted: 0, demoted: 0, changed: 0, new: 0 };
  const moverRows: number[] = [];
  const directions: MoveDirection[] = [];
  const ranks: number[] = [];
  let totalRevenue = 0;

  for (let i = 0; i < n; i++) {
    const t = result.tiers.tier[i]!;
    const value = Number.isFinite(revenue[i]!) ? revenue[i]! : 0;
    const code = current.keyIndex[i]!;
    const r = code < 0 ? none : rowOfKey[code]!;
    customers[r]![t]!++;
    revenueCells[r]![t]! += value;
    tierCustomers[t]!++;
    tierRevenue[t]! += value;
    totalRevenue += value;
    if (r === none) {
      changes.new++;
      continue;
    }
    if (r === t) {
      changes.unchanged++;
      continue;
    }
    // A tier of another family that this model does not have: a change without an order.
    const direction: MoveDirection = r >= to.length ? 'changed' : r > t ? 'promoted' : 'demoted';
    changes[direction]++;
    const delta = result.scorecard.score[i]! - current.score[i]!;
    const jump = direction === 'changed' ? 0 : Math.abs(r - t);
    moverRows.push(i);
    directions.push(direction);
    ranks.push(jump * 1000 + (Number.isFinite(delta) ? Math.abs(delta) : 0));
  }

  return {
    customers: n,
    totalRevenue: cents(totalRevenue),
    tiers: model.tiers.map((tier, t) => ({
      key: tier.key,
      label: tierLabel(tier),
      customers: tierCustomers[t]!,
      share: n > 0 ? tierCustomers[t]! / n : 0,
      revenue: cents(tierRevenue[t]!),
      revenueShare: totalRevenue > 0 ? tierRevenue[t]! / totalRevenue : 0,
    })),
    matrix: { from, to, customers, revenue: revenueCells.map((row) => row.map(cents)) },
    changes,
    movers: { rows: Uint32Array.from(moverRows), direction: directions, rank: Float64Array.from(ranks) },
  };
}

/** Sums of float64 revenue carry binary noise (…310013); money is shown to the cent. */
function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
