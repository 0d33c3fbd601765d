import type { CodeTable } from '../normalize/enumMap.js';
import type { Direction, MissingPolicy, NormalizeSpec } from '../normalize/NormalizeSpec.js';
import type { IndicatorKey } from '../matrix/FeatureMatrix.js';
import type { Label } from '../util/Label.js';

/** The five indicator groups of the seed scorecard (财务 / 行为 / 关系 / 潜力 / 战略). */
export const INDICATOR_GROUPS = ['financial', 'behaviour', 'relationship', 'potential', 'strategic'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];

export const INDICATOR_GROUP_LABELS: Readonly<Record<IndicatorGroup, Label>> = {
  financial: { zh: '财务贡献', en: 'Financial' },
  behaviour: { zh: '合作行为', en: 'Behaviour' },
  relationship: { zh: '客户关系', en: 'Relationship' },
  potential: { zh: '成长潜力', en: 'Potential' },
  strategic: { zh: '战略价值', en: 'Strategic' },
};

/** What a raw value measures, for formatting (currency by locale, days, percentages …). */
export const INDICATOR_UNITS = ['currency', 'count', 'days', 'ratio', 'score', 'enum'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const INDICATOR_UNIT_LABELS: Readonly<Record<IndicatorUnit, Label>> = {
  currency: { zh: '金额', en: 'amount' },
  count: { zh: '数量', en: 'count' },
  days: { zh: '天数', en: 'days' },
  ratio: { zh: '比例', en: 'ratio' },
  score: { zh: '分值', en: 'score' },
  enum: { zh: '类别', en: 'category' },
};

/** One indicator as the UI and a new model see it: meaning, unit and sensible defaults. */
export interface IndicatorDefinition {
  readonly key: IndicatorKey;
  readonly group: IndicatorGroup;
  readonly unit: IndicatorUnit;
  readonly direction: Direction;
  readonly label: Label;
  readonly description: Label;
  /** Normaliser a model gets when it names the indicator without one. */
  readonly normalize: NormalizeSpec;
  /** Missing-value policy a model gets when it names the indicator without one. */
  readonly missing: MissingPolicy;
  /** Code names of an enum column (what the `enum` normaliser's map keys refer to). */
  readonly codes?: CodeTable;
}
