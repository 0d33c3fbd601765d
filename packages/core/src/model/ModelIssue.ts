import type { Label } from '../util/Label.js';

/** Every way a grading model can be wrong; the UI may key help texts on these. */
export const MODEL_ISSUE_CODES = [
  // structure (the JSON does not have the expected shape)
  'REQUIRED',
  'WRONG_TYPE',
  'INVALID_OPTION',
  'UNKNOWN_FIELD',
  'INVALID_VALUE',
  'UNKNOWN_INDICATOR',
  // model
  'NAME_EMPTY',
  'LABEL_EMPTY',
  'WINDOW_MONTHS_INVALID',
  'SEGMENT_RANGE_INVALID',
  // groups and indicators
  'NO_GROUPS',
  'GROUP_KEY_EMPTY',
  'DUPLICATE_GROUP',
  'GROUP_WEIGHT_NOT_POSITIVE',
  'EMPTY_GROUP',
  'DUPLICATE_INDICATOR',
  'WEIGHT_NOT_POSITIVE',
  // normalisers
  'CAP_OUT_OF_RANGE',
  'RANGE_INVALID',
  'CAPS_WITH_RANGE',
  'BANDS_EMPTY',
  'BANDS_NOT_INCREASING',
  'POINTS_OUT_OF_RANGE',
  'ENUM_UNKNOWN_CODE',
  // tiers
  'NO_TIERS',
  'TOO_MANY_TIERS',
  'TIER_KEY_EMPTY',
  'DUPLICATE_TIER',
  'MIN_SCORE_OUT_OF_RANGE',
  'TIERS_OUT_OF_ORDER',
  'LAST_TIER_MIN_SCORE',
  'QUOTA_SHARE_OUT_OF_RANGE',
  'QUOTA_COUNT_INVALID',
  'QUOTA_ON_LAST_TIER',
  'HYSTERESIS_NEGATIVE',
  'HYSTERESIS_DAYS_NOT_INTEGER',
  // rules
  'RULE_ID_EMPTY',
  'DUPLICATE_RULE_ID',
  'RULE_NO_CONDITIONS',
  'RULE_NO_ACTION',
  'RULE_UNKNOWN_TIER',
  'RULE_VALUE_SHAPE',
  'RULE_BETWEEN_ORDER',
  'RULE_NEVER_FIRES',
  'RULE_SELF_CONTRADICTION',
  'RULES_CONTRADICT',
  'DUPLICATE_RULE',
] as const;
export type ModelIssueCode = (typeof MODEL_ISSUE_CODES)[number];

export type IssuePath = readonly (string | number)[];

/** One problem of a model: where (path into the JSON), what (code) and a sentence in zh and en. */
export interface ModelIssue {
  readonly path: IssuePath;
  readonly code: ModelIssueCode;
  readonly message: Label;
}

export function modelIssue(path: IssuePath, code: ModelIssueCode, zh: string, en: string): ModelIssue {
  return { path, code, message: { zh, en } };
}

/** "groups[1].indicators[0].weight": the path as a reader (and a JSON editor) writes it. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}
