import { checkGroups } from './checkGroups.js';
import { checkRules } from './checkRules.js';
import { checkTiers } from './checkTiers.js';
import type { GradingModel } from './GradingModelSchema.js';
import type { ModelIssue } from './ModelIssue.js';
import { modelIssue } from './ModelIssue.js';

/** Every semantic issue of a structurally valid model, in document order of the sections. */
export function checkModel(model: GradingModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (model.name.trim() === '') {
    issues.push(modelIssue(['name'], 'NAME_EMPTY', '模型名称不能为空', 'The model needs a name'));
  }
  const w = model.windowMonths;
  if (!(Number.isInteger(w) && w >= 1 && w <= 120)) {
    issues.push(
      modelIssue(
        ['windowMonths'],
        'WINDOW_MONTHS_INVALID',
        `统计窗口必须是 1 到 120 之间的整数月（当前为 ${w}）`,
        `The window must be a whole number of months from 1 to 120 (got ${w})`,
      ),
    );
  }
  for (const field of ['employees', 'companyRevenue'] as const) {
    const range = model.segment?.[field];
    if (range?.min !== undefined && range.max !== undefined && !(range.min <= range.max)) {
      issues.push(
        modelIssue(
          ['segment', field],
          'SEGMENT_RANGE_INVALID',
          `适用范围中 ${field === 'employees' ? '员工数' : '企业营收'} 的最小值（${range.min}）大于最大值（${range.max}）`,
          `Segment ${field}: min (${range.min}) is above max (${range.max})`,
        ),
      );
    }
  }
  issues.push(...checkGroups(model), ...checkTiers(model), ...checkRules(model));
  return issues;
}
