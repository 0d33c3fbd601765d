import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../matrix/FeatureMatrix.js';
import { ClassificationConfigSchema, type ClassificationConfig } from './ClassificationConfig.js';
import { classificationDefinitions } from './classificationDefinitions.js';
import { CLASSIFICATION_LABELS, INDUSTRY_POSITION, PORTFOLIO_QUADRANT } from './classificationLabels.js';
import { classifyCustomers, type ClassificationInput } from './classifyCustomers.js';
import { classifyFromMatrix } from './classifyFromMatrix.js';

const A = 0;
const B = 1;
const C = 2;
const defaults = ClassificationConfigSchema.parse({});

interface Row {
  demand: number;
  contribution: number;
  abc: number;
  revenue: number;
  revenuePrev: number;
  growth: number;
  clv: number;
  employees: number;
  companyRevenue: number;
  position: number;
  tier: number;
  strategic: number;
}

/** An ordinary small customer: low everything. */
const PLAIN: Row = {
  demand: 1,
  contribution: 10,
  abc: C,
  revenue: 10,
  revenuePrev: 10,
  growth: 0,
  clv: 0,
  employees: 50,
  companyRevenue: 1e6,
  position: 0,
  tier: 3,
  strategic: 0,
};

function inputOf(rows: readonly Row[]): ClassificationInput {
  const col = (k: keyof Row): Float64Array => Float64Array.from(rows.map((r) => r[k]));
  return {
    demandValue: col('demand'),
    contributionValue: col('contribution'),
    abcClass: Uint8Array.from(rows.map((r) => r.abc)),
    revenue: col('revenue'),
    revenuePrev: col('revenuePrev'),
    revenueGrowth: col('growth'),
    clvPredicted: col('clv'),
    employees: col('employees'),
    companyRevenue: col('companyRevenue'),
    marketPosition: col('position'),
    tierIndex: col('tier'),
    strategic: Uint8Array.from(rows.map((r) => r.strategic)),
  };
}

function one(overrides: Partial<Row>, config: ClassificationConfig = defaults) {
  const r = classifyCustomers(inputOf([{ ...PLAIN, ...overrides }]), config);
  return {
    importance: r.importance[0],
    demand: r.demand[0],
    contribution: r.contribution[0],
    growthPotential: r.growthPotential[0],
    industryPosition: r.industryPosition[0],
    portfolioQuadrant: r.portfolioQuadrant[0],
  };
}

const parse = (config: unknown): ClassificationConfig => ClassificationConfigSchema.parse(config);

describe('importance (key = tier index < 2, or strategic, or ABC A without a tier)', () => {
  it.each<[string, Partial<Row>, ClassificationConfig, number]>([
    ['top tier', { tier: 0 }, defaults, 1],
    ['second tier', { tier: 1 }, defaults, 1],
    ['third tier', { tier: 2 }, defaults, 0],
    ['third tier but ABC A: the tier decides', { tier: 2, abc: A }, defaults, 0],
    ['flagged strategic in a low tier', { tier: 5, strategic: 1 }, defaults, 1],
    ['no tier, ABC A', { tier: NaN, abc: A }, defaults, 1],
    ['no tier (negative index), ABC A', { tier: -1, abc: A }, defaults, 1],
    ['no tier, ABC B', { tier: NaN, abc: B }, defaults, 0],
    [
      'no tier, ABC A, fallback off',
      { tier: NaN, abc: A },
      parse({ importance: { abcAWithoutTier: false } }),
      0,
    ],
    ['keyTierCount 1: second tier', { tier: 1 }, parse({ importance: { keyTierCount: 1 } }), 0],
  ])('%s → %i', (_, overrides, config, expected) => {
    expect(one(overrides, config).importance).toBe(expected);
  });

  it('treats a missing tier column as no tier', () => {
    const input = { ...inputOf([{ ...PLAIN, abc: A }, PLAIN]), tierIndex: undefined };
    expect(Array.from(classifyCustomers(input, defaults).importance)).toEqual([1, 0]);
  });
});

describe('demand (high = top 30 % of buying customers by order count)', () => {
  const run = (values: number[], config = defaults): number[] =>
    Array.from(classifyCustomers(inputOf(values.map((demand) => ({ ...PLAIN, demand }))), config).demand);

  it.each([
    ['top 3 of 10', [10, 9, 8, 7, 6, 5, 4, 3, 2, 1], [1, 1, 1, 0, 0, 0, 0, 0, 0, 0]],
    ['a tie at the cut takes both', [10, 9, 8, 8, 6, 5, 4, 3, 2, 1], [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]],
    [
      'non-buyers neither count nor qualify',
      [0, 0, 0, 0, 0, 0, 0, 5, NaN, 3],
      [0, 0, 0, 0, 0, 0, 0, 1, 0, 0],
    ],
    ['nobody bought', [0, 0, NaN], [0, 0, 0]],
  ])('%s', (_, values, expected) => {
    expect(run(values)).toEqual(expected);
  });

  it('uses the configured share', () => {
    expect(run([4, 3, 2, 1], parse({ demand: { topShare: 0.5 } }))).toEqual([1, 1, 0, 0]);
  });
});

describe('contribution', () => {
  it.each([
    [A, 1],
    [B, 0],
    [C, 0],
  ])('abc method: class %i → %i', (abc, expected) => {
    expect(one({ abc }).contribution).toBe(expected);
  });

  it('top_share method: top 20 % of customers by revenue, ABC ignored', () => {
    const config = parse({ contribution: { method: 'top_share' } });
    const rows = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10].map((contribution) => ({
      ...PLAIN,
      contribution,
      abc: A,
    }));
    expect(Array.from(classifyCustomers(inputOf(rows), config).contribution)).toEqual([
      1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('requires the ABC class when a rule uses it', () => {
    const input = { ...inputOf([PLAIN]), abcClass: undefined };
    expect(() => classifyCustomers(input, defaults)).toThrow(/abcClass is required/);
    const noAbc = parse({ contribution: { method: 'top_share' }, importance: { abcAWithoutTier: false } });
    expect(() => classifyCustomers(input, noAbc)).not.toThrow();
  });
});

describe('growth potential (any of: growth ≥ 20 %, predicted CLV in the top 30 %, ≥ 1000 employees)', () => {
  it.each<[string, Partial<Row>, ClassificationConfig, number]>([
    ['plain', {}, defaults, 0],
    ['growth exactly 20 %', { growth: 0.2 }, defaults, 1],
    ['growth 19 %', { growth: 0.19 }, defaults, 0],
    ['growth computed 120 / 100', { growth: NaN, revenue: 120, revenuePrev: 100 }, defaults, 1],
    ['no baseline is not growth', { growth: NaN, revenue: 120, revenuePrev: 0 }, defaults, 0],
    ['1000 employees', { employees: 1000 }, defaults, 1],
    ['999 employees', { employees: 999 }, defaults, 0],
    ['employees criterion disabled', { employees: 5000 }, parse({ potential: { minEmployees: null } }), 0],
    ['growth criterion disabled', { growth: 3 }, parse({ potential: { minGrowth: null } }), 0],
    [
      'company revenue at the configured size',
      { companyRevenue: 1e9 },
      parse({ potential: { minCompanyRevenue: 1e9 } }),
      1,
    ],
    ['company revenue ignored by default', { companyRevenue: 1e12 }, defaults, 0],
  ])('%s → %i', (_, overrides, config, expected) => {
    expect(one(overrides, config).growthPotential).toBe(expected);
  });

  it('predicted CLV in the top 30 % of customers with a positive CLV', () => {
    const rows = [0, 0, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10].map((clv) => ({ ...PLAIN, clv }));
    expect(Array.from(classifyCustomers(inputOf(rows), defaults).growthPotential)).toEqual([
      0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0,
    ]);
    const off = parse({ potential: { clvTopShare: null } });
    expect(Array.from(classifyCustomers(inputOf(rows), off).growthPotential).every((v) => v === 0)).toBe(
      true,
    );
  });
});

describe('industry position', () => {
  it.each<[string, number, ClassificationConfig, number]>([
    ['leader', 2, defaults, 1],
    ['major counts as leader by default', 1, defaults, 1],
    ['major as SME when configured', 1, parse({ industryPosition: { majorAs: 'sme' } }), 0],
    ['SME', 0, defaults, 0],
    ['unknown is SME', NaN, defaults, 0],
  ])('%s', (_, position, config, expected) => {
    expect(one({ position }, config).industryPosition).toBe(expected);
  });
});

describe('portfolio quadrant (contribution × potential)', () => {
  it.each<[Partial<Row>, string]>([
    [{ abc: A, employees: 5000 }, 'Strategic'],
    [{ abc: A }, 'Core'],
    [{ abc: B, employees: 5000 }, 'Develop'],
    [{ abc: C }, 'Optimise'],
  ])('%j → %s', (overrides, en) => {
    const { portfolioQuadrant } = one(overrides);
    expect(CLASSIFICATION_LABELS.portfolioQuadrant.values[portfolioQuadrant!]?.en).toBe(en);
  });

  it('labels the quadrants and dimension values in zh', () => {
    expect(CLASSIFICATION_LABELS.portfolioQuadrant.values.map((l) => l.zh)).toEqual([
      '战略型',
      '维持型',
      '发展型',
      '优化型',
    ]);
    expect(CLASSIFICATION_LABELS.industryPosition.values.map((l) => l.zh)).toEqual(['中小企业', '龙头']);
    expect(CLASSIFICATION_LABELS.importance.values.map((l) => l.zh)).toEqual(['普通', '关键']);
  });
});

describe('classificationDefinitions', () => {
  it('states each definition with the configured cut-offs', () => {
    const d = classificationDefinitions(defaults);
    expect(d.demand.en).toBe('High demand: order count in the top 30% of buying customers');
    expect(d.contribution.zh).toBe('高贡献：ABC 分析为 A 类');
    expect(d.growthPotential.en).toBe(
      'High potential: any of revenue growth vs previous period ≥ 20%; predicted CLV in the top 30%; employees ≥ 1000',
    );
    expect(d.importance.en).toBe(
      'Key: tier among the top 2 or flagged strategic (without a tier: ABC class A); otherwise ordinary',
    );
    const custom = classificationDefinitions(
      parse({ contribution: { method: 'top_share', basis: 'gross_margin', topShare: 0.1 } }),
    );
    expect(custom.contribution.zh).toBe('高贡献：毛利额位于前 10%');
  });
});

describe('classifyFromMatrix', () => {
  it('reads the columns named by the configuration', () => {
    const matrix: FeatureMatrix = {
      ids: Float64Array.from([1, 2]),
      asOfDay: 20000,
      columns: {
        order_count: Float64Array.from([50, 1]),
        revenue: Float64Array.from([900, 100]),
        employees: Float64Array.from([10, 2000]),
        market_position: Float64Array.from([2, NaN]),
      },
    };
    const r = classifyFromMatrix(matrix, defaults, { abcClass: Uint8Array.from([A, C]) });
    expect(Array.from(r.demand)).toEqual([1, 0]);
    expect(Array.from(r.industryPosition)).toEqual([1, 0]);
    expect(Array.from(r.portfolioQuadrant)).toEqual([1, 2]);
  });
});

describe('CLASSIFICATION_LABELS', () => {
  it('has one key and one zh/en label per code, keys matching the code objects', () => {
    for (const dimension of Object.values(CLASSIFICATION_LABELS)) {
      expect(dimension.keys.length).toBe(dimension.values.length);
      for (const label of [dimension.name, ...dimension.values])
        expect(label.zh.length * label.en.length).toBeGreaterThan(0);
    }
    expect(CLASSIFICATION_LABELS.portfolioQuadrant.keys[PORTFOLIO_QUADRANT.develop]).toBe('develop');
    expect(CLASSIFICATION_LABELS.industryPosition.keys[INDUSTRY_POSITION.leader]).toBe('leader');
  });
});
