import type { FeatureKey, FeatureMatrix } from '../matrix/FeatureMatrix.js';
import type { GradingModel, GradingModelInput } from '../model/GradingModelSchema.js';
import { GradingModelSchema } from '../model/GradingModelSchema.js';

/** Test fixtures shared by the tier tests: S ≥ 80, A ≥ 65, B ≥ 45, C. */
export const TIERS: GradingModelInput['tiers'] = [
  { key: 'S', label: { zh: '战略客户', en: 'Strategic' }, minScore: 80 },
  { key: 'A', label: { zh: '关键客户', en: 'Key' }, minScore: 65 },
  { key: 'B', label: { zh: '重要客户', en: 'Important' }, minScore: 45 },
  { key: 'C', label: { zh: '普通客户', en: 'Regular' }, minScore: 0 },
];
export const [S, A, B, C] = [0, 1, 2, 3] as const;

export function tieringModel(extra: Partial<GradingModelInput> = {}): GradingModel {
  return GradingModelSchema.parse({
    name: 'tiering test',
    groups: [{ key: 'financial', weight: 1, indicators: [{ key: 'revenue', weight: 1 }] }],
    tiers: TIERS,
    ...extra,
  });
}

export function matrixOf(
  n: number,
  columns: Partial<Record<FeatureKey, number[]>> = {},
  asOfDay = 1000,
  ids: number[] = Array.from({ length: n }, (_, i) => i + 1),
): FeatureMatrix {
  return {
    ids: Float64Array.from(ids),
    asOfDay,
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
  };
}
