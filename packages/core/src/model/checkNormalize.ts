import { INDICATOR_CATALOGUE } from '../indicators/catalogue.js';
import { resolveCode } from '../normalize/enumMap.js';
import type { IndicatorKey } from '../matrix/FeatureMatrix.js';
import type { NormalizeSpec } from '../normalize/NormalizeSpec.js';
import { closestMatch } from './closestMatch.js';
import type { IssuePath, ModelIssue } from './ModelIssue.js';
import { modelIssue } from './ModelIssue.js';
import { indicatorName } from './names.js';

/** Issues of one indicator's normaliser (`path` points at the `normalize` object). */
export function checkNormalize(key: IndicatorKey, spec: NormalizeSpec, path: IssuePath): ModelIssue[] {
  const name = indicatorName(key);
  const issues: ModelIssue[] = [];
  const points = (p: number, at: IssuePath): void => {
    if (!(p >= 0 && p <= 100)) {
      issues.push(
        modelIssue(
          at,
          'POINTS_OUT_OF_RANGE',
          `指标 ${name.zh} 的得分必须在 0 到 100 之间（当前为 ${p}）`,
          `Points of ${name.en} must be between 0 and 100 (got ${p})`,
        ),
      );
    }
  };
  switch (spec.method) {
    case 'minmax':
    case 'log_minmax': {
      if (spec.cap !== undefined && !(spec.cap > 0.5 && spec.cap <= 1)) {
        issues.push(
          modelIssue(
            [...path, 'cap'],
            'CAP_OUT_OF_RANGE',
            `指标 ${name.zh} 的上限分位必须大于 0.5 且不超过 1（如 0.99 表示封顶前 1%），当前为 ${spec.cap}`,
            `The upper cap of ${name.en} must be above 0.5 and at most 1 (0.99 caps the top 1 %), got ${spec.cap}`,
          ),
        );
      }
      if (spec.floor !== undefined && !(spec.floor >= 0 && spec.floor < 0.5)) {
        issues.push(
          modelIssue(
            [...path, 'floor'],
            'CAP_OUT_OF_RANGE',
            `指标 ${name.zh} 的下限分位必须不小于 0 且小于 0.5（如 0.01 表示托底后 1%），当前为 ${spec.floor}`,
            `The lower cap of ${name.en} must be at least 0 and below 0.5 (0.01 floors the bottom 1 %), got ${spec.floor}`,
          ),
        );
      }
      if (spec.range) {
        const [lo, hi] = spec.range;
        if (!(lo < hi)) {
          issues.push(
            modelIssue(
              [...path, 'range'],
              'RANGE_INVALID',
              `指标 ${name.zh} 的固定区间下限必须小于上限（当前为 [${lo}, ${hi}]）`,
              `The fixed range of ${name.en} must have min below max (got [${lo}, ${hi}])`,
            ),
          );
        }
        if (spec.cap !== undefined || spec.floor !== undefined) {
          issues.push(
            modelIssue(
              path,
              'CAPS_WITH_RANGE',
              `指标 ${name.zh} 不能同时设置固定区间和分位上下限，请二选一`,
              `${name.en}: use either a fixed range or quantile caps, not both`,
            ),
          );
        }
      }
      break;
    }
    case 'bands': {
      if (spec.steps.length === 0) {
        issues.push(
          modelIssue(
            [...path, 'steps'],
            'BANDS_EMPTY',
            `指标 ${name.zh} 的分档至少需要一档`,
            `The bands of ${name.en} need at least one step`,
          ),
        );
      }
      spec.steps.forEach((step, i) => {
        const prev = spec.steps[i - 1];
        if (prev && !(step.atLeast > prev.atLeast)) {
          issues.push(
            modelIssue(
              [...path, 'steps', i, 'atLeast'],
              'BANDS_NOT_INCREASING',
              `指标 ${name.zh} 的分档起点必须从小到大排列：第 ${i + 1} 档（${step.atLeast}）应大于第 ${i} 档（${prev.atLeast}）`,
              `The bands of ${name.en} must rise: step ${i + 1} (${step.atLeast}) must be above step ${i} (${prev.atLeast})`,
            ),
          );
        }
        points(step.points, [...path, 'steps', i, 'points']);
      });
      points(spec.base, [...path, 'base']);
      break;
    }
    case 'enum': {
      const codes = INDICATOR_CATALOGUE[key].codes;
      for (const [code, p] of Object.entries(spec.map)) {
        if (resolveCode(code, codes) === undefined) {
          const known = Object.keys(codes ?? {});
          const guess = closestMatch(code, known);
          const options = known.length > 0 ? known.join(', ') : '—';
          issues.push(
            modelIssue(
              [...path, 'map', code],
              'ENUM_UNKNOWN_CODE',
              `指标 ${name.zh} 没有取值 '${code}'${guess ? `（是否为 ${guess}？）` : ''}，可用取值：${options}`,
              `${name.en} has no value '${code}'${guess ? ` (did you mean ${guess}?)` : ''}; known values: ${options}`,
            ),
          );
        }
        points(p, [...path, 'map', code]);
      }
      if (spec.fallback !== undefined) points(spec.fallback, [...path, 'fallback']);
      break;
    }
    case 'percentile':
    case 'zscore':
      break;
  }
  return issues;
}
