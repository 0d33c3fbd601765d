import { MARKET_POSITION_CODE } from '../matrix/FeatureMatrix.js';
import { ABC_CLASS } from '../abc/abcLabels.js';
import { revenueGrowthAt } from '../util/revenueGrowthAt.js';
import { atLeast } from '../util/tolerantCompare.js';
import type { ColumnOrders } from '../util/columnOrder.js';
import { positiveTopShareCutoff, topShareCutoff } from '../util/topShareCutoff.js';
import type { ClassificationConfig } from './ClassificationConfig.js';
import { INDUSTRY_POSITION, PORTFOLIO_QUADRANT } from './classificationLabels.js';

export interface ClassificationInput {
  /** The column named by config.demand.basis. */
  readonly demandValue: Float64Array;
  /** The column named by config.contribution.basis (used by the `top_share` method). */
  readonly contributionValue: Float64Array;
  /** ABC class per customer (ABC_CLASS); needed by the `abc` contribution method and importance fallback. */
  readonly abcClass?: Uint8Array | undefined;
  readonly revenue: Float64Array;
  readonly revenuePrev: Float64Array;
  readonly revenueGrowth: Float64Array;
  readonly clvPredicted: Float64Array;
  readonly employees: Float64Array;
  readonly companyRevenue: Float64Array;
  /** MARKET_POSITION_CODE; NaN = unknown. */
  readonly marketPosition: Float64Array;
  /** Tier index from the scorecard (0 = top tier); NaN or negative = no tier. */
  readonly tierIndex?: ArrayLike<number> | undefined;
  /** 1 = flagged strategic by a person (always key). */
  readonly strategic?: Uint8Array | undefined;
}

export interface ClassificationResult {
  /** IMPORTANCE code. */
  readonly importance: Uint8Array;
  /** DEMAND code. */
  readonly demand: Uint8Array;
  /** CONTRIBUTION code. */
  readonly contribution: Uint8Array;
  /** GROWTH_POTENTIAL code. */
  readonly growthPotential: Uint8Array;
  /** INDUSTRY_POSITION code. */
  readonly industryPosition: Uint8Array;
  /** PORTFOLIO_QUADRANT code. */
  readonly portfolioQuadrant: Uint8Array;
}

const positive = (v: number): boolean => v > 0;

/**
 * The five seed dimensions and the portfolio quadrant (definitions in words: classificationDefinitions):
 * - importance: key when the tier index < importance.keyTierCount, or flagged strategic, or — without
 *   a tier and with abcAWithoutTier — ABC class A; otherwise ordinary.
 * - demand: high when demandValue is in the top demand.topShare of customers with a positive value.
 * - contribution: `abc` → high when ABC class A; `top_share` → contributionValue in the top
 *   contribution.topShare of customers with a positive value.
 * - growth potential: high when any enabled criterion holds: revenue growth vs the previous window
 *   ≥ minGrowth (needs a baseline), predicted CLV in the top clvTopShare, employees ≥ minEmployees,
 *   company revenue ≥ minCompanyRevenue.
 * - industry position: leader for market_position leader, and for major when majorAs = leader;
 *   SME otherwise, including unknown (no evidence of leadership).
 * - quadrant: strategic (high, high), core (high contribution, low potential), develop (low, high),
 *   optimise (low, low).
 */
export function classifyCustomers(
  input: ClassificationInput,
  config: ClassificationConfig,
  orders?: ColumnOrders,
): ClassificationResult {
  const n = input.revenue.length;
  const { importance: imp, demand: dem, contribution: con, potential: pot } = config;
  const abc = input.abcClass;
  if ((con.method === 'abc' || imp.abcAWithoutTier) && !abc) {
    throw new Error(
      'classifyCustomers: abcClass is required by contribution.method = abc or importance.abcAWithoutTier',
    );
  }
  // A column another model has sorted already (revenue, predicted CLV) gives its cut by lookup.
  const cut = (values: Float64Array, share: number): number => {
    const sorted = orders?.sorted(values);
    return sorted ? positiveTopShareCutoff(sorted, share) : topShareCutoff(values, share, positive);
  };
  const demandCut = cut(input.demandValue, dem.topShare);
  const contributionCut =
    con.method === 'top_share' ? cut(input.contributionValue, con.topShare) : Number.NaN;
  // NaN cuts and thresholds disable a criterion: every comparison with NaN is false.
  const clvCut = pot.clvTopShare === null ? Number.NaN : cut(input.clvPredicted, pot.clvTopShare);
  const minGrowth = pot.minGrowth ?? Number.NaN;
  const minEmployees = pot.minEmployees ?? Number.NaN;
  const minCompanyRevenue = pot.minCompanyRevenue ?? Number.NaN;
  const majorIsLeader = config.industryPosition.majorAs === 'leader';

  const importance = new Uint8Array(n);
  const demand = new Uint8Array(n);
  const contribution = new Uint8Array(n);
  const growthPotential = new Uint8Array(n);
  const industryPosition = new Uint8Array(n);
  const portfolioQuadrant = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const isA = abc?.[i] === ABC_CLASS.A;
    const tier = input.tierIndex?.[i] ?? Number.NaN;
    const hasTier = tier >= 0;
    const key =
      input.strategic?.[i] === 1 || (hasTier ? tier < imp.keyTierCount : imp.abcAWithoutTier && isA);
    importance[i] = key ? 1 : 0;

    demand[i] = input.demandValue[i]! >= demandCut ? 1 : 0;

    const high = con.method === 'abc' ? isA : input.contributionValue[i]! >= contributionCut;
    contribution[i] = high ? 1 : 0;

    const growth = revenueGrowthAt(input.revenueGrowth, input.revenue, input.revenuePrev, i);
    const potential =
      atLeast(growth, minGrowth) ||
      input.clvPredicted[i]! >= clvCut ||
      atLeast(input.employees[i]!, minEmployees) ||
      atLeast(input.companyRevenue[i]!, minCompanyRevenue);
    growthPotential[i] = potential ? 1 : 0;

    const position = input.marketPosition[i]!;
    const leader =
      position === MARKET_POSITION_CODE.leader || (majorIsLeader && position === MARKET_POSITION_CODE.major);
    industryPosition[i] = leader ? INDUSTRY_POSITION.leader : INDUSTRY_POSITION.sme;

    portfolioQuadrant[i] = high
      ? potential
        ? PORTFOLIO_QUADRANT.strategic
        : PORTFOLIO_QUADRANT.core
      : potential
        ? PORTFOLIO_QUADRANT.develop
        : PORTFOLIO_QUADRANT.optimise;
  }
  return { importance, demand, contribution, growthPotential, industryPosition, portfolioQuadrant };
}
