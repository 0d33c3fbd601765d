import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { column } from '../matrix/FeatureMatrix.js';
import { conditionInterval, contains } from '../model/conditionInterval.js';
import type { ModelTier, TierRule } from '../model/GradingModelSchema.js';
import { TIER_REASON } from './TierReason.js';

/** Per row: the strongest floor and ceiling that fired, and the rules behind them. */
export interface RuleBounds {
  /** Best tier index an atLeast rule guarantees; NO_FLOOR when none fired. */
  readonly floor: Uint8Array;
  readonly floorRule: Int32Array;
  /** Worst… i.e. the highest tier index an atMost rule imposes; −1 when none fired. */
  readonly ceiling: Int16Array;
  readonly ceilingRule: Int32Array;
}

export const NO_FLOOR = 255;

/**
 * Evaluates every rule on the matrix. A rule fires when all its conditions hold; a missing value
 * (NaN) satisfies no condition. Among fired floors the best tier wins, among ceilings the worst;
 * on equal tiers the earlier rule in the model is named.
 */
export function evaluateRules(
  rules: readonly TierRule[],
  tiers: readonly Pick<ModelTier, 'key'>[],
  matrix: FeatureMatrix,
): RuleBounds {
  const n = matrix.ids.length;
  const floor = new Uint8Array(n).fill(NO_FLOOR);
  const floorRule = new Int32Array(n).fill(-1);
  const ceiling = new Int16Array(n).fill(-1);
  const ceilingRule = new Int32Array(n).fill(-1);
  const tierIndex = new Map(tiers.map((t, i) => [t.key, i]));
  rules.forEach((rule, r) => {
    const atLeast = rule.atLeast === undefined ? undefined : tierIndex.get(rule.atLeast);
    const atMost = rule.atMost === undefined ? undefined : tierIndex.get(rule.atMost);
    if ((atLeast === undefined && atMost === undefined) || rule.when.length === 0) return;
    const tests = rule.when.map((c) => ({
      values: column(matrix, c.indicator),
      interval: conditionInterval(c),
    }));
    for (let i = 0; i < n; i++) {
      let fires = true;
      for (let c = 0; c < tests.length && fires; c++)
        fires = contains(tests[c]!.interval, tests[c]!.values[i]!);
      if (!fires) continue;
      if (atLeast !== undefined && atLeast < floor[i]!) {
        floor[i] = atLeast;
        floorRule[i] = r;
      }
      if (atMost !== undefined && atMost > ceiling[i]!) {
        ceiling[i] = atMost;
        ceilingRule[i] = r;
      }
    }
  });
  return { floor, floorRule, ceiling, ceilingRule };
}

/**
 * Step 3, in place: lower to the ceiling, then raise to the floor (so in a contradictory, unvalidated
 * model the floor wins). Sets RULE_FLOOR / RULE_CEILING and the rule index where the tier changed.
 */
export function applyRuleBounds(
  tier: Uint8Array,
  bounds: RuleBounds,
  flags: Uint32Array,
  ruleIndex: Int32Array,
): void {
  for (let i = 0; i < tier.length; i++) {
    const before = tier[i]!;
    let t = before;
    const ceiling = bounds.ceiling[i]!;
    const floor = bounds.floor[i]!;
    if (t < ceiling) t = ceiling;
    if (t > floor) t = floor;
    if (t < before) {
      flags[i] = flags[i]! | TIER_REASON.RULE_FLOOR;
      ruleIndex[i] = bounds.floorRule[i]!;
    } else if (t > before) {
      flags[i] = flags[i]! | TIER_REASON.RULE_CEILING;
      ruleIndex[i] = bounds.ceilingRule[i]!;
    }
    tier[i] = t;
  }
}
