import {
  INDICATOR_CATALOGUE,
  INDICATOR_GROUP_LABELS,
  isIndicatorKey,
  type Label,
  type ModelGroup,
  type ModelTier,
  type NormalizeSpec,
  type RuleCondition,
  type TierRule,
} from '@stratum/core';

/**
 * The words of the model diff: how a sales director names groups, indicators, tiers, normalisers and
 * rules, in zh and en. Indicator and group names come from core's catalogue; tier names from the model.
 */

export const label = (zh: string, en: string): Label => ({ zh, en });

/** Joins labels language by language: `join([a, ' › ', b])`. */
export function join(parts: readonly (Label | string)[]): Label {
  return {
    zh: parts.map((p) => (typeof p === 'string' ? p : p.zh)).join(''),
    en: parts.map((p) => (typeof p === 'string' ? p : p.en)).join(''),
  };
}

export function groupLabel(group: Pick<ModelGroup, 'key' | 'label'>): Label {
  return (
    group.label ??
    (INDICATOR_GROUP_LABELS as Readonly<Record<string, Label>>)[group.key] ??
    label(group.key, group.key)
  );
}

/** Auxiliary columns a rule may test, named for people (the scorecard indicators are in the catalogue). */
const AUX_LABELS: Readonly<Record<string, Label>> = {
  lifetime_revenue: label('累计销售额', 'Lifetime revenue'),
  lifetime_margin: label('累计毛利', 'Lifetime margin'),
  status: label('客户状态', 'Customer status'),
  order_count_prev: label('上期订单数', 'Previous orders'),
  csat_prev: label('上期满意度', 'Previous CSAT'),
  nps_prev: label('上期 NPS', 'Previous NPS'),
  complaint_count_prev: label('上期投诉数', 'Previous complaints'),
  interaction_count_prev: label('上期互动次数', 'Previous interactions'),
  open_critical_complaints: label('未关闭的严重投诉', 'Open critical complaints'),
  key_contacts_left: label('离职的关键联系人', 'Key contacts who left'),
  tier_revisit_days: label('等级回访周期（天）', 'Tier revisit cadence (days)'),
};

export function indicatorLabel(key: string): Label {
  if (isIndicatorKey(key)) return INDICATOR_CATALOGUE[key].label;
  return AUX_LABELS[key] ?? label(key, key);
}

/** "S（战略客户）" / "S (Strategic)". */
export function tierLabel(tier: Pick<ModelTier, 'key' | 'label'>): Label {
  return label(`${tier.key}（${tier.label.zh}）`, `${tier.key} (${tier.label.en})`);
}

export function num(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

export function percent(share: number | undefined): Label {
  return share === undefined ? label('不限', 'none') : label(`${num(share * 100)}%`, `${num(share * 100)}%`);
}

export function count(value: number | undefined): Label {
  return value === undefined ? label('不限', 'none') : label(num(value), num(value));
}

const METHOD_LABELS: Readonly<Record<NormalizeSpec['method'], Label>> = {
  percentile: label('百分位排名', 'percentile rank'),
  minmax: label('最小-最大缩放', 'min–max'),
  log_minmax: label('对数最小-最大缩放', 'log min–max'),
  zscore: label('标准分', 'z-score'),
  bands: label('分档计分', 'bands'),
  enum: label('按类别计分', 'points per category'),
};

/** "对数最小-最大缩放（上限分位 0.99）" / "log min–max (cap 0.99)". */
export function normalizeLabel(spec: NormalizeSpec): Label {
  const details: Label[] = [];
  if (spec.method === 'minmax' || spec.method === 'log_minmax') {
    if (spec.floor !== undefined)
      details.push(label(`下限分位 ${num(spec.floor)}`, `floor ${num(spec.floor)}`));
    if (spec.cap !== undefined) details.push(label(`上限分位 ${num(spec.cap)}`, `cap ${num(spec.cap)}`));
    if (spec.range) {
      const [lo, hi] = spec.range.map(num);
      details.push(label(`固定区间 ${lo}–${hi}`, `range ${lo}–${hi}`));
    }
  } else if (spec.method === 'bands') {
    const steps = spec.steps.map((s) => `≥${num(s.atLeast)}:${num(s.points)}`).join(', ');
    details.push(label(`基础分 ${num(spec.base)}；${steps}`, `base ${num(spec.base)}; ${steps}`));
  } else if (spec.method === 'enum') {
    const map = Object.entries(spec.map)
      .map(([code, points]) => `${code}:${num(points)}`)
      .join(', ');
    const fallback = spec.fallback === undefined ? '' : `; 其他 ${num(spec.fallback)}`;
    const fallbackEn = spec.fallback === undefined ? '' : `; other ${num(spec.fallback)}`;
    details.push(label(`${map}${fallback}`, `${map}${fallbackEn}`));
  }
  const method = METHOD_LABELS[spec.method];
  if (details.length === 0) return method;
  return label(
    `${method.zh}（${details.map((d) => d.zh).join('，')}）`,
    `${method.en} (${details.map((d) => d.en).join(', ')})`,
  );
}

export const MISSING_LABELS: Readonly<Record<string, Label>> = {
  zero: label('缺失按 0 分', 'missing scores 0'),
  neutral: label('缺失按 50 分', 'missing scores 50'),
  exclude: label('缺失时不计入', 'missing is left out'),
};

export const DIRECTION_LABELS: Readonly<Record<string, Label>> = {
  higher: label('越高越好', 'higher is better'),
  lower: label('越低越好', 'lower is better'),
};

const OPERATORS: Readonly<Record<string, string>> = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '=': '=' };

function conditionLabel(condition: RuleCondition): Label {
  const name = indicatorLabel(condition.indicator);
  if (Array.isArray(condition.value)) {
    const [lo, hi] = condition.value.map(num);
    return label(`${name.zh} 介于 ${lo} 与 ${hi} 之间`, `${name.en} between ${lo} and ${hi}`);
  }
  const value = num(condition.value);
  const op = OPERATORS[condition.op] ?? condition.op;
  return label(`${name.zh} ${op} ${value}`, `${name.en} ${op} ${value}`);
}

/** "销售额 ≥ 1,000,000 时，至少为 A（关键客户）" / "when Revenue ≥ 1,000,000: at least A (Key)". */
export function ruleLabel(rule: TierRule, tiers: readonly ModelTier[]): Label {
  const conditions = rule.when.map(conditionLabel);
  const tierName = (key: string) => {
    const tier = tiers.find((t) => t.key === key);
    return tier ? tierLabel(tier) : label(key, key);
  };
  const actions: Label[] = [];
  if (rule.atLeast !== undefined) actions.push(join([label('至少为 ', 'at least '), tierName(rule.atLeast)]));
  if (rule.atMost !== undefined) actions.push(join([label('至多为 ', 'at most '), tierName(rule.atMost)]));
  return label(
    `${conditions.map((c) => c.zh).join(' 且 ')} 时，${actions.map((a) => a.zh).join('，')}`,
    `when ${conditions.map((c) => c.en).join(' and ')}: ${actions.map((a) => a.en).join(', ')}`,
  );
}

export const SECTION_LABELS: Readonly<Record<string, Label>> = {
  abc: label('ABC 分析', 'ABC analysis'),
  rfm: label('RFM 分析', 'RFM analysis'),
  clv: label('客户价值（CLV）', 'CLV'),
  lifecycle: label('生命周期', 'Lifecycle'),
  churn: label('流失预警', 'Churn warning'),
  classification: label('客户分类', 'Classification'),
};

export const SEGMENT_FIELD_LABELS: Readonly<Record<string, Label>> = {
  industries: label('行业', 'industries'),
  regions: label('地区', 'regions'),
  marketPositions: label('行业地位', 'market positions'),
  employees: label('员工数', 'employees'),
  companyRevenue: label('企业营收', 'company revenue'),
};

export const MARKET_POSITION_LABELS: Readonly<Record<string, Label>> = {
  leader: label('龙头', 'leader'),
  major: label('重要', 'major'),
  sme: label('中小企业', 'SME'),
};

/** A leaf value as a sentence shows it. */
export function valueText(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return num(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
