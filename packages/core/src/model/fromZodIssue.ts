import type { z } from 'zod';
import { INDICATOR_KEYS } from '../matrix/FeatureMatrix.js';
import type { Label } from '../util/Label.js';
import { closestMatch } from './closestMatch.js';
import { RULE_FEATURE_KEYS } from './GradingModelSchema.js';
import type { ModelIssue } from './ModelIssue.js';
import { formatPath, MODEL_ISSUE_CODES, modelIssue } from './ModelIssue.js';
import { FIELD_NAMES, fieldName } from './names.js';

const TYPE_NAMES: Readonly<Record<string, Label>> = {
  number: { zh: '数字', en: 'a number' },
  string: { zh: '文本', en: 'text' },
  array: { zh: '列表', en: 'a list' },
  tuple: { zh: '列表', en: 'a list' },
  object: { zh: '对象（{…}）', en: 'an object ({…})' },
  boolean: { zh: '是/否', en: 'true or false' },
};

/**
 * A zod issue as a ModelIssue with a sentence a business user understands. Semantic issues raised by
 * `checkModel` travel inside zod as `params.modelIssue` and come back unchanged. Needs the parse to
 * run with `reportInput: true` (to tell a missing field from a wrong one and quote the bad value).
 */
export function fromZodIssue(issue: z.core.$ZodIssue): ModelIssue[] {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const field = fieldName(path);
  const where = formatPath(path);
  const at = where === '' ? '' : `（位置 ${where}）`;
  const atEn = where === '' ? '' : ` (at ${where})`;
  switch (issue.code) {
    case 'custom': {
      const carried: unknown = issue.params?.['modelIssue'];
      if (isModelIssue(carried)) return [carried];
      break;
    }
    case 'invalid_type': {
      if (issue.input === undefined) {
        return [
          modelIssue(
            path,
            'REQUIRED',
            `缺少必填项「${field.zh}」${at}`,
            `Missing required field ${field.en}${atEn}`,
          ),
        ];
      }
      const type = TYPE_NAMES[issue.expected] ?? { zh: issue.expected, en: issue.expected };
      return [
        modelIssue(
          path,
          'WRONG_TYPE',
          `「${field.zh}」应为${type.zh}${at}`,
          `${capitalise(field.en)} must be ${type.en}${atEn}`,
        ),
      ];
    }
    case 'invalid_value': {
      const value = show(issue.input);
      const last = path[path.length - 1];
      const isIndicator = last === 'indicator' || (last === 'key' && path.includes('indicators'));
      if (isIndicator) {
        const guess = closestMatch(value, last === 'indicator' ? RULE_FEATURE_KEYS : INDICATOR_KEYS);
        return [
          modelIssue(
            path,
            'UNKNOWN_INDICATOR',
            `未知指标 '${value}'${guess ? `（是否为 ${guess}？）` : ''}`,
            `Unknown indicator '${value}'${guess ? ` (did you mean ${guess}?)` : ''}`,
          ),
        ];
      }
      return [invalidOption(path, field, value, issue.values.map(String))];
    }
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && options) {
        const input: unknown = issue.input;
        const chosen =
          typeof input === 'object' && input !== null
            ? (input as Record<string, unknown>)[issue.discriminator]
            : input;
        return [invalidOption(path, fieldName([issue.discriminator]), show(chosen), options.map(String))];
      }
      if (path[path.length - 1] === 'value') {
        return [
          modelIssue(
            path,
            'INVALID_VALUE',
            `条件的取值应为一个数，介于（between）时为 [下限, 上限]${at}`,
            `A condition value must be a number, or [low, high] for between${atEn}`,
          ),
        ];
      }
      break;
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const guess = closestMatch(key, Object.keys(FIELD_NAMES));
        return modelIssue(
          [...path, key],
          'UNKNOWN_FIELD',
          `未知字段 '${key}'${guess ? `（是否为 ${guess}？）` : ''}${at}`,
          `Unknown field '${key}'${guess ? ` (did you mean ${guess}?)` : ''}${atEn}`,
        );
      });
    default:
      break;
  }
  return [
    modelIssue(
      path,
      'INVALID_VALUE',
      `「${field.zh}」的取值无效${at}：${issue.message}`,
      `Invalid ${field.en}${atEn}: ${issue.message}`,
    ),
  ];
}

function invalidOption(
  path: (string | number)[],
  field: Label,
  value: string,
  options: string[],
): ModelIssue {
  const guess = closestMatch(value, options);
  const hint = guess ? `（是否为 ${guess}？）` : '';
  const hintEn = guess ? ` (did you mean ${guess}?)` : '';
  return modelIssue(
    path,
    'INVALID_OPTION',
    `「${field.zh}」不能取 '${value}'${hint}，可选：${options.join('、')}`,
    `${capitalise(field.en)} cannot be '${value}'${hintEn}; choose one of ${options.join(', ')}`,
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
}

function isModelIssue(v: unknown): v is ModelIssue {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Partial<ModelIssue>;
  return (
    Array.isArray(o.path) &&
    typeof o.code === 'string' &&
    (MODEL_ISSUE_CODES as readonly string[]).includes(o.code)
  );
}
