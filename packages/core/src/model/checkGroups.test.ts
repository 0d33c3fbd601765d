import { describe } from 'vitest';
import type { IssueCase } from './modelTestSupport.js';
import { itReportsEach, variant } from './modelTestSupport.js';

const CASES: IssueCase[] = [
  // ── groups and indicators ──
  { name: 'no groups', input: variant((d) => (d.groups = [])), code: 'NO_GROUPS', path: ['groups'] },
  {
    name: 'group without indicators',
    input: variant((d) => (d.groups[4]!.indicators = [])),
    code: 'EMPTY_GROUP',
    path: ['groups', 4, 'indicators'],
    zh: '指标组 战略价值（strategic） 没有任何指标',
  },
  {
    name: 'duplicate group key',
    input: variant((d) => (d.groups[1]!.key = 'financial')),
    code: 'DUPLICATE_GROUP',
    path: ['groups', 1, 'key'],
  },
  {
    name: 'group weight 0',
    input: variant((d) => (d.groups[2]!.weight = 0)),
    code: 'GROUP_WEIGHT_NOT_POSITIVE',
    path: ['groups', 2, 'weight'],
    zh: '指标组 客户关系（relationship） 的权重必须大于 0（当前为 0）',
  },
  {
    name: 'negative group weight',
    input: variant((d) => (d.groups[2]!.weight = -20)),
    code: 'GROUP_WEIGHT_NOT_POSITIVE',
    path: ['groups', 2, 'weight'],
  },
  {
    name: 'indicator weight 0',
    input: variant((d) => (d.groups[0]!.indicators[1]!['weight'] = 0)),
    code: 'WEIGHT_NOT_POSITIVE',
    path: ['groups', 0, 'indicators', 1, 'weight'],
    zh: '指标 毛利额（gross_margin） 的权重必须大于 0（当前为 0）；不想计分请直接删除该指标',
    en: 'The weight of gross_margin must be greater than 0 (got 0); remove the indicator to leave it out',
  },
  {
    name: 'negative indicator weight',
    input: variant((d) => (d.groups[0]!.indicators[1]!['weight'] = -1)),
    code: 'WEIGHT_NOT_POSITIVE',
    path: ['groups', 0, 'indicators', 1, 'weight'],
  },
  {
    name: 'indicator in two groups',
    input: variant((d) => d.groups[3]!.indicators.push({ key: 'revenue', weight: 5 })),
    code: 'DUPLICATE_INDICATOR',
    path: ['groups', 3, 'indicators', 4, 'key'],
    zh: '指标 销售额（revenue） 重复出现（已在指标组 财务贡献（financial） 中），每个指标只能计分一次',
  },
  // ── normalisers ──
  ...(
    [
      [{ method: 'minmax', cap: 0.5 }, 'CAP_OUT_OF_RANGE', ['cap']],
      [{ method: 'minmax', cap: 1.01 }, 'CAP_OUT_OF_RANGE', ['cap']],
      [{ method: 'log_minmax', floor: 0.5 }, 'CAP_OUT_OF_RANGE', ['floor']],
      [{ method: 'log_minmax', floor: -0.01 }, 'CAP_OUT_OF_RANGE', ['floor']],
      [{ method: 'minmax', range: [5, 5] }, 'RANGE_INVALID', ['range']],
      [{ method: 'minmax', range: [0, 5], cap: 0.99 }, 'CAPS_WITH_RANGE', []],
      [{ method: 'bands', steps: [] }, 'BANDS_EMPTY', ['steps']],
      [
        {
          method: 'bands',
          steps: [
            { atLeast: 2, points: 10 },
            { atLeast: 2, points: 20 },
          ],
        },
        'BANDS_NOT_INCREASING',
        ['steps', 1, 'atLeast'],
      ],
      [
        { method: 'bands', steps: [{ atLeast: 2, points: 100.5 }] },
        'POINTS_OUT_OF_RANGE',
        ['steps', 0, 'points'],
      ],
      [{ method: 'bands', steps: [{ atLeast: 2, points: 10 }], base: -1 }, 'POINTS_OUT_OF_RANGE', ['base']],
      [{ method: 'enum', map: { '1': 101 } }, 'POINTS_OUT_OF_RANGE', ['map', '1']],
    ] as const
  ).map(([normalize, code, tail]): IssueCase => ({
    name: `${code}: ${JSON.stringify(normalize)}`,
    input: variant((d) => (d.groups[0]!.indicators[0]!['normalize'] = normalize)),
    code,
    path: ['groups', 0, 'indicators', 0, 'normalize', ...tail],
  })),
  {
    name: 'enum map with an unknown value',
    input: variant(
      (d) => (d.groups[4]!.indicators[0]!['normalize'] = { method: 'enum', map: { leadr: 100 } }),
    ),
    code: 'ENUM_UNKNOWN_CODE',
    path: ['groups', 4, 'indicators', 0, 'normalize', 'map', 'leadr'],
    zh: "指标 行业地位（market_position） 没有取值 'leadr'（是否为 leader？），可用取值：sme, major, leader",
  },
];

describe('validateModel: groups, indicators and normalisers', () => {
  itReportsEach(CASES);
});
