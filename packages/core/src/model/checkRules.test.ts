import { describe } from 'vitest';
import type { IssueCase } from './modelTestSupport.js';
import { itReportsEach, rule, variant } from './modelTestSupport.js';

const CASES: IssueCase[] = [
  // ── rules ──
  {
    name: 'empty rule id',
    input: variant((d) => (d.rules[1]!['id'] = '')),
    code: 'RULE_ID_EMPTY',
    path: ['rules', 1, 'id'],
  },
  {
    name: 'duplicate rule id',
    input: variant((d) => (d.rules[1]!['id'] = 'revenue-1m')),
    code: 'DUPLICATE_RULE_ID',
    path: ['rules', 1, 'id'],
  },
  {
    name: 'rule without conditions',
    input: variant((d) => (d.rules[0]!['when'] = [])),
    code: 'RULE_NO_CONDITIONS',
    path: ['rules', 0, 'when'],
  },
  {
    name: 'rule without floor or ceiling',
    input: variant((d) => delete d.rules[0]!['atLeast']),
    code: 'RULE_NO_ACTION',
    path: ['rules', 0],
  },
  {
    name: 'rule naming an unknown tier',
    input: variant((d) => (d.rules[0]!['atLeast'] = 'AA')),
    code: 'RULE_UNKNOWN_TIER',
    path: ['rules', 0, 'atLeast'],
    zh: "规则 'revenue-1m' 引用了不存在的等级 'AA'（是否为 A？）",
  },
  {
    name: 'between with its ends swapped',
    input: variant(
      (d) => (d.rules[1]!['when'] = { indicator: 'revenue', op: 'between', value: [1_000_000, 500_000] }),
    ),
    code: 'RULE_BETWEEN_ORDER',
    path: ['rules', 1, 'when', 0, 'value'],
  },
  {
    name: 'between with one number',
    input: variant((d) => (d.rules[1]!['when'] = { indicator: 'revenue', op: 'between', value: 5 })),
    code: 'RULE_VALUE_SHAPE',
    path: ['rules', 1, 'when', 0, 'value'],
  },
  {
    name: '>= with a range',
    input: variant((d) => (d.rules[1]!['when'] = { indicator: 'revenue', op: '>=', value: [1, 2] })),
    code: 'RULE_VALUE_SHAPE',
    path: ['rules', 1, 'when', 0, 'value'],
  },
  {
    name: 'conditions that can never hold together',
    input: variant(
      (d) =>
        (d.rules[1]!['when'] = [
          { indicator: 'revenue', op: '>=', value: 10 },
          { indicator: 'revenue', op: '<', value: 10 },
        ]),
    ),
    code: 'RULE_NEVER_FIRES',
    path: ['rules', 1, 'when'],
  },
  {
    name: 'floor above its own ceiling',
    input: variant((d) => (d.rules[0]!['atMost'] = 'B')),
    code: 'RULE_SELF_CONTRADICTION',
    path: ['rules', 0],
  },
  {
    name: 'a floor and a ceiling that overlap (complaints cap key accounts at B)',
    input: variant((d) =>
      d.rules.push(rule('complaints', { indicator: 'complaint_count', op: '>=', value: 5 }, { atMost: 'B' })),
    ),
    code: 'RULES_CONTRADICT',
    path: ['rules', 2],
    zh: "规则 'revenue-1m'（至少 A）与规则 'complaints'（至多 B）可能同时适用于同一客户（销售额（revenue）、投诉次数（complaint_count）），但要求互相矛盾",
  },
  {
    name: 'a floor and a ceiling touching at exactly one value',
    input: variant((d) =>
      d.rules.push(rule('small', { indicator: 'revenue', op: '<=', value: 1_000_000 }, { atMost: 'C' })),
    ),
    code: 'RULES_CONTRADICT',
    path: ['rules', 2],
  },
  {
    name: 'an identical rule under another id (conditions reordered)',
    input: variant((d) => {
      d.rules.push(
        rule(
          'a',
          [
            { indicator: 'nps', op: '>', value: 8 },
            { indicator: 'revenue', op: '>', value: 1 },
          ],
          { atLeast: 'B' },
        ),
        rule(
          'b',
          [
            { indicator: 'revenue', op: '>', value: 1 },
            { indicator: 'nps', op: '>', value: 8 },
          ],
          { atLeast: 'B' },
        ),
      );
    }),
    code: 'DUPLICATE_RULE',
    path: ['rules', 3],
    zh: "规则 'b' 与规则 'a' 完全相同，请删除其一",
  },
];

describe('validateModel: rules', () => {
  itReportsEach(CASES);
});
