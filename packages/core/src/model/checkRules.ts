import { closestMatch } from './closestMatch.js';
import { satisfiable } from './conditionInterval.js';
import type { GradingModel, TierRule } from './GradingModelSchema.js';
import type { ModelIssue } from './ModelIssue.js';
import { modelIssue } from './ModelIssue.js';
import { indicatorName } from './names.js';

/**
 * Rules: ids, conditions, tier references, and conflicts.
 *
 * Conflicts are defined on the conditions as intervals per column (see `satisfiable`):
 * - a rule NEVER FIRES when its own conditions cannot hold together (`revenue >= 10` and `< 5`);
 * - a rule CONTRADICTS ITSELF when its floor is above its ceiling (atLeast A, atMost B);
 * - two rules CONTRADICT when their conditions can hold for the same customer and one's floor is
 *   above the other's ceiling (that customer would have to be both ≥ A and ≤ B);
 * - two rules are DUPLICATES when they have the same set of conditions and the same floor and
 *   ceiling (ids and notes aside).
 * Two floors (or two ceilings) that overlap are fine: the strongest applies.
 */
export function checkRules(model: Pick<GradingModel, 'rules' | 'tiers'>): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const tierIndex = new Map(model.tiers.map((t, i) => [t.key, i]));
  const ids = new Set<string>();
  model.rules.forEach((rule, r) => {
    const path = ['rules', r] as const;
    const id = rule.id;
    if (id.trim() === '') {
      issues.push(
        modelIssue(
          [...path, 'id'],
          'RULE_ID_EMPTY',
          `第 ${r + 1} 条规则缺少编号`,
          `Rule ${r + 1} has an empty id`,
        ),
      );
    } else if (ids.has(id)) {
      issues.push(
        modelIssue(
          [...path, 'id'],
          'DUPLICATE_RULE_ID',
          `规则编号 '${id}' 重复`,
          `Rule id '${id}' is used twice`,
        ),
      );
    }
    ids.add(id);
    if (rule.when.length === 0) {
      issues.push(
        modelIssue(
          [...path, 'when'],
          'RULE_NO_CONDITIONS',
          `规则 '${id}' 没有条件`,
          `Rule '${id}' has no conditions`,
        ),
      );
    }
    if (rule.atLeast === undefined && rule.atMost === undefined) {
      issues.push(
        modelIssue(
          path,
          'RULE_NO_ACTION',
          `规则 '${id}' 需要指定“至少”或“至多”某个等级`,
          `Rule '${id}' needs atLeast or atMost a tier`,
        ),
      );
    }
    for (const field of ['atLeast', 'atMost'] as const) {
      const key = rule[field];
      if (key !== undefined && !tierIndex.has(key)) {
        const guess = closestMatch(key, tierIndex.keys());
        issues.push(
          modelIssue(
            [...path, field],
            'RULE_UNKNOWN_TIER',
            `规则 '${id}' 引用了不存在的等级 '${key}'${guess ? `（是否为 ${guess}？）` : ''}`,
            `Rule '${id}' refers to unknown tier '${key}'${guess ? ` (did you mean ${guess}?)` : ''}`,
          ),
        );
      }
    }
    let wellFormed = true;
    rule.when.forEach((c, j) => {
      const name = indicatorName(c.indicator);
      const at = [...path, 'when', j, 'value'];
      if (c.op === 'between') {
        if (!Array.isArray(c.value)) {
          wellFormed = false;
          issues.push(
            modelIssue(
              at,
              'RULE_VALUE_SHAPE',
              `规则 '${id}'：between（介于）需要 [下限, 上限] 两个数`,
              `Rule '${id}': between needs two numbers [low, high]`,
            ),
          );
        } else if (!(c.value[0] <= c.value[1])) {
          wellFormed = false;
          issues.push(
            modelIssue(
              at,
              'RULE_BETWEEN_ORDER',
              `规则 '${id}'：${name.zh} 介于 [${c.value[0]}, ${c.value[1]}] 的下限大于上限`,
              `Rule '${id}': the range [${c.value[0]}, ${c.value[1]}] of ${name.en} has its low end above its high end`,
            ),
          );
        }
      } else if (typeof c.value !== 'number') {
        wellFormed = false;
        issues.push(
          modelIssue(
            at,
            'RULE_VALUE_SHAPE',
            `规则 '${id}'：比较方式 ${c.op} 需要一个数，区间请用 between`,
            `Rule '${id}': operator ${c.op} needs a single number; use between for a range`,
          ),
        );
      }
    });
    if (wellFormed && rule.when.length > 0 && !satisfiable(rule.when)) {
      issues.push(
        modelIssue(
          [...path, 'when'],
          'RULE_NEVER_FIRES',
          `规则 '${id}' 的条件不可能同时成立，该规则永远不会生效`,
          `The conditions of rule '${id}' can never all hold, so it never applies`,
        ),
      );
    }
    const floor = rule.atLeast === undefined ? undefined : tierIndex.get(rule.atLeast);
    const ceiling = rule.atMost === undefined ? undefined : tierIndex.get(rule.atMost);
    if (floor !== undefined && ceiling !== undefined && floor < ceiling) {
      issues.push(
        modelIssue(
          path,
          'RULE_SELF_CONTRADICTION',
          `规则 '${id}' 要求至少为 ${rule.atLeast} 又至多为 ${rule.atMost}，互相矛盾`,
          `Rule '${id}' asks for at least ${rule.atLeast} and at most ${rule.atMost}, which contradict`,
        ),
      );
    }
  });
  issues.push(...checkRulePairs(model.rules, tierIndex));
  return issues;
}

function checkRulePairs(rules: readonly TierRule[], tierIndex: ReadonlyMap<string, number>): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const signatures = rules.map(signature);
  for (let b = 1; b < rules.length; b++) {
    const rb = rules[b]!;
    for (let a = 0; a < b; a++) {
      const ra = rules[a]!;
      if (signatures[a] === signatures[b]) {
        issues.push(
          modelIssue(
            ['rules', b],
            'DUPLICATE_RULE',
            `规则 '${rb.id}' 与规则 '${ra.id}' 完全相同，请删除其一`,
            `Rule '${rb.id}' is identical to rule '${ra.id}'; remove one`,
          ),
        );
        continue;
      }
      const clash = contradiction(ra, rb, tierIndex) ?? contradiction(rb, ra, tierIndex);
      if (clash && satisfiable([...ra.when, ...rb.when])) {
        const name = (c: TierRule['when'][number]): string => indicatorName(c.indicator).zh;
        issues.push(
          modelIssue(
            ['rules', b],
            'RULES_CONTRADICT',
            `规则 '${clash.floorRule.id}'（至少 ${clash.floorRule.atLeast}）与规则 '${clash.ceilingRule.id}'（至多 ${clash.ceilingRule.atMost}）可能同时适用于同一客户（${[...new Set([...ra.when, ...rb.when].map(name))].join('、')}），但要求互相矛盾`,
            `Rule '${clash.floorRule.id}' (at least ${clash.floorRule.atLeast}) and rule '${clash.ceilingRule.id}' (at most ${clash.ceilingRule.atMost}) can both apply to one customer but contradict each other`,
          ),
        );
      }
    }
  }
  return issues;
}

/** `floorRule`'s floor is above `ceilingRule`'s ceiling (when both tiers are known). */
function contradiction(
  floorRule: TierRule,
  ceilingRule: TierRule,
  tierIndex: ReadonlyMap<string, number>,
): { floorRule: TierRule; ceilingRule: TierRule } | undefined {
  const floor = floorRule.atLeast === undefined ? undefined : tierIndex.get(floorRule.atLeast);
  const ceiling = ceilingRule.atMost === undefined ? undefined : tierIndex.get(ceilingRule.atMost);
  return floor !== undefined && ceiling !== undefined && floor < ceiling
    ? { floorRule, ceilingRule }
    : undefined;
}

/** Conditions as a set (order-free) plus the floor and ceiling: equal signatures = duplicate rules. */
function signature(rule: TierRule): string {
  const conditions = rule.when.map((c) => JSON.stringify([c.indicator, c.op, c.value])).sort();
  return JSON.stringify([[...new Set(conditions)], rule.atLeast ?? null, rule.atMost ?? null]);
}
