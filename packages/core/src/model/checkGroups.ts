import { INDICATOR_GROUP_LABELS } from '../indicators/IndicatorDefinition.js';
import type { Label } from '../util/Label.js';
import { checkNormalize } from './checkNormalize.js';
import type { GradingModel } from './GradingModelSchema.js';
import type { ModelIssue } from './ModelIssue.js';
import { modelIssue } from './ModelIssue.js';
import { indicatorName } from './names.js';

/** A group as messages name it: its label, else the catalogue group's, else its key. */
export function groupName(group: { key: string; label?: Label | undefined }): Label {
  const label = group.label ?? (INDICATOR_GROUP_LABELS as Readonly<Record<string, Label>>)[group.key];
  return label
    ? { zh: `${label.zh}（${group.key}）`, en: `${label.en} (${group.key})` }
    : { zh: group.key, en: group.key };
}

/** Groups, their weights and indicators (keys unique across the whole model), and normalisers. */
export function checkGroups(model: Pick<GradingModel, 'groups'>): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (model.groups.length === 0) {
    issues.push(
      modelIssue(
        ['groups'],
        'NO_GROUPS',
        '模型至少需要一个指标组',
        'The model needs at least one indicator group',
      ),
    );
  }
  const groupKeys = new Set<string>();
  const seenIndicator = new Map<string, Label>();
  model.groups.forEach((group, g) => {
    const gName = groupName(group);
    if (group.key.trim() === '') {
      issues.push(
        modelIssue(
          ['groups', g, 'key'],
          'GROUP_KEY_EMPTY',
          `第 ${g + 1} 个指标组缺少键`,
          `Group ${g + 1} has an empty key`,
        ),
      );
    } else if (groupKeys.has(group.key)) {
      issues.push(
        modelIssue(
          ['groups', g, 'key'],
          'DUPLICATE_GROUP',
          `指标组 ${gName.zh} 重复出现，每个组只能出现一次`,
          `Group ${gName.en} appears more than once`,
        ),
      );
    }
    groupKeys.add(group.key);
    if (!(group.weight > 0)) {
      issues.push(
        modelIssue(
          ['groups', g, 'weight'],
          'GROUP_WEIGHT_NOT_POSITIVE',
          `指标组 ${gName.zh} 的权重必须大于 0（当前为 ${group.weight}）`,
          `The weight of group ${gName.en} must be greater than 0 (got ${group.weight})`,
        ),
      );
    }
    if (group.indicators.length === 0) {
      issues.push(
        modelIssue(
          ['groups', g, 'indicators'],
          'EMPTY_GROUP',
          `指标组 ${gName.zh} 没有任何指标`,
          `Group ${gName.en} has no indicators`,
        ),
      );
    }
    group.indicators.forEach((ind, i) => {
      const path = ['groups', g, 'indicators', i] as const;
      const name = indicatorName(ind.key);
      const firstGroup = seenIndicator.get(ind.key);
      if (firstGroup) {
        issues.push(
          modelIssue(
            [...path, 'key'],
            'DUPLICATE_INDICATOR',
            `指标 ${name.zh} 重复出现（已在指标组 ${firstGroup.zh} 中），每个指标只能计分一次`,
            `Indicator ${name.en} appears twice (already in group ${firstGroup.en}); an indicator can count only once`,
          ),
        );
      }
      seenIndicator.set(ind.key, firstGroup ?? gName);
      if (!(ind.weight > 0)) {
        issues.push(
          modelIssue(
            [...path, 'weight'],
            'WEIGHT_NOT_POSITIVE',
            `指标 ${name.zh} 的权重必须大于 0（当前为 ${ind.weight}）；不想计分请直接删除该指标`,
            `The weight of ${name.en} must be greater than 0 (got ${ind.weight}); remove the indicator to leave it out`,
          ),
        );
      }
      issues.push(...checkNormalize(ind.key, ind.normalize, [...path, 'normalize']));
    });
  });
  return issues;
}
