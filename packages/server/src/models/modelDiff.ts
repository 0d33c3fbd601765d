import { formatPath, type GradingModel, type IssuePath, type Label, type ModelSegment } from '@stratum/core';
import {
  count,
  DIRECTION_LABELS,
  groupLabel,
  indicatorLabel,
  join,
  label,
  MARKET_POSITION_LABELS,
  MISSING_LABELS,
  normalizeLabel,
  num,
  percent,
  ruleLabel,
  SECTION_LABELS,
  SEGMENT_FIELD_LABELS,
  tierLabel,
  valueText,
} from './diffWording.js';

/**
 * The readable difference between two model versions: every change with where it is (a path into the
 * later document, or the earlier one for removals), the values before and after, and a sentence a sales
 * director understands («财务贡献 › 销售额 权重 50 → 40»). Groups and tiers are matched by key, indicators
 * by key across groups (so a move is a move, not a removal and an addition), rules by id.
 */
export type ModelChangeKind =
  | 'name'
  | 'description'
  | 'window'
  | 'segment'
  | 'group.added'
  | 'group.removed'
  | 'group.weight'
  | 'group.label'
  | 'indicator.added'
  | 'indicator.removed'
  | 'indicator.moved'
  | 'indicator.weight'
  | 'indicator.normalize'
  | 'indicator.missing'
  | 'indicator.direction'
  | 'tier.added'
  | 'tier.removed'
  | 'tier.order'
  | 'tier.minScore'
  | 'tier.maxShare'
  | 'tier.maxCount'
  | 'tier.label'
  | 'rule.added'
  | 'rule.removed'
  | 'rule.changed'
  | 'hysteresis'
  | 'section'
  | 'priority'
  | 'schedule';

export interface ModelChange {
  kind: ModelChangeKind;
  path: string;
  before: unknown;
  after: unknown;
  text: Label;
}

/** What a version carries beside its document that changes how it is used. */
export interface VersionSettings {
  priority: number;
  schedule: string | null;
}

const ARROW = ' → ';
const SEP = ' › ';

export function diffModels(
  before: GradingModel,
  after: GradingModel,
  settings?: { before: VersionSettings; after: VersionSettings },
): ModelChange[] {
  const changes: ModelChange[] = [];
  const add = (kind: ModelChangeKind, path: IssuePath, was: unknown, now: unknown, text: Label) =>
    changes.push({ kind, path: formatPath(path), before: was ?? null, after: now ?? null, text });

  if (before.name !== after.name) {
    add(
      'name',
      ['name'],
      before.name,
      after.name,
      join([label('名称 ', 'Name '), before.name, ARROW, after.name]),
    );
  }
  if ((before.description ?? '') !== (after.description ?? '')) {
    add(
      'description',
      ['description'],
      before.description,
      after.description,
      label('说明已修改', 'Description changed'),
    );
  }
  if (before.windowMonths !== after.windowMonths) {
    add(
      'window',
      ['windowMonths'],
      before.windowMonths,
      after.windowMonths,
      label(
        `统计窗口 ${num(before.windowMonths)} 个月${ARROW}${num(after.windowMonths)} 个月`,
        `Window ${num(before.windowMonths)} months${ARROW}${num(after.windowMonths)} months`,
      ),
    );
  }
  diffSegment(before.segment, after.segment, add);
  diffGroups(before, after, add);
  diffTiers(before, after, add);
  diffRules(before, after, add);
  diffHysteresis(before, after, add);
  for (const section of Object.keys(SECTION_LABELS) as (keyof GradingModel)[]) {
    diffSection(section, before[section], after[section], add);
  }
  if (settings) {
    const [a, b] = [settings.before, settings.after];
    if (a.priority !== b.priority) {
      add(
        'priority',
        ['priority'],
        a.priority,
        b.priority,
        label(`优先级 ${a.priority}${ARROW}${b.priority}`, `Priority ${a.priority}${ARROW}${b.priority}`),
      );
    }
    if (a.schedule !== b.schedule) {
      const text = (s: string | null) => s ?? '无';
      add(
        'schedule',
        ['schedule'],
        a.schedule,
        b.schedule,
        label(
          `运行计划 ${text(a.schedule)}${ARROW}${text(b.schedule)}`,
          `Schedule ${a.schedule ?? 'none'}${ARROW}${b.schedule ?? 'none'}`,
        ),
      );
    }
  }
  return changes;
}

type Add = (kind: ModelChangeKind, path: IssuePath, before: unknown, after: unknown, text: Label) => void;

function diffSegment(before: ModelSegment | undefined, after: ModelSegment | undefined, add: Add): void {
  const a = before ?? {};
  const b = after ?? {};
  const prefix = label('适用范围 ', 'Segment ');
  for (const field of ['industries', 'regions', 'marketPositions'] as const) {
    const was = a[field] ?? [];
    const now = b[field] ?? [];
    if (same(was, now)) continue;
    const name = (v: string) =>
      field === 'marketPositions' ? (MARKET_POSITION_LABELS[v] ?? label(v, v)) : label(v, v);
    const list = (values: readonly string[]): Label =>
      values.length === 0
        ? label('全部', 'all')
        : { zh: values.map((v) => name(v).zh).join('、'), en: values.map((v) => name(v).en).join(', ') };
    add(
      'segment',
      ['segment', field],
      a[field],
      b[field],
      join([prefix, SEGMENT_FIELD_LABELS[field]!, ' ', list(was), ARROW, list(now)]),
    );
  }
  for (const field of ['employees', 'companyRevenue'] as const) {
    if (same(a[field], b[field])) continue;
    const range = (r: { min?: number | undefined; max?: number | undefined } | undefined): Label => {
      if (!r) return label('不限', 'any');
      if (r.min !== undefined && r.max !== undefined)
        return label(`${num(r.min)}–${num(r.max)}`, `${num(r.min)}–${num(r.max)}`);
      if (r.min !== undefined) return label(`≥ ${num(r.min)}`, `≥ ${num(r.min)}`);
      if (r.max !== undefined) return label(`≤ ${num(r.max)}`, `≤ ${num(r.max)}`);
      return label('有值即可', 'any known value');
    };
    add(
      'segment',
      ['segment', field],
      a[field],
      b[field],
      join([prefix, SEGMENT_FIELD_LABELS[field]!, ' ', range(a[field]), ARROW, range(b[field])]),
    );
  }
}

function diffGroups(before: GradingModel, after: GradingModel, add: Add): void {
  const beforeGroups = new Map(before.groups.map((g, i) => [g.key, { group: g, index: i }]));
  const afterGroups = new Map(after.groups.map((g, i) => [g.key, { group: g, index: i }]));
  const where = (model: GradingModel) => {
    const map = new Map<string, { groupIndex: number; index: number }>();
    model.groups.forEach((g, gi) =>
      g.indicators.forEach((ind, i) => map.set(ind.key, { groupIndex: gi, index: i })),
    );
    return map;
  };
  const beforeIndicators = where(before);
  const afterIndicators = where(after);
  const listOf = (group: GradingModel['groups'][number]): Label => ({
    zh: group.indicators.map((i) => `${indicatorLabel(i.key).zh} ${num(i.weight)}`).join('、'),
    en: group.indicators.map((i) => `${indicatorLabel(i.key).en} ${num(i.weight)}`).join(', '),
  });

  after.groups.forEach((group, g) => {
    const old = beforeGroups.get(group.key);
    const name = groupLabel(group);
    if (!old) {
      add(
        'group.added',
        ['groups', g],
        undefined,
        group,
        join([
          label('新增指标组 ', 'Group added: '),
          name,
          label(`（权重 ${num(group.weight)}）：`, ` (weight ${num(group.weight)}): `),
          listOf(group),
        ]),
      );
      return;
    }
    if (old.group.weight !== group.weight) {
      add(
        'group.weight',
        ['groups', g, 'weight'],
        old.group.weight,
        group.weight,
        join([name, label(' 权重 ', ' weight '), num(old.group.weight), ARROW, num(group.weight)]),
      );
    }
    if (!same(old.group.label, group.label)) {
      add(
        'group.label',
        ['groups', g, 'label'],
        old.group.label,
        group.label,
        join([label('指标组名称 ', 'Group name '), groupLabel(old.group), ARROW, name]),
      );
    }
    group.indicators.forEach((ind, i) => {
      const path = ['groups', g, 'indicators', i];
      const at = beforeIndicators.get(ind.key);
      const where = join([name, SEP, indicatorLabel(ind.key)]);
      if (!at) {
        add(
          'indicator.added',
          path,
          undefined,
          ind,
          join([
            name,
            SEP,
            label('新增指标 ', 'indicator added: '),
            indicatorLabel(ind.key),
            label(`（权重 ${num(ind.weight)}）`, ` (weight ${num(ind.weight)})`),
          ]),
        );
        return;
      }
      const oldGroup = before.groups[at.groupIndex]!;
      const oldInd = oldGroup.indicators[at.index]!;
      if (oldGroup.key !== group.key) {
        add(
          'indicator.moved',
          path,
          `${oldGroup.key}.${ind.key}`,
          `${group.key}.${ind.key}`,
          join([
            indicatorLabel(ind.key),
            label(' 从 ', ' moved from '),
            groupLabel(oldGroup),
            label(' 移到 ', ' to '),
            name,
          ]),
        );
      }
      if (oldInd.weight !== ind.weight) {
        add(
          'indicator.weight',
          [...path, 'weight'],
          oldInd.weight,
          ind.weight,
          join([where, label(' 权重 ', ' weight '), num(oldInd.weight), ARROW, num(ind.weight)]),
        );
      }
      if (!same(oldInd.normalize, ind.normalize)) {
        add(
          'indicator.normalize',
          [...path, 'normalize'],
          oldInd.normalize,
          ind.normalize,
          join([
            where,
            label(' 标准化方式 ', ' normalisation '),
            normalizeLabel(oldInd.normalize),
            ARROW,
            normalizeLabel(ind.normalize),
          ]),
        );
      }
      if (oldInd.missing !== ind.missing) {
        add(
          'indicator.missing',
          [...path, 'missing'],
          oldInd.missing,
          ind.missing,
          join([
            where,
            label(' 缺失值处理 ', ' missing values: '),
            MISSING_LABELS[oldInd.missing]!,
            ARROW,
            MISSING_LABELS[ind.missing]!,
          ]),
        );
      }
      if (oldInd.direction !== ind.direction) {
        add(
          'indicator.direction',
          [...path, 'direction'],
          oldInd.direction,
          ind.direction,
          join([
            where,
            label(' 方向 ', ' direction '),
            DIRECTION_LABELS[oldInd.direction]!,
            ARROW,
            DIRECTION_LABELS[ind.direction]!,
          ]),
        );
      }
    });
  });
  before.groups.forEach((group, g) => {
    if (!afterGroups.has(group.key)) {
      add(
        'group.removed',
        ['groups', g],
        group,
        undefined,
        join([label('移除指标组 ', 'Group removed: '), groupLabel(group), label('：', ': '), listOf(group)]),
      );
      return;
    }
    group.indicators.forEach((ind, i) => {
      if (afterIndicators.has(ind.key)) return;
      add(
        'indicator.removed',
        ['groups', g, 'indicators', i],
        ind,
        undefined,
        join([groupLabel(group), SEP, label('移除指标 ', 'indicator removed: '), indicatorLabel(ind.key)]),
      );
    });
  });
}

function diffTiers(before: GradingModel, after: GradingModel, add: Add): void {
  const old = new Map(before.tiers.map((t, i) => [t.key, { tier: t, index: i }]));
  const keys = new Set(after.tiers.map((t) => t.key));
  after.tiers.forEach((tier, i) => {
    const name = tierLabel(tier);
    const was = old.get(tier.key)?.tier;
    if (!was) {
      add(
        'tier.added',
        ['tiers', i],
        undefined,
        tier,
        join([
          label('新增等级 ', 'Tier added: '),
          name,
          label(`，最低分 ${num(tier.minScore)}`, `, minimum score ${num(tier.minScore)}`),
        ]),
      );
      return;
    }
    const prefix = join([label('等级 ', 'Tier '), name]);
    if (was.minScore !== tier.minScore) {
      add(
        'tier.minScore',
        ['tiers', i, 'minScore'],
        was.minScore,
        tier.minScore,
        join([prefix, label(' 最低分 ', ' minimum score '), num(was.minScore), ARROW, num(tier.minScore)]),
      );
    }
    if (was.maxShare !== tier.maxShare) {
      add(
        'tier.maxShare',
        ['tiers', i, 'maxShare'],
        was.maxShare,
        tier.maxShare,
        join([
          prefix,
          label(' 名额比例上限 ', ' maximum share '),
          percent(was.maxShare),
          ARROW,
          percent(tier.maxShare),
        ]),
      );
    }
    if (was.maxCount !== tier.maxCount) {
      add(
        'tier.maxCount',
        ['tiers', i, 'maxCount'],
        was.maxCount,
        tier.maxCount,
        join([
          prefix,
          label(' 名额数量上限 ', ' maximum count '),
          count(was.maxCount),
          ARROW,
          count(tier.maxCount),
        ]),
      );
    }
    if (!same(was.label, tier.label)) {
      add(
        'tier.label',
        ['tiers', i, 'label'],
        was.label,
        tier.label,
        label(
          `等级 ${tier.key} 名称 ${was.label.zh}${ARROW}${tier.label.zh}`,
          `Tier ${tier.key} name ${was.label.en}${ARROW}${tier.label.en}`,
        ),
      );
    }
  });
  before.tiers.forEach((tier, i) => {
    if (!keys.has(tier.key))
      add(
        'tier.removed',
        ['tiers', i],
        tier,
        undefined,
        join([label('移除等级 ', 'Tier removed: '), tierLabel(tier)]),
      );
  });
  const common = (tiers: GradingModel['tiers']) =>
    tiers.map((t) => t.key).filter((k) => old.has(k) && keys.has(k));
  const [was, now] = [common(before.tiers), common(after.tiers)];
  if (!same(was, now)) {
    add(
      'tier.order',
      ['tiers'],
      was,
      now,
      label(
        `等级顺序 ${was.join(' > ')}${ARROW}${now.join(' > ')}`,
        `Tier order ${was.join(' > ')}${ARROW}${now.join(' > ')}`,
      ),
    );
  }
}

function diffRules(before: GradingModel, after: GradingModel, add: Add): void {
  const old = new Map(before.rules.map((r) => [r.id, r]));
  const ids = new Set(after.rules.map((r) => r.id));
  after.rules.forEach((rule, i) => {
    const was = old.get(rule.id);
    const text = ruleLabel(rule, after.tiers);
    if (!was) {
      add(
        'rule.added',
        ['rules', i],
        undefined,
        rule,
        join([label(`新增规则 ${rule.id}：`, `Rule added ${rule.id}: `), text]),
      );
    } else if (!same(was, rule)) {
      add(
        'rule.changed',
        ['rules', i],
        was,
        rule,
        join([
          label(`规则 ${rule.id} 修改：`, `Rule ${rule.id} changed: `),
          ruleLabel(was, before.tiers),
          ARROW,
          text,
        ]),
      );
    }
  });
  before.rules.forEach((rule, i) => {
    if (!ids.has(rule.id)) {
      add(
        'rule.removed',
        ['rules', i],
        rule,
        undefined,
        join([label(`移除规则 ${rule.id}：`, `Rule removed ${rule.id}: `), ruleLabel(rule, before.tiers)]),
      );
    }
  });
}

function diffHysteresis(before: GradingModel, after: GradingModel, add: Add): void {
  const [a, b] = [before.hysteresis, after.hysteresis];
  if (a.scoreMargin !== b.scoreMargin) {
    add(
      'hysteresis',
      ['hysteresis', 'scoreMargin'],
      a.scoreMargin,
      b.scoreMargin,
      label(
        `等级稳定设置 分数缓冲 ${num(a.scoreMargin)} 分${ARROW}${num(b.scoreMargin)} 分`,
        `Hysteresis score margin ${num(a.scoreMargin)}${ARROW}${num(b.scoreMargin)} points`,
      ),
    );
  }
  if (a.minDaysInTier !== b.minDaysInTier) {
    add(
      'hysteresis',
      ['hysteresis', 'minDaysInTier'],
      a.minDaysInTier,
      b.minDaysInTier,
      label(
        `等级稳定设置 最短停留 ${num(a.minDaysInTier)} 天${ARROW}${num(b.minDaysInTier)} 天`,
        `Hysteresis minimum time in tier ${num(a.minDaysInTier)}${ARROW}${num(b.minDaysInTier)} days`,
      ),
    );
  }
}

/** The analytic sections (ABC, RFM, CLV …): every differing setting, by its path inside the section. */
function diffSection(section: string, before: unknown, after: unknown, add: Add): void {
  const a = leaves(before);
  const b = leaves(after);
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const [was, now] = [a.get(key), b.get(key)];
    if (same(was, now)) continue;
    const path = key === '' ? [section] : [section, ...key.split('.')];
    add(
      'section',
      path,
      was,
      now,
      join([
        SECTION_LABELS[section]!,
        label(' 设置 ', ' setting '),
        key,
        ' ',
        valueText(was),
        ARROW,
        valueText(now),
      ]),
    );
  }
}

/** Leaf values of a settings object by dotted path (arrays are leaves). */
function leaves(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

/** JSON with object keys sorted, so documents that differ only in key order compare equal. */
function stable(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
}
