import { describe } from 'vitest';
import type { IssueCase } from './modelTestSupport.js';
import { itReportsEach, variant } from './modelTestSupport.js';

const CASES: IssueCase[] = [
  // ── tiers ──
  { name: 'no tiers', input: variant((d) => (d.tiers = [])), code: 'NO_TIERS', path: ['tiers'] },
  {
    name: 'too many tiers',
    input: variant((d) => {
      d.tiers = Array.from({ length: 33 }, (_, i) => ({
        key: `T${i}`,
        label: { zh: 'x', en: 'x' },
        minScore: 32 - i,
      }));
      d.rules = [];
    }),
    code: 'TOO_MANY_TIERS',
    path: ['tiers'],
  },
  {
    name: 'empty tier key',
    input: variant((d) => (d.tiers[1]!['key'] = '')),
    code: 'TIER_KEY_EMPTY',
    path: ['tiers', 1, 'key'],
  },
  {
    name: 'duplicate tier key',
    input: variant((d) => (d.tiers[2]!['key'] = 'A')),
    code: 'DUPLICATE_TIER',
    path: ['tiers', 2, 'key'],
    zh: "等级 'A' 重复出现",
  },
  {
    name: 'empty tier label',
    input: variant((d) => (d.tiers[0]!['label'] = { zh: '战略客户', en: '' })),
    code: 'LABEL_EMPTY',
    path: ['tiers', 0, 'label'],
  },
  {
    name: 'minScore above 100',
    input: variant((d) => (d.tiers[0]!['minScore'] = 101)),
    code: 'MIN_SCORE_OUT_OF_RANGE',
    path: ['tiers', 0, 'minScore'],
  },
  {
    name: 'tiers out of order (equal minScore)',
    input: variant((d) => (d.tiers[2]!['minScore'] = 65)),
    code: 'TIERS_OUT_OF_ORDER',
    path: ['tiers', 2, 'minScore'],
    zh: "等级须从高到低排列：'B' 的最低分（65）必须低于上一等级 'A' 的最低分（65）",
  },
  {
    name: 'tiers out of order (rising minScore)',
    input: variant((d) => (d.tiers[1]!['minScore'] = 90)),
    code: 'TIERS_OUT_OF_ORDER',
    path: ['tiers', 1, 'minScore'],
  },
  {
    name: 'last tier does not start at 0',
    input: variant((d) => (d.tiers[3]!['minScore'] = 10)),
    code: 'LAST_TIER_MIN_SCORE',
    path: ['tiers', 3, 'minScore'],
  },
  ...[0, -0.1, 1.0001, 5].map((maxShare): IssueCase => ({
    name: `maxShare ${maxShare}`,
    input: variant((d) => (d.tiers[0]!['maxShare'] = maxShare)),
    code: 'QUOTA_SHARE_OUT_OF_RANGE',
    path: ['tiers', 0, 'maxShare'],
  })),
  ...[0, 2.5, -3].map((maxCount): IssueCase => ({
    name: `maxCount ${maxCount}`,
    input: variant((d) => (d.tiers[1]!['maxCount'] = maxCount)),
    code: 'QUOTA_COUNT_INVALID',
    path: ['tiers', 1, 'maxCount'],
  })),
  {
    name: 'quota on the last tier',
    input: variant((d) => (d.tiers[3]!['maxCount'] = 10)),
    code: 'QUOTA_ON_LAST_TIER',
    path: ['tiers', 3],
  },
  {
    name: 'negative score margin',
    input: variant((d) => (d.hysteresis['scoreMargin'] = -1)),
    code: 'HYSTERESIS_NEGATIVE',
    path: ['hysteresis', 'scoreMargin'],
  },
  {
    name: 'negative minimum days',
    input: variant((d) => (d.hysteresis['minDaysInTier'] = -30)),
    code: 'HYSTERESIS_NEGATIVE',
    path: ['hysteresis', 'minDaysInTier'],
  },
  {
    name: 'fractional minimum days',
    input: variant((d) => (d.hysteresis['minDaysInTier'] = 0.5)),
    code: 'HYSTERESIS_DAYS_NOT_INTEGER',
    path: ['hysteresis', 'minDaysInTier'],
  },
];

describe('validateModel: tiers and hysteresis', () => {
  itReportsEach(CASES);
});
