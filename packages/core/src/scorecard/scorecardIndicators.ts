import type { IndicatorKey } from '../matrix/FeatureMatrix.js';
import type { GradingModel } from '../model/GradingModelSchema.js';
import type { Direction, MissingPolicy, NormalizeSpec } from '../normalize/NormalizeSpec.js';

/** A model indicator flattened out of its group, with its nominal share of the score. */
export interface ScorecardIndicator {
  readonly key: IndicatorKey;
  /** Key of the model group it belongs to. */
  readonly group: string;
  readonly groupIndex: number;
  /**
   * Nominal weight: (group weight / Σ group weights) × (indicator weight / Σ weights in its group).
   * Sums to 1 over the model; a customer's effective weights differ only where `exclude` drops some.
   */
  readonly weight: number;
  readonly normalize: NormalizeSpec;
  readonly missing: MissingPolicy;
  readonly direction: Direction;
}

/** The model's indicators in model order (groups in order, indicators in order within each). */
export function scorecardIndicators(model: Pick<GradingModel, 'groups'>): ScorecardIndicator[] {
  const groupTotal = model.groups.reduce((s, g) => s + g.weight, 0);
  return model.groups.flatMap((group, groupIndex) => {
    const inGroup = group.indicators.reduce((s, ind) => s + ind.weight, 0);
    return group.indicators.map((ind) => ({
      key: ind.key,
      group: group.key,
      groupIndex,
      weight: (group.weight / groupTotal) * (ind.weight / inGroup),
      normalize: ind.normalize,
      missing: ind.missing,
      direction: ind.direction,
    }));
  });
}
