import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RuleCondition } from '../model/GradingModelSchema.js';
import { assignTiers } from './assignTiers.js';
import { A, B, C, matrixOf, S, TIERS, tieringModel } from './testModel.js';
import { decodeTierReasons, TIER_REASON, TIER_REASON_LABELS, TIER_REASONS } from './TierReason.js';

const AS_OF = 1000;

describe('rules', () => {
  /** One customer scoring 20 (band C) with revenue `value`; the rule lifts it to A when it fires. */
  function fires(when: Pick<RuleCondition, 'op' | 'value'>, value: number): boolean {
    const model = tieringModel({
      rules: [{ id: 'r', when: { indicator: 'revenue', ...when }, atLeast: 'A' }],
    });
    return assignTiers(model, Float64Array.of(20), matrixOf(1, { revenue: [value] })).tier[0] === A;
  }

  it.each([
    {
      op: '>=',
      value: 1_000_000,
      probes: [
        [999_999.99, false],
        [1_000_000, true],
        [1_000_000.01, true],
      ],
    },
    {
      op: '>',
      value: 1_000_000,
      probes: [
        [1_000_000, false],
        [1_000_000.01, true],
      ],
    },
    {
      op: '<=',
      value: 10,
      probes: [
        [10, true],
        [10.01, false],
      ],
    },
    {
      op: '<',
      value: 10,
      probes: [
        [9.99, true],
        [10, false],
      ],
    },
    {
      op: '=',
      value: 3,
      probes: [
        [3, true],
        [3.0001, false],
      ],
    },
    {
      op: 'between',
      value: [500_000, 1_000_000],
      probes: [
        [499_999.99, false],
        [500_000, true],
        [750_000, true],
        [1_000_000, true],
        [1_000_000.01, false],
      ],
    },
  ] as const)('$op $value at its edges', ({ op, value, probes }) => {
    for (const [x, expected] of probes)
      expect(fires({ op, value: value as RuleCondition['value'] }, x), `${x}`).toBe(expected);
  });

  it('a missing value never fires a rule', () => {
    expect(fires({ op: '<=', value: 10 }, Number.NaN)).toBe(false);
  });

  it('all conditions must hold', () => {
    const model = tieringModel({
      rules: [
        {
          id: 'both',
          when: [
            { indicator: 'revenue', op: '>=', value: 100 },
            { indicator: 'nps', op: '>=', value: 9 },
          ],
          atLeast: 'B',
        },
      ],
    });
    const matrix = matrixOf(3, { revenue: [100, 100, 50], nps: [9, 8, 10] });
    expect(Array.from(assignTiers(model, Float64Array.of(0, 0, 0), matrix).tier)).toEqual([B, C, C]);
  });

  it('the classic revenue rules: ≥ 1M at least A, 500k–1M at least B; the strongest floor wins', () => {
    const model = tieringModel({
      rules: [
        { id: 'r1m', when: { indicator: 'revenue', op: '>=', value: 1_000_000 }, atLeast: 'A' },
        {
          id: 'r500k',
          when: { indicator: 'revenue', op: 'between', value: [500_000, 1_000_000] },
          atLeast: 'B',
        },
      ],
    });
    const revenue = [2_000_000, 1_000_000, 999_999, 500_000, 499_999, 2_000_000];
    const score = Float64Array.of(10, 10, 10, 10, 10, 90);
    const { tier, flags, ruleIndex } = assignTiers(model, score, matrixOf(6, { revenue }));
    expect(Array.from(tier)).toEqual([A, A, B, B, C, S]);
    expect(Array.from(ruleIndex)).toEqual([0, 0, 1, 1, -1, -1]);
    expect(decodeTierReasons(flags[1]!)).toEqual(['RULE_FLOOR', 'NEW']);
    // A floor never lowers: the S customer keeps S and no rule is named.
    expect(flags[5]! & TIER_REASON.RULE_FLOOR).toBe(0);
  });

  it('a ceiling lowers, never raises, and names its rule', () => {
    const model = tieringModel({
      rules: [{ id: 'complaints', when: { indicator: 'open_complaints', op: '>=', value: 3 }, atMost: 'B' }],
    });
    const { tier, flags, ruleIndex } = assignTiers(
      model,
      Float64Array.of(90, 10),
      matrixOf(2, { open_complaints: [4, 4] }),
    );
    expect(Array.from(tier)).toEqual([B, C]);
    expect(flags[0]! & TIER_REASON.RULE_CEILING).not.toBe(0);
    expect(Array.from(ruleIndex)).toEqual([0, -1]);
  });

  it('rules apply after hysteresis: a floor lifts a customer hysteresis would hold', () => {
    const model = tieringModel({
      hysteresis: { scoreMargin: 3, minDaysInTier: 90 },
      rules: [{ id: 'big', when: { indicator: 'revenue', op: '>=', value: 1e6 }, atLeast: 'A' }],
    });
    const previous = { tier: Int32Array.of(C), sinceDay: Float64Array.of(AS_OF) };
    const { tier, flags } = assignTiers(
      model,
      Float64Array.of(46),
      matrixOf(1, { revenue: [2e6] }),
      previous,
    );
    expect(tier[0]).toBe(A);
    expect(decodeTierReasons(flags[0]!)).toEqual(['HELD_BY_HYSTERESIS', 'RULE_FLOOR', 'PROMOTED']);
  });
});

describe('overrides', () => {
  const model = tieringModel({
    tiers: [{ ...TIERS[0]!, maxCount: 1 }, TIERS[1]!, TIERS[2]!, TIERS[3]!],
    rules: [{ id: 'cap', when: { indicator: 'nps', op: '<', value: 5 }, atMost: 'B' }],
  });
  const score = Float64Array.of(95, 90, 30);
  const matrix = matrixOf(3, { nps: [9, 9, 1] }, AS_OF);

  it('win over band, rules and quotas; the computed tier is kept', () => {
    const overrides = [
      { row: 1, tier: S },
      { row: 2, tier: A },
    ];
    const { tier, computedTier, flags } = assignTiers(model, score, matrix, undefined, overrides);
    expect(Array.from(computedTier)).toEqual([S, A, C]);
    expect(Array.from(tier)).toEqual([S, S, A]);
    expect(flags[1]! & TIER_REASON.OVERRIDE).not.toBe(0);
    expect(flags[0]! & TIER_REASON.OVERRIDE).toBe(0);
  });

  it.each([
    { name: 'starts today', fromDay: AS_OF, untilDay: undefined, active: true },
    { name: 'starts tomorrow', fromDay: AS_OF + 1, untilDay: undefined, active: false },
    { name: 'ends today', fromDay: undefined, untilDay: AS_OF, active: true },
    { name: 'ended yesterday', fromDay: undefined, untilDay: AS_OF - 1, active: false },
    { name: 'open-ended', fromDay: undefined, untilDay: undefined, active: true },
  ])('an override that $name is active: $active', ({ fromDay, untilDay, active }) => {
    const { tier } = assignTiers(model, score, matrix, undefined, [{ row: 2, tier: S, fromDay, untilDay }]);
    expect(tier[2]).toBe(active ? S : C);
  });

  it('the later of two overrides of one row wins', () => {
    const { tier } = assignTiers(model, score, matrix, undefined, [
      { row: 0, tier: C },
      { row: 0, tier: B },
    ]);
    expect(tier[0]).toBe(B);
  });

  it.each([[{ row: 3, tier: 0 }], [{ row: -1, tier: 0 }], [{ row: 0, tier: 4 }], [{ row: 0.5, tier: 0 }]])(
    'rejects an override outside the matrix or the tiers: %o',
    (o) => {
      expect(() => assignTiers(model, score, matrix, undefined, [o])).toThrow(RangeError);
    },
  );
});

describe('movement flags', () => {
  it('NEW without a previous grade, PROMOTED / DEMOTED against it', () => {
    const model = tieringModel();
    const previous = { tier: Int32Array.of(-1, B, A, A), sinceDay: new Float64Array(4).fill(0) };
    const { flags } = assignTiers(model, Float64Array.of(90, 90, 10, 70), matrixOf(4), previous);
    expect(Array.from(flags, (f) => decodeTierReasons(f))).toEqual([['NEW'], ['PROMOTED'], ['DEMOTED'], []]);
  });

  it('rejects scores not aligned with the matrix', () => {
    expect(() => assignTiers(tieringModel(), Float64Array.of(1, 2), matrixOf(3))).toThrow(RangeError);
  });
});

describe('reason codes', () => {
  it('every reason has a distinct bit and a zh/en label', () => {
    const bits = TIER_REASONS.map((r) => TIER_REASON[r]);
    expect(new Set(bits).size).toBe(bits.length);
    for (const r of TIER_REASONS) {
      expect(TIER_REASON_LABELS[r].zh).toMatch(/[\u4e00-\u9fff]/);
      expect(TIER_REASON_LABELS[r].en.trim()).not.toBe('');
    }
    expect(TIER_REASON_LABELS.OVERRIDE.zh).toBe('人工调整');
    expect(decodeTierReasons(TIER_REASON.OVERRIDE | TIER_REASON.NEW)).toEqual(['OVERRIDE', 'NEW']);
  });
});

describe('laws', () => {
  it('without rules, quotas, hysteresis or overrides, a higher score never gets a worse tier', () => {
    const model = tieringModel();
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 110, noNaN: true }), { minLength: 1, maxLength: 80 }),
        (scores) => {
          const score = Float64Array.from(scores);
          const { tier } = assignTiers(model, score, matrixOf(scores.length));
          for (let i = 0; i < scores.length; i++) {
            for (let j = 0; j < scores.length; j++)
              if (scores[i]! > scores[j]!) expect(tier[i]!).toBeLessThanOrEqual(tier[j]!);
          }
        },
      ),
    );
  });

  it('with a quota only, a higher score still never gets a worse tier', () => {
    const model = tieringModel({
      tiers: [{ ...TIERS[0]!, maxShare: 0.1 }, { ...TIERS[1]!, maxCount: 3 }, TIERS[2]!, TIERS[3]!],
    });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 60 }), (scores) => {
        const { tier } = assignTiers(model, Float64Array.from(scores), matrixOf(scores.length));
        for (let i = 0; i < scores.length; i++) {
          for (let j = 0; j < scores.length; j++)
            if (scores[i]! > scores[j]!) expect(tier[i]!).toBeLessThanOrEqual(tier[j]!);
        }
        expect(tier.filter((t) => t === S).length).toBeLessThanOrEqual(
          Math.floor(scores.length * 0.1 + 1e-9),
        );
        expect(tier.filter((t) => t === A).length).toBeLessThanOrEqual(3);
      }),
    );
  });
});
