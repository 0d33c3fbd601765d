import { CLASSIFICATION_LABELS, type ClassificationDimension } from '@stratum/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { customerScopeCondition } from '../access/customerScope.js';
import { currentGradeCondition } from '../grades/currentGrades.js';
import { FIXED_CODE_KEYS, rfmSegments, tierKeys } from '../grades/gradeCodes.js';
import type { GradedRun } from '../grades/gradedRuns.js';
import { defused, type ExportColumn } from './exportQuery.js';

/**
 * The grade export (DESIGN §9 "Grade export columns", then model_key and run_id so that a file of the
 * current grades of several model families stays unambiguous). Codes are written as their stable keys
 * (tier S/A/B/C, abc A/B/C, lifecycle `active` …), money as decimals, missing values as empty cells.
 */
export const GRADE_EXPORT_COLUMNS: readonly ExportColumn[] = [
  { key: 'external_id', zh: '客户编号', kind: 'text' },
  { key: 'name', zh: '客户名称', kind: 'text' },
  { key: 'tier', zh: '客户等级', kind: 'text' },
  { key: 'score', zh: '得分', kind: 'number' },
  { key: 'abc_class', zh: 'ABC 分类', kind: 'text' },
  { key: 'rfm_r', zh: 'R 分', kind: 'number' },
  { key: 'rfm_f', zh: 'F 分', kind: 'number' },
  { key: 'rfm_m', zh: 'M 分', kind: 'number' },
  { key: 'rfm_segment', zh: 'RFM 分群', kind: 'text' },
  { key: 'lifecycle_stage', zh: '生命周期阶段', kind: 'text' },
  { key: 'p_alive', zh: '存活概率', kind: 'number' },
  { key: 'expected_purchases_90d', zh: '预计购买次数（90 天）', kind: 'number' },
  { key: 'clv_historical', zh: '历史 CLV', kind: 'number' },
  { key: 'clv_predicted_12m', zh: '预测 CLV（12 个月）', kind: 'number' },
  { key: 'churn_risk', zh: '流失风险', kind: 'number' },
  { key: 'churn_level', zh: '流失等级', kind: 'text' },
  { key: 'churn_reasons', zh: '流失原因', kind: 'text' },
  { key: 'importance', zh: '重要程度', kind: 'text' },
  { key: 'demand', zh: '需求程度', kind: 'text' },
  { key: 'contribution', zh: '贡献度', kind: 'text' },
  { key: 'growth_potential', zh: '成长潜力', kind: 'text' },
  { key: 'industry_position', zh: '行业地位', kind: 'text' },
  { key: 'portfolio_quadrant', zh: '组合象限', kind: 'text' },
  { key: 'model_version', zh: '模型版本', kind: 'number' },
  { key: 'as_of', zh: '评估日期', kind: 'text' },
  { key: 'model_key', zh: '模型', kind: 'text' },
  { key: 'run_id', zh: '分级批次', kind: 'number' },
];

/**
 * Columns the SELECT adds after the exported ones, for the churn sentence that only core can write:
 * the churn flags and the explain blob (hex) holding the churn evidence.
 */
export const GRADE_HELPER_COLUMNS = 2;

const text = (values: readonly string[]) =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/** `(keys)[code + 1]` with the key list of each run's own model (codes index the model that graded). */
function perRun(runs: readonly GradedRun[], keysOf: (run: GradedRun) => readonly string[], code: SQL): SQL {
  if (runs.length === 1) return sql`(${text(keysOf(runs[0]!))})[${code} + 1]`;
  const whens = runs.map(
    (run) => sql`WHEN ${sql.raw(String(run.id))} THEN (${text(keysOf(run))})[${code} + 1]`,
  );
  return sql`CASE g.run_id ${sql.join(whens, sql` `)} END`;
}

const fixed = (keys: readonly string[], code: SQL) => sql`(${text(keys)})[${code} + 1]`;
const dimension = (d: ClassificationDimension, code: SQL) => fixed(CLASSIFICATION_LABELS[d].keys, code);
/** A real column as text in its shortest exact form; NaN (missing) as NULL. */
const real = (column: SQL) => sql`NULLIF(${column}, 'NaN'::real)::text`;
const money = (cents: SQL) => sql`(${cents}::numeric / 100)::numeric(20, 2)::text`;

/**
 * The export SELECT: the grades of `runs` (one run, or the current runs with `current`), of the actor's
 * customers (scope in the query; deleted customers left out), in customer-id order.
 */
export function gradeExportSelect(runs: readonly GradedRun[], current: boolean, actor: Actor): SQL {
  const which = current ? currentGradeCondition(runs) : sql`g.run_id = ${sql.raw(String(runs[0]!.id))}`;
  const values: SQL[] = [
    defused(sql`c.external_id`),
    defused(sql`c.name`),
    defused(perRun(runs, (run) => tierKeys(run.model.model), sql`g.tier`)),
    sql`round(g.score::numeric, 2)::text`,
    fixed(FIXED_CODE_KEYS.abc, sql`g.abc`),
    sql`g.rfm_r`,
    sql`g.rfm_f`,
    sql`g.rfm_m`,
    defused(perRun(runs, (run) => rfmSegments(run.model.model).map((s) => s.key), sql`g.rfm_segment`)),
    fixed(FIXED_CODE_KEYS.lifecycle, sql`g.lifecycle`),
    real(sql`g.p_alive`),
    real(sql`g.expected_purchases`),
    money(sql`g.clv_historical_cents`),
    money(sql`g.clv_predicted_cents`),
    real(sql`g.churn_risk`),
    fixed(FIXED_CODE_KEYS.churnLevel, sql`g.churn_level`),
    sql`NULL`,
    dimension('importance', sql`g.importance`),
    dimension('demand', sql`g.demand`),
    dimension('contribution', sql`g.contribution`),
    dimension('growthPotential', sql`g.growth_potential`),
    dimension('industryPosition', sql`g.industry_position`),
    dimension('portfolioQuadrant', sql`g.portfolio`),
    sql`m.version`,
    sql`r.as_of::text`,
    defused(sql`m.key`),
    sql`g.run_id`,
    // Helpers: the churn flags and the explain blob (hex; its evidence is read in Node, see explainBlob).
    sql`g.churn_flags`,
    sql`CASE WHEN g.churn_flags <> 0 THEN encode(g.explain, 'hex') END`,
  ];
  return sql`SELECT ${sql.join(values, sql`, `)}
    FROM grades g
    JOIN grading_runs r ON r.id = g.run_id
    JOIN grading_models m ON m.id = r.model_id
    JOIN customers c ON c.id = g.customer_id
    WHERE ${which} AND c.deleted_at IS NULL AND ${customerScopeCondition(actor, sql`c.owner_id`)}
    ORDER BY g.customer_id`;
}
