import type { Label } from '../util/Label.js';
import type { ClassificationConfig } from './ClassificationConfig.js';
import type { ClassificationDimension } from './classificationLabels.js';

const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;

const DEMAND_BASIS: Readonly<Record<ClassificationConfig['demand']['basis'], Label>> = {
  order_count: { zh: '订单数', en: 'order count' },
  purchase_days: { zh: '采购天数', en: 'purchase days' },
  category_breadth: { zh: '采购品类数', en: 'category breadth' },
  revenue: { zh: '销售额', en: 'revenue' },
};
const CONTRIBUTION_BASIS: Readonly<Record<ClassificationConfig['contribution']['basis'], Label>> = {
  revenue: { zh: '销售额', en: 'revenue' },
  gross_margin: { zh: '毛利额', en: 'gross margin' },
};

/** What "high" means for each dimension under `config`, in words, for the UI and the export notes. */
export function classificationDefinitions(
  config: ClassificationConfig,
): Readonly<Record<ClassificationDimension, Label>> {
  const { importance: imp, demand: dem, contribution: con, potential: pot } = config;

  const importanceZh = [`客户等级位于前 ${imp.keyTierCount} 级`, '或被标记为战略客户'];
  const importanceEn = [`tier among the top ${imp.keyTierCount}`, 'or flagged strategic'];
  if (imp.abcAWithoutTier) {
    importanceZh.push('（尚无等级时：ABC 分析为 A 类）');
    importanceEn.push('(without a tier: ABC class A)');
  }

  const potentialZh: string[] = [];
  const potentialEn: string[] = [];
  if (pot.minGrowth !== null) {
    potentialZh.push(`销售额较上期增长 ≥ ${pct(pot.minGrowth)}`);
    potentialEn.push(`revenue growth vs previous period ≥ ${pct(pot.minGrowth)}`);
  }
  if (pot.clvTopShare !== null) {
    potentialZh.push(`预测客户价值位于前 ${pct(pot.clvTopShare)}`);
    potentialEn.push(`predicted CLV in the top ${pct(pot.clvTopShare)}`);
  }
  if (pot.minEmployees !== null) {
    potentialZh.push(`员工数 ≥ ${pot.minEmployees}`);
    potentialEn.push(`employees ≥ ${pot.minEmployees}`);
  }
  if (pot.minCompanyRevenue !== null) {
    potentialZh.push(`企业营收 ≥ ${pot.minCompanyRevenue}`);
    potentialEn.push(`company revenue ≥ ${pot.minCompanyRevenue}`);
  }

  const majorLeader = config.industryPosition.majorAs === 'leader';
  return {
    importance: {
      zh: `关键：${importanceZh.join('，')}；其余为普通`,
      en: `Key: ${importanceEn.join(' ')}; otherwise ordinary`,
    },
    demand: {
      zh: `高需求：${DEMAND_BASIS[dem.basis].zh}位于有采购客户的前 ${pct(dem.topShare)}`,
      en: `High demand: ${DEMAND_BASIS[dem.basis].en} in the top ${pct(dem.topShare)} of buying customers`,
    },
    contribution:
      con.method === 'abc'
        ? { zh: '高贡献：ABC 分析为 A 类', en: 'High contribution: ABC class A' }
        : {
            zh: `高贡献：${CONTRIBUTION_BASIS[con.basis].zh}位于前 ${pct(con.topShare)}`,
            en: `High contribution: ${CONTRIBUTION_BASIS[con.basis].en} in the top ${pct(con.topShare)}`,
          },
    growthPotential:
      potentialZh.length === 0
        ? { zh: '高潜力：未启用任何条件', en: 'High potential: no criterion enabled' }
        : {
            zh: `高潜力：满足任一条件——${potentialZh.join('；')}`,
            en: `High potential: any of ${potentialEn.join('; ')}`,
          },
    industryPosition: majorLeader
      ? {
          zh: '龙头：行业地位为龙头或重要企业；其余（含未知）为中小企业',
          en: 'Leader: market position leader or major; otherwise (or unknown) SME',
        }
      : {
          zh: '龙头：行业地位为龙头；重要企业、中小企业及未知均为中小企业',
          en: 'Leader: market position leader; major, SME or unknown count as SME',
        },
    portfolioQuadrant: {
      zh: '贡献度 × 成长潜力：高/高 战略型，高/低 维持型，低/高 发展型，低/低 优化型',
      en: 'Contribution × growth potential: high/high Strategic, high/low Core, low/high Develop, low/low Optimise',
    },
  };
}
