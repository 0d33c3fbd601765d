import {
  INDICATOR_CATALOGUE,
  isIndicatorKey,
  TIER_REASON,
  type GradingModel,
  type Label,
  type RuleCondition,
  type TierRule,
} from '@stratum/core';
import { tierByKey, type Coded } from '../grades/gradeCodes.js';

/** The sentences of an explanation that combine codes with the model's numbers, in zh and en. */

const OPERATOR: Record<Exclude<RuleCondition['op'], 'between'>, string> = {
  '>=': '≥',
  '>': '>',
  '<=': '≤',
  '<': '<',
  '=': '=',
};

function featureLabel(key: string): Label {
  return isIndicatorKey(key) ? INDICATOR_CATALOGUE[key].label : { zh: key, en: key };
}

function conditionText(condition: RuleCondition): Label {
  const name = featureLabel(condition.indicator);
  const value = condition.value;
  if (condition.op === 'between' && Array.isArray(value)) {
    return {
      zh: `${name.zh}介于 ${value[0]} 与 ${value[1]} 之间`,
      en: `${name.en} between ${value[0]} and ${value[1]}`,
    };
  }
  const op = condition.op === 'between' ? '=' : OPERATOR[condition.op];
  return { zh: `${name.zh} ${op} ${String(value)}`, en: `${name.en} ${op} ${String(value)}` };
}

/** E.g. zh「规则 revenue-1m：销售额 ≥ 1000000 时至少为关键客户（A）」. */
export function describeRule(model: GradingModel, rule: TierRule): Label {
  const conditions = rule.when.map(conditionText);
  const when = {
    zh: conditions.map((c) => c.zh).join(' 且 '),
    en: conditions.map((c) => c.en).join(' and '),
  };
  const effects: Label[] = [];
  const tier = (key: string) => tierByKey(model, key);
  if (rule.atLeast) {
    const t = tier(rule.atLeast);
    effects.push({ zh: `至少为${t.label.zh}（${t.key}）`, en: `at least ${t.key} (${t.label.en})` });
  }
  if (rule.atMost) {
    const t = tier(rule.atMost);
    effects.push({ zh: `至多为${t.label.zh}（${t.key}）`, en: `at most ${t.key} (${t.label.en})` });
  }
  return {
    zh: `规则 ${rule.id}：${when.zh} 时${effects.map((e) => e.zh).join('，')}`,
    en: `Rule ${rule.id}: when ${when.en}, ${effects.map((e) => e.en).join(', ')}`,
  };
}

export type RuleEffect = 'floor' | 'ceiling' | 'quota_kept';

export interface RuleFired {
  readonly id: string;
  readonly note: string | null;
  readonly effect: RuleEffect;
  readonly description: Label;
}

/** The rule the tier step recorded (rule_index) with what it did, from the TIER_REASON flags. */
export function rulesFired(model: GradingModel, flags: number, ruleIndex: number): RuleFired[] {
  const rule = model.rules[ruleIndex];
  if (!rule) return [];
  const effects: RuleEffect[] = [];
  if (flags & TIER_REASON.RULE_FLOOR) effects.push('floor');
  if (flags & TIER_REASON.RULE_CEILING) effects.push('ceiling');
  if (flags & TIER_REASON.QUOTA_KEPT_BY_RULE) effects.push('quota_kept');
  const description = describeRule(model, rule);
  return effects.map((effect) => ({ id: rule.id, note: rule.note ?? null, effect, description }));
}

/** Why hysteresis held the tier, with the model's margin and minimum stay. */
export function hysteresisNote(model: GradingModel, tier: Coded, tierSince: string | null): Label {
  const { scoreMargin, minDaysInTier } = model.hysteresis;
  const since = tierSince
    ? { zh: `（自 ${tierSince} 起在此等级）`, en: ` (in this tier since ${tierSince})` }
    : null;
  return {
    zh:
      `等级保持为${tier.label.zh}（${tier.key}）：分数须越过等级分界 ${scoreMargin} 分以上才会变动，` +
      `且降级前须在本等级停留至少 ${minDaysInTier} 天${since?.zh ?? ''}。`,
    en:
      `Held at ${tier.key} (${tier.label.en}): the score must clear a tier boundary by ${scoreMargin} points ` +
      `to move, and a demotion waits for ${minDaysInTier} days in the tier${since?.en ?? ''}.`,
  };
}

export const OVERRIDE_STATUS_LABELS: Readonly<Record<string, Label>> = {
  pending: { zh: '待审批', en: 'Pending approval' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  expired: { zh: '已过期', en: 'Expired' },
};

/** The override side by side with the computed tier. */
export function overrideNote(
  override: { tier: Coded; expiresOn: string; reason: string },
  computed: Coded,
  active: boolean,
): Label {
  return active
    ? {
        zh: `人工调整为${override.tier.label.zh}（${override.tier.key}），模型计算等级为${computed.label.zh}（${computed.key}）；有效期至 ${override.expiresOn}。原因：${override.reason}`,
        en: `Overridden to ${override.tier.key} (${override.tier.label.en}); the model computed ${computed.key} (${computed.label.en}). Valid through ${override.expiresOn}. Reason: ${override.reason}`,
      }
    : {
        zh: `人工调整${override.tier.label.zh}（${override.tier.key}）未生效或已于 ${override.expiresOn} 到期，等级按模型计算为${computed.label.zh}（${computed.key}）。`,
        en: `The override to ${override.tier.key} (${override.tier.label.en}) does not apply or lapsed after ${override.expiresOn}: the tier is the computed ${computed.key} (${computed.label.en}).`,
      };
}
