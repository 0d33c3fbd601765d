import { describe, expect, it } from 'vitest';
import type { RuleCondition } from './GradingModelSchema.js';
import { conditionInterval, contains, satisfiable } from './conditionInterval.js';

type Probe = [value: number, holds: boolean];

describe('rule operators at their edges', () => {
  const eps = 1e-9;
  it.each<{ op: RuleCondition['op']; value: RuleCondition['value']; probes: Probe[] }>([
    {
      op: '>=',
      value: 100,
      probes: [
        [100 - eps, false],
        [100, true],
        [100 + eps, true],
      ],
    },
    {
      op: '>',
      value: 100,
      probes: [
        [100 - eps, false],
        [100, false],
        [100 + eps, true],
      ],
    },
    {
      op: '<=',
      value: 100,
      probes: [
        [100 - eps, true],
        [100, true],
        [100 + eps, false],
      ],
    },
    {
      op: '<',
      value: 100,
      probes: [
        [100 - eps, true],
        [100, false],
        [100 + eps, false],
      ],
    },
    {
      op: '=',
      value: 2,
      probes: [
        [2 - eps, false],
        [2, true],
        [2 + eps, false],
      ],
    },
    {
      op: 'between',
      value: [500_000, 1_000_000],
      probes: [
        [500_000 - 0.01, false],
        [500_000, true],
        [500_000.01, true],
        [999_999.99, true],
        [1_000_000, true],
        [1_000_000.01, false],
      ],
    },
    {
      op: 'between',
      value: [3, 3],
      probes: [
        [3, true],
        [3 + eps, false],
      ],
    },
  ])('$op $value', ({ op, value, probes }) => {
    const iv = conditionInterval({ op, value });
    for (const [x, holds] of probes) expect(contains(iv, x), `${x}`).toBe(holds);
  });

  it.each(['>=', '>', '<=', '<', '=', 'between'] as const)('%s never holds for a missing value', (op) => {
    const iv = conditionInterval({ op, value: op === 'between' ? [0, 1] : 0 });
    expect(contains(iv, Number.NaN)).toBe(false);
  });

  it('a value of the wrong shape accepts nothing', () => {
    expect(contains(conditionInterval({ op: 'between', value: 5 }), 5)).toBe(false);
    expect(contains(conditionInterval({ op: '>=', value: [1, 2] }), 5)).toBe(false);
  });

  it('infinite values behave as extremes', () => {
    expect(contains(conditionInterval({ op: '>=', value: 1 }), Infinity)).toBe(true);
    expect(contains(conditionInterval({ op: '<', value: 1 }), -Infinity)).toBe(true);
  });
});

describe('satisfiable', () => {
  const c = (
    indicator: RuleCondition['indicator'],
    op: RuleCondition['op'],
    value: RuleCondition['value'],
  ): RuleCondition => ({
    indicator,
    op,
    value,
  });
  it.each<[string, RuleCondition[], boolean]>([
    ['no conditions', [], true],
    ['overlapping ranges', [c('revenue', '>=', 10), c('revenue', '<=', 20)], true],
    ['touching closed ends', [c('revenue', '>=', 10), c('revenue', '<=', 10)], true],
    ['touching with one open end', [c('revenue', '>', 10), c('revenue', '<=', 10)], false],
    ['disjoint', [c('revenue', '>=', 10), c('revenue', '<', 5)], false],
    [
      'equality inside a range',
      [c('market_position', '=', 2), c('market_position', 'between', [1, 2])],
      true,
    ],
    ['two different equalities', [c('market_position', '=', 2), c('market_position', '=', 1)], false],
    ['different columns never clash', [c('revenue', '>=', 10), c('nps', '<', 5)], true],
  ])('%s → %s', (_name, conditions, expected) => {
    expect(satisfiable(conditions)).toBe(expected);
  });
});
