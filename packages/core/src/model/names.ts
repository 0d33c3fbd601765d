import { INDICATOR_CATALOGUE, isIndicatorKey } from '../indicators/catalogue.js';
import type { Label } from '../util/Label.js';

/** How messages name an indicator: "销售额（revenue）" / "revenue" (auxiliary columns: the key). */
export function indicatorName(key: string): Label {
  if (!isIndicatorKey(key)) return { zh: key, en: key };
  return { zh: `${INDICATOR_CATALOGUE[key].label.zh}（${key}）`, en: key };
}

/** Field names of the model document as the UI calls them. */
export const FIELD_NAMES: Readonly<Record<string, Label>> = {
  name: { zh: '名称', en: 'name' },
  description: { zh: '说明', en: 'description' },
  windowMonths: { zh: '统计窗口（月）', en: 'window (months)' },
  segment: { zh: '适用客户范围', en: 'segment' },
  industries: { zh: '行业', en: 'industries' },
  regions: { zh: '地区', en: 'regions' },
  marketPositions: { zh: '行业地位', en: 'market positions' },
  employees: { zh: '员工数', en: 'employees' },
  companyRevenue: { zh: '企业营收', en: 'company revenue' },
  min: { zh: '最小值', en: 'min' },
  max: { zh: '最大值', en: 'max' },
  groups: { zh: '指标组', en: 'groups' },
  indicators: { zh: '指标', en: 'indicators' },
  key: { zh: '键', en: 'key' },
  label: { zh: '显示名称', en: 'label' },
  zh: { zh: '中文名称', en: 'Chinese label' },
  en: { zh: '英文名称', en: 'English label' },
  weight: { zh: '权重', en: 'weight' },
  normalize: { zh: '标准化方式', en: 'normalisation' },
  method: { zh: '标准化方法', en: 'method' },
  cap: { zh: '上限分位', en: 'upper cap' },
  floor: { zh: '下限分位', en: 'lower cap' },
  range: { zh: '固定区间', en: 'fixed range' },
  steps: { zh: '分档', en: 'steps' },
  atLeast: { zh: '至少', en: 'at least' },
  points: { zh: '得分', en: 'points' },
  base: { zh: '基础分', en: 'base points' },
  map: { zh: '取值得分表', en: 'points per value' },
  fallback: { zh: '其他取值得分', en: 'fallback points' },
  missing: { zh: '缺失值处理', en: 'missing-value policy' },
  direction: { zh: '方向', en: 'direction' },
  tiers: { zh: '客户等级', en: 'tiers' },
  minScore: { zh: '最低分', en: 'minimum score' },
  maxShare: { zh: '名额比例上限', en: 'maximum share' },
  maxCount: { zh: '名额数量上限', en: 'maximum count' },
  rules: { zh: '分级规则', en: 'rules' },
  id: { zh: '规则编号', en: 'rule id' },
  note: { zh: '备注', en: 'note' },
  when: { zh: '条件', en: 'conditions' },
  indicator: { zh: '指标', en: 'indicator' },
  op: { zh: '比较方式', en: 'operator' },
  value: { zh: '取值', en: 'value' },
  atMost: { zh: '至多', en: 'at most' },
  hysteresis: { zh: '等级稳定设置', en: 'hysteresis' },
  scoreMargin: { zh: '分数缓冲', en: 'score margin' },
  minDaysInTier: { zh: '最短停留天数', en: 'minimum days in tier' },
  abc: { zh: 'ABC 分析', en: 'ABC analysis' },
  rfm: { zh: 'RFM 分析', en: 'RFM analysis' },
  clv: { zh: '客户价值（CLV）', en: 'CLV' },
  lifecycle: { zh: '生命周期', en: 'lifecycle' },
  churn: { zh: '流失预警', en: 'churn warning' },
  classification: { zh: '客户分类', en: 'classification' },
};

/** The field a path ends in, named for people; the raw segment when it is not a known field. */
export function fieldName(path: readonly (string | number)[]): Label {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string') return FIELD_NAMES[seg] ?? { zh: seg, en: seg };
  }
  return { zh: '模型', en: 'model' };
}
