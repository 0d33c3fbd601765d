import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, DEFAULT_MODEL_INPUT } from './defaultModel.js';
import type { GradingModelInput } from './GradingModelSchema.js';
import type { Doc, IssueCase } from './modelTestSupport.js';
import { issuesOf, itReportsEach, rule, variant } from './modelTestSupport.js';
import { validateModel } from './validateModel.js';

const CASES: IssueCase[] = [
  // ── shape ──
  {
    name: 'unknown indicator with a suggestion',
    input: variant((d) => (d.groups[0]!.indicators[0]!['key'] = 'revnue')),
    code: 'UNKNOWN_INDICATOR',
    path: ['groups', 0, 'indicators', 0, 'key'],
    zh: "未知指标 'revnue'（是否为 revenue？）",
    en: "Unknown indicator 'revnue' (did you mean revenue?)",
  },
  {
    name: 'unknown indicator without a close match',
    input: variant((d) => (d.groups[0]!.indicators[0]!['key'] = 'happiness')),
    code: 'UNKNOWN_INDICATOR',
    path: ['groups', 0, 'indicators', 0, 'key'],
    zh: "未知指标 'happiness'",
  },
  {
    name: 'unknown indicator in a rule',
    input: variant((d) => (d.rules[0]!['when'] = { indicator: 'revenu', op: '>=', value: 1 })),
    code: 'UNKNOWN_INDICATOR',
    path: ['rules', 0, 'when', 0, 'indicator'],
    zh: "未知指标 'revenu'（是否为 revenue？）",
  },
  {
    name: 'missing required field',
    input: variant((d) => delete d['name']),
    code: 'REQUIRED',
    path: ['name'],
    zh: '缺少必填项「名称」',
  },
  {
    name: 'weight of the wrong type',
    input: variant((d) => (d.groups[1]!.weight = '15')),
    code: 'WRONG_TYPE',
    path: ['groups', 1, 'weight'],
    zh: '「权重」应为数字',
  },
  {
    name: 'misspelt field',
    input: variant((d) => {
      d.tiers[1]!['minscore'] = d.tiers[1]!['minScore'];
    }),
    code: 'UNKNOWN_FIELD',
    path: ['tiers', 1, 'minscore'],
    zh: "未知字段 'minscore'（是否为 minScore？）",
  },
  {
    name: 'unknown missing policy',
    input: variant((d) => (d.groups[0]!.indicators[0]!['missing'] = 'zeros')),
    code: 'INVALID_OPTION',
    path: ['groups', 0, 'indicators', 0, 'missing'],
    zh: "「缺失值处理」不能取 'zeros'（是否为 zero？）",
  },
  {
    name: 'unknown normalisation method',
    input: variant((d) => (d.groups[0]!.indicators[0]!['normalize'] = { method: 'minmx' })),
    code: 'INVALID_OPTION',
    path: ['groups', 0, 'indicators', 0, 'normalize', 'method'],
    zh: "「标准化方法」不能取 'minmx'（是否为 minmax？）",
  },
  {
    name: 'rule value that is neither a number nor a range',
    input: variant((d) => (d.rules[0]!['when'] = { indicator: 'revenue', op: '>=', value: 'much' })),
    code: 'INVALID_VALUE',
    path: ['rules', 0, 'when', 0, 'value'],
  },
  { name: 'not an object at all', input: null, code: 'WRONG_TYPE', path: [] },
  // ── model ──
  { name: 'empty name', input: variant((d) => (d['name'] = '  ')), code: 'NAME_EMPTY', path: ['name'] },
  {
    name: 'window of 0 months',
    input: variant((d) => (d['windowMonths'] = 0)),
    code: 'WINDOW_MONTHS_INVALID',
    path: ['windowMonths'],
  },
  {
    name: 'window of 12.5 months',
    input: variant((d) => (d['windowMonths'] = 12.5)),
    code: 'WINDOW_MONTHS_INVALID',
    path: ['windowMonths'],
  },
  {
    name: 'segment size range upside down',
    input: variant((d) => (d['segment'] = { employees: { min: 500, max: 100 } })),
    code: 'SEGMENT_RANGE_INVALID',
    path: ['segment', 'employees'],
  },
];

describe('validateModel: shape and model-level issues', () => {
  itReportsEach(CASES);
});

describe('validateModel: good models', () => {
  it('accepts the default model and fills in every default', () => {
    const result = validateModel(DEFAULT_MODEL_INPUT);
    expect(result).toEqual({ ok: true, model: DEFAULT_MODEL });
    const revenue = DEFAULT_MODEL.groups[0]!.indicators[0]!;
    expect(revenue).toEqual({
      key: 'revenue',
      weight: 35,
      normalize: { method: 'percentile' },
      missing: 'zero',
      direction: 'higher',
    });
    expect(DEFAULT_MODEL.rules[0]!.when).toEqual([{ indicator: 'revenue', op: '>=', value: 1_000_000 }]);
  });

  it('defaults window, rules, hysteresis and the analytic sections, and keeps the segment as data', () => {
    const minimal: GradingModelInput = {
      name: 'Minimal',
      groups: [
        { key: 'financial', weight: 1, indicators: [{ key: 'revenue', weight: 1, direction: 'lower' }] },
      ],
      tiers: [
        { key: 'A', label: { zh: '甲', en: 'A' }, minScore: 50, maxShare: 1 },
        { key: 'B', label: { zh: '乙', en: 'B' }, minScore: 0 },
      ],
      segment: { industries: ['制造业'], employees: { min: 100, max: 100 } },
      abc: { aMaxShare: 0.7 },
      churn: {},
    };
    const result = validateModel(minimal);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.windowMonths).toBe(12);
    expect(result.model.rules).toEqual([]);
    expect(result.model.hysteresis).toEqual({ scoreMargin: 0, minDaysInTier: 0 });
    expect(result.model.groups[0]!.indicators[0]!.direction).toBe('lower');
    expect(result.model.abc).toEqual({ basis: 'revenue', aMaxShare: 0.7, bMaxShare: 0.95 });
    expect(result.model.clv.horizonMonths).toBe(12);
    expect(result.model.rfm.grid.length).toBeGreaterThan(0);
    expect(result.model.segment?.industries).toEqual(['制造业']);
  });

  it('reports a bad analytic section at its path', () => {
    const result = validateModel({ ...DEFAULT_MODEL_INPUT, abc: { aMaxShare: 0.99, bMaxShare: 0.9 } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((issue) => issue.path[0])).toContain('abc');
  });

  it.each([
    [
      'a floor and a ceiling that cannot meet',
      rule('tiny', { indicator: 'revenue', op: '<', value: 1_000_000 }, { atMost: 'B' }),
    ],
    [
      'two overlapping floors',
      rule('nps', { indicator: 'revenue', op: '>=', value: 2_000_000 }, { atLeast: 'S' }),
    ],
  ])('accepts %s', (_name, extra) => {
    const input = variant((d) => {
      d.rules = d.rules.slice(0, 1);
      d.rules.push(extra);
    });
    expect(issuesOf(input)).toEqual([]);
  });

  it.each([
    ['maxShare 1', (d: Doc) => (d.tiers[0]!['maxShare'] = 1)],
    ['maxShare just above 0', (d: Doc) => (d.tiers[0]!['maxShare'] = 1e-9)],
    ['maxCount 1', (d: Doc) => (d.tiers[1]!['maxCount'] = 1)],
    ['score margin 0 and no minimum days', (d: Doc) => (d.hysteresis = { scoreMargin: 0, minDaysInTier: 0 })],
    ['minScore 100 for the top tier', (d: Doc) => (d.tiers[0]!['minScore'] = 100)],
  ])('accepts the boundary %s', (_name, change) => {
    expect(issuesOf(variant(change))).toEqual([]);
  });
});
