import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import type { GradingModel } from '../model/GradingModelSchema.js';
import type { PreviousGrades } from './applyHysteresis.js';
import { applyHysteresis } from './applyHysteresis.js';
import { applyQuotas } from './applyQuotas.js';
import { applyRuleBounds, evaluateRules } from './applyRules.js';
import { bandByScore } from './bandByScore.js';
import { TIER_REASON } from './TierReason.js';

/** A manual adjustment (人工调整) of one matrix row, active from/until the given days (inclusive). */
export interface TierOverride {
  readonly row: number;
  /** Index into the model's tiers. */
  readonly tier: number;
  /** First day it applies (day number); absent = already active. */
  readonly fromDay?: number;
  /** Last day it applies (day number); absent = open-ended. */
  readonly untilDay?: number;
}

/** Columnar tiering result; tier values index `model.tiers` (0 = best). */
export interface TierAssignment {
  /** Final tier (after overrides). */
  readonly tier: Uint8Array;
  /** Tier the model computed, before overrides. */
  readonly computedTier: Uint8Array;
  /** Tier by score alone (step 1), for "what the score says" in explanations. */
  readonly bandTier: Uint8Array;
  /** TIER_REASON bit flags. */
  readonly flags: Uint32Array;
  /** Index into model.rules of the rule behind RULE_FLOOR / RULE_CEILING / QUOTA_KEPT_BY_RULE; −1 = none. */
  readonly ruleIndex: Int32Array;
}

type TieringModel = Pick<GradingModel, 'tiers' | 'rules' | 'hysteresis'>;

/**
 * Tiers every customer of `matrix` from its `score` (aligned with the matrix rows). Steps, in order:
 * 1. band by score: the best tier whose minScore the score reaches;
 * 2. hysteresis against `previous` (see applyHysteresis): stability first, so that the hard
 *    constraints below always have the last word over it;
 * 3. rules: atMost ceilings, then atLeast floors — business commitments that override the score;
 * 4. quotas (maxShare / maxCount), best tier first, cascading; a rule floor beats a quota: a floor is
 *    an explicit promise about a named kind of customer ("≥ 1M revenue is at least A"), while a quota
 *    is a capacity guideline for places earned by score, so floored customers keep their places
 *    (and count against the quota) and only score-placed customers are moved;
 * 5. active overrides set the final tier (OVERRIDE); a later override of the same row wins.
 * Finally NEW / PROMOTED / DEMOTED compare the final tier with the previous grade.
 */
export function assignTiers(
  model: TieringModel,
  score: Float64Array,
  matrix: FeatureMatrix,
  previous?: PreviousGrades,
  overrides: readonly TierOverride[] = [],
): TierAssignment {
  const n = matrix.ids.length;
  if (score.length !== n) throw new RangeError(`assignTiers: ${score.length} scores for ${n} customers`);
  const { tiers } = model;
  const flags = new Uint32Array(n);
  const ruleIndex = new Int32Array(n).fill(-1);

  const bandTier = bandByScore(tiers, score);
  const tier = bandTier.slice();
  if (previous) applyHysteresis(tier, score, tiers, model.hysteresis, previous, matrix.asOfDay, flags);
  const bounds = evaluateRules(model.rules, tiers, matrix);
  applyRuleBounds(tier, bounds, flags, ruleIndex);
  applyQuotas(tier, score, matrix.ids, tiers, bounds, flags, ruleIndex);

  const computedTier = tier.slice();
  for (const o of overrides) {
    if (!(Number.isInteger(o.row) && o.row >= 0 && o.row < n))
      throw new RangeError(`assignTiers: override row ${o.row} outside 0..${n - 1}`);
    if (!(Number.isInteger(o.tier) && o.tier >= 0 && o.tier < tiers.length)) {
      throw new RangeError(`assignTiers: override tier ${o.tier} outside 0..${tiers.length - 1}`);
    }
    const active =
      !(matrix.asOfDay < (o.fromDay ?? -Infinity)) && !(matrix.asOfDay > (o.untilDay ?? Infinity));
    if (!active) continue;
    tier[o.row] = o.tier;
    flags[o.row] = flags[o.row]! | TIER_REASON.OVERRIDE;
  }

  for (let i = 0; i < n; i++) {
    const p = previous ? previous.tier[i]! : -1;
    const t = tier[i]!;
    let f = flags[i]!;
    if (!(p >= 0 && p < tiers.length)) f |= TIER_REASON.NEW;
    else if (t < p) f |= TIER_REASON.PROMOTED;
    else if (t > p) f |= TIER_REASON.DEMOTED;
    flags[i] = f;
  }
  return { tier, computedTier, bandTier, flags, ruleIndex };
}
