import type { Label } from '../util/Label.js';

/** Codes of the binary dimension columns: 1 is always the "high" side. */
export const IMPORTANCE = { ordinary: 0, key: 1 } as const;
export const DEMAND = { low: 0, high: 1 } as const;
export const CONTRIBUTION = { low: 0, high: 1 } as const;
export const GROWTH_POTENTIAL = { low: 0, high: 1 } as const;
export const INDUSTRY_POSITION = { sme: 0, leader: 1 } as const;

/** Codes of the portfolio quadrant (contribution × growth potential). */
export const PORTFOLIO_QUADRANT = { strategic: 0, core: 1, develop: 2, optimise: 3 } as const;
export type PortfolioQuadrantKey = keyof typeof PORTFOLIO_QUADRANT;

export type ClassificationDimension =
  'importance' | 'demand' | 'contribution' | 'growthPotential' | 'industryPosition' | 'portfolioQuadrant';

export interface DimensionLabels {
  /** Name of the dimension (column header). */
  readonly name: Label;
  /** Indexed by code: the stable value keys of exports and APIs. */
  readonly keys: readonly string[];
  /** Indexed by code. */
  readonly values: readonly Label[];
}

export const CLASSIFICATION_LABELS: Readonly<Record<ClassificationDimension, DimensionLabels>> = {
  importance: {
    name: { zh: '重要程度', en: 'Importance' },
    keys: ['ordinary', 'key'],
    values: [
      { zh: '普通', en: 'Ordinary' },
      { zh: '关键', en: 'Key' },
    ],
  },
  demand: {
    name: { zh: '需求程度', en: 'Demand level' },
    keys: ['low', 'high'],
    values: [
      { zh: '低需求', en: 'Low demand' },
      { zh: '高需求', en: 'High demand' },
    ],
  },
  contribution: {
    name: { zh: '贡献度', en: 'Contribution' },
    keys: ['low', 'high'],
    values: [
      { zh: '低贡献', en: 'Low contribution' },
      { zh: '高贡献', en: 'High contribution' },
    ],
  },
  growthPotential: {
    name: { zh: '成长潜力', en: 'Growth potential' },
    keys: ['low', 'high'],
    values: [
      { zh: '低潜力', en: 'Low potential' },
      { zh: '高潜力', en: 'High potential' },
    ],
  },
  industryPosition: {
    name: { zh: '行业地位', en: 'Industry position' },
    keys: ['sme', 'leader'],
    values: [
      { zh: '中小企业', en: 'SME' },
      { zh: '龙头', en: 'Leader' },
    ],
  },
  portfolioQuadrant: {
    name: { zh: '客户组合象限', en: 'Portfolio quadrant' },
    keys: ['strategic', 'core', 'develop', 'optimise'],
    values: [
      { zh: '战略型', en: 'Strategic' },
      { zh: '维持型', en: 'Core' },
      { zh: '发展型', en: 'Develop' },
      { zh: '优化型', en: 'Optimise' },
    ],
  },
};
