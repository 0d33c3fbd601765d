import type { GradingModel } from './GradingModelSchema.js';
import type { ModelIssue } from './ModelIssue.js';
import { modelIssue } from './ModelIssue.js';

/** Tier indices are stored in a Uint8Array; far fewer are ever useful. */
export const MAX_TIERS = 32;

/** Tiers: keys, labels, score bands (strictly decreasing, last at 0), quotas; and hysteresis. */
export function checkTiers(model: Pick<GradingModel, 'tiers' | 'hysteresis'>): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const { tiers } = model;
  if (tiers.length === 0) {
    issues.push(
      modelIssue(['tiers'], 'NO_TIERS', '模型至少需要一个客户等级', 'The model needs at least one tier'),
    );
  }
  if (tiers.length > MAX_TIERS) {
    issues.push(
      modelIssue(
        ['tiers'],
        'TOO_MANY_TIERS',
        `客户等级最多 ${MAX_TIERS} 个（当前 ${tiers.length} 个）`,
        `At most ${MAX_TIERS} tiers (got ${tiers.length})`,
      ),
    );
  }
  const keys = new Set<string>();
  tiers.forEach((tier, t) => {
    const path = ['tiers', t] as const;
    const k = tier.key;
    if (k.trim() === '') {
      issues.push(
        modelIssue(
          [...path, 'key'],
          'TIER_KEY_EMPTY',
          `第 ${t + 1} 个等级缺少键（如 S、A）`,
          `Tier ${t + 1} has an empty key (e.g. S, A)`,
        ),
      );
    } else if (keys.has(k)) {
      issues.push(
        modelIssue(
          [...path, 'key'],
          'DUPLICATE_TIER',
          `等级 '${k}' 重复出现`,
          `Tier '${k}' appears more than once`,
        ),
      );
    }
    keys.add(k);
    if (tier.label.zh.trim() === '' || tier.label.en.trim() === '') {
      issues.push(
        modelIssue(
          [...path, 'label'],
          'LABEL_EMPTY',
          `等级 '${k}' 需要中文和英文名称`,
          `Tier '${k}' needs both a Chinese and an English label`,
        ),
      );
    }
    if (!(tier.minScore >= 0 && tier.minScore <= 100)) {
      issues.push(
        modelIssue(
          [...path, 'minScore'],
          'MIN_SCORE_OUT_OF_RANGE',
          `等级 '${k}' 的最低分必须在 0 到 100 之间（当前为 ${tier.minScore}）`,
          `The minimum score of tier '${k}' must be between 0 and 100 (got ${tier.minScore})`,
        ),
      );
    }
    const above = tiers[t - 1];
    if (above && !(tier.minScore < above.minScore)) {
      issues.push(
        modelIssue(
          [...path, 'minScore'],
          'TIERS_OUT_OF_ORDER',
          `等级须从高到低排列：'${k}' 的最低分（${tier.minScore}）必须低于上一等级 '${above.key}' 的最低分（${above.minScore}）`,
          `Tiers go from best to worst: the minimum score of '${k}' (${tier.minScore}) must be below that of '${above.key}' above it (${above.minScore})`,
        ),
      );
    }
    const last = t === tiers.length - 1;
    if (last && tier.minScore !== 0) {
      issues.push(
        modelIssue(
          [...path, 'minScore'],
          'LAST_TIER_MIN_SCORE',
          `最低等级 '${k}' 的最低分必须为 0，由它接住其余所有客户（当前为 ${tier.minScore}）`,
          `The last tier '${k}' must have minimum score 0 so that it takes every remaining customer (got ${tier.minScore})`,
        ),
      );
    }
    if (tier.maxShare !== undefined && !(tier.maxShare > 0 && tier.maxShare <= 1)) {
      issues.push(
        modelIssue(
          [...path, 'maxShare'],
          'QUOTA_SHARE_OUT_OF_RANGE',
          `等级 '${k}' 的名额比例上限必须大于 0 且不超过 1（如 0.05 表示最多 5%），当前为 ${tier.maxShare}`,
          `The maximum share of tier '${k}' must be above 0 and at most 1 (0.05 = at most 5 %), got ${tier.maxShare}`,
        ),
      );
    }
    if (tier.maxCount !== undefined && !(Number.isInteger(tier.maxCount) && tier.maxCount >= 1)) {
      issues.push(
        modelIssue(
          [...path, 'maxCount'],
          'QUOTA_COUNT_INVALID',
          `等级 '${k}' 的名额数量上限必须是不小于 1 的整数（当前为 ${tier.maxCount}）`,
          `The maximum count of tier '${k}' must be a whole number of at least 1 (got ${tier.maxCount})`,
        ),
      );
    }
    if (last && (tier.maxShare !== undefined || tier.maxCount !== undefined)) {
      issues.push(
        modelIssue(
          path,
          'QUOTA_ON_LAST_TIER',
          `最低等级 '${k}' 不能设名额上限：超出名额的客户无处可去`,
          `The last tier '${k}' cannot have a quota: customers over it would have nowhere to go`,
        ),
      );
    }
  });

  const { scoreMargin, minDaysInTier } = model.hysteresis;
  if (scoreMargin < 0) {
    issues.push(
      modelIssue(
        ['hysteresis', 'scoreMargin'],
        'HYSTERESIS_NEGATIVE',
        `分数缓冲不能为负数（当前为 ${scoreMargin}）；0 表示不设缓冲`,
        `The score margin cannot be negative (got ${scoreMargin}); 0 means none`,
      ),
    );
  }
  if (minDaysInTier < 0) {
    issues.push(
      modelIssue(
        ['hysteresis', 'minDaysInTier'],
        'HYSTERESIS_NEGATIVE',
        `最短停留天数不能为负数（当前为 ${minDaysInTier}）；0 表示不限制`,
        `The minimum days in tier cannot be negative (got ${minDaysInTier}); 0 means none`,
      ),
    );
  } else if (!Number.isInteger(minDaysInTier)) {
    issues.push(
      modelIssue(
        ['hysteresis', 'minDaysInTier'],
        'HYSTERESIS_DAYS_NOT_INTEGER',
        `最短停留天数必须是整数（当前为 ${minDaysInTier}）`,
        `The minimum days in tier must be a whole number (got ${minDaysInTier})`,
      ),
    );
  }
  return issues;
}
