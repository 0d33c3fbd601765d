import {
  ABC_CLASS_KEYS,
  ABC_CLASS_LABELS,
  CHURN_LEVEL_KEYS,
  CHURN_LEVEL_LABELS,
  CLASSIFICATION_LABELS,
  decodeTierReasons,
  LIFECYCLE_STAGE_KEYS,
  LIFECYCLE_STAGE_LABELS,
  MANAGEMENT_PHASE_KEYS,
  MANAGEMENT_PHASE_LABELS,
  resolveRfmGrid,
  TIER_REASON_LABELS,
  type ClassificationDimension,
  type GradingModel,
  type Label,
  type TierReason,
} from '@stratum/core';
import { z } from 'zod';

/**
 * The `grades` columns hold small integer codes: tiers and RFM segments index the run's model, the rest
 * core's fixed code lists. These turn a code into its stable key (what exports and filters use) and its
 * zh/en label (what people read), with core's label tables as the one source.
 */
export interface Coded {
  readonly key: string;
  readonly label: Label;
}

export const labelSchema = z.object({ zh: z.string(), en: z.string() });
export const codedSchema = z.object({ key: z.string(), label: labelSchema });

function coded(keys: readonly string[], labels: readonly Label[], code: number, what: string): Coded {
  const key = keys[code];
  const label = labels[code];
  // A code outside the list would be a corrupt row; say so rather than invent a label.
  if (key === undefined || label === undefined) return { key: String(code), label: unknown(what, code) };
  return { key, label };
}

function unknown(what: string, code: number): Label {
  return { zh: `未知${what}（${code}）`, en: `unknown ${what} (${code})` };
}

export function tierOf(model: GradingModel, code: number): Coded {
  const tier = model.tiers[code];
  return tier ? { key: tier.key, label: tier.label } : { key: String(code), label: unknown('等级', code) };
}

/** A tier named by key (tier_changes, overrides): its label in `model`, or the key itself when it has none. */
export function tierByKey(model: GradingModel, key: string): Coded {
  const tier = model.tiers.find((t) => t.key === key);
  return { key, label: tier?.label ?? { zh: key, en: key } };
}

export function tierKeys(model: GradingModel): string[] {
  return model.tiers.map((t) => t.key);
}

const segmentCache = new WeakMap<GradingModel, Coded[]>();

/** RFM segments in code order: the model's grid, then no_purchase. */
export function rfmSegments(model: GradingModel): readonly Coded[] {
  let segments = segmentCache.get(model);
  if (!segments) {
    segments = resolveRfmGrid(model.rfm.grid).segments.map((s) => ({ key: s.key, label: s.label }));
    segmentCache.set(model, segments);
  }
  return segments;
}

export function rfmSegmentOf(model: GradingModel, code: number): Coded {
  const segment = rfmSegments(model)[code];
  return segment ?? { key: String(code), label: unknown('RFM 分群', code) };
}

export const abcOf = (code: number) => coded(ABC_CLASS_KEYS, ABC_CLASS_LABELS, code, 'ABC 类');
export const lifecycleOf = (code: number) =>
  coded(LIFECYCLE_STAGE_KEYS, LIFECYCLE_STAGE_LABELS, code, '生命周期阶段');
export const phaseOf = (code: number) =>
  coded(MANAGEMENT_PHASE_KEYS, MANAGEMENT_PHASE_LABELS, code, '管理阶段');
export const churnLevelOf = (code: number) => coded(CHURN_LEVEL_KEYS, CHURN_LEVEL_LABELS, code, '流失等级');
export const dimensionOf = (dimension: ClassificationDimension, code: number) =>
  coded(CLASSIFICATION_LABELS[dimension].keys, CLASSIFICATION_LABELS[dimension].values, code, '分类');

/** The keys of a fixed code list, by code (for SQL lookups in exports). */
export const FIXED_CODE_KEYS = {
  abc: ABC_CLASS_KEYS,
  lifecycle: LIFECYCLE_STAGE_KEYS,
  churnLevel: CHURN_LEVEL_KEYS,
} as const;

export interface DecodedReason {
  readonly code: TierReason;
  readonly label: Label;
}

export const reasonSchema = z.object({ code: z.string(), label: labelSchema });

/** TIER_REASON flags as codes with their zh/en labels, in core's reading order. */
export function tierReasons(flags: number): DecodedReason[] {
  return decodeTierReasons(flags).map((code) => ({ code, label: TIER_REASON_LABELS[code] }));
}

/** Money stored in cents (bigint text) as a decimal string; null stays null. */
export function centsToDecimal(cents: string | number | null): string | null {
  if (cents === null) return null;
  const value = BigInt(cents);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** A float column (real) as JSON: NaN (missing) becomes null. */
export function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

export const roundTo = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
